"""An import-linter contract: an app may be entered only through its public modules.

[[tool.importlinter.contracts]]
type = "public_interface"
apps = ["juntos.accounts", ...]
public = ["services", "selectors", "policies"]
extra_public = ["juntos.core.crypto", ...]      # further modules anyone may import
exempt_importers = ["juntos.*.tests", ...]       # importers the rule does not apply to
"""

from __future__ import annotations

import fnmatch
from typing import cast

import grimp
from importlinter import Contract, ContractCheck, fields, output


class PublicInterfaceContract(Contract):
    type_name = "public_interface"

    apps = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField())
    extra_public = fields.ListField(subfield=fields.StringField(), required=False)
    exempt_importers = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        apps = [str(app) for app in cast(list[str], self.apps)]
        public = {str(name) for name in cast(list[str], self.public)}
        extra = {str(name) for name in cast(list[str], self.extra_public or [])}
        exempt = [str(p) for p in cast(list[str], self.exempt_importers or [])]
        violations: list[tuple[str, str]] = []
        for app in apps:
            for imported in graph.find_descendants(app) | {app}:
                if imported in extra or _is_public(app, imported, public):
                    continue
                for importer in graph.find_modules_that_directly_import(imported):
                    if _same_app(importer, app) or _matches(importer, exempt):
                        continue
                    violations.append((importer, imported))
        return ContractCheck(kept=not violations, metadata={"violations": sorted(violations)})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported in check.metadata["violations"]:
            output.print_error(f"{importer} imports {imported}, which is not a public module.")
        output.new_line()
        output.print("Import only services, selectors and policies of another app.")


def _is_public(app: str, module: str, public: set[str]) -> bool:
    rest = module[len(app) + 1 :] if module.startswith(app + ".") else ""
    return rest.split(".")[0] in public if rest else False


def _same_app(importer: str, app: str) -> bool:
    return importer == app or importer.startswith(app + ".")


def _matches(module: str, patterns: list[str]) -> bool:
    return any(
        fnmatch.fnmatch(module, pattern) or fnmatch.fnmatch(module, pattern + ".*")
        for pattern in patterns
    )
