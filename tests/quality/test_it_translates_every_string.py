"""Every catalogue ships complete: no Spanish or French entry is left empty or marked fuzzy.

`make makemessages` adds each new string of the code to the catalogues with an empty or
fuzzy translation; this check then fails until someone translates it.
"""

from __future__ import annotations

from tests.quality.catalogues import catalogue_paths, entries


def test_no_catalogue_entry_is_left_untranslated() -> None:
    missing = [
        f"{entry.app} {entry.language}: {entry.msgid[:70]!r}"
        for entry in entries()
        if not entry.translations or not all(text.strip() for text in entry.translations)
    ]
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_no_catalogue_entry_is_fuzzy() -> None:
    fuzzy = []
    for path in catalogue_paths():
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            flags = [line for line in block.splitlines() if line.startswith("#,")]
            if any("fuzzy" in line for line in flags) and 'msgid ""\nmsgstr ""' not in block:
                fuzzy.append(f"{path.relative_to(path.parents[4])}: {block.splitlines()[-1]}")
    assert not fuzzy, "fuzzy (a guess nobody checked):\n" + "\n".join(fuzzy)


def test_it_reads_both_languages_of_every_app() -> None:
    languages = {(entry.app, entry.language) for entry in entries()}
    apps = {app for app, _ in languages}
    assert {"registry", "learning", "rights", "network"} <= apps
    assert all((app, language) in languages for app in apps for language in ("es", "fr"))
