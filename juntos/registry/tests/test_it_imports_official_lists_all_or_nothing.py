import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from juntos.monitoring.selectors import fact_table
from juntos.registry.models import (
    Employer,
    NonComplianceRecord,
    Recruiter,
    RecruiterLicence,
    RegistryImport,
)
from juntos.registry.selectors import recruiter_licence_status

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_registry", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Employer, NonComplianceRecord, Recruiter, RecruiterLicence, RegistryImport)
    )


def test_sample_noncompliant_list_imports_with_source_and_date(db):
    out, _ = run(
        "--kind",
        "noncompliant",
        "--published",
        "2026-06-30",
        str(SAMPLES / "noncompliant-employers.csv"),
    )
    assert "Imported 4 new row(s)" in out
    record = NonComplianceRecord.objects.get(employer__legal_name="Campos Verdes Farms Inc.")
    assert record.decision_date == dt.date(2025, 3, 2)
    assert record.penalty == "$45,000 and a 5-year ban"
    assert record.source_import.source_date == dt.date(2026, 6, 30)
    assert "non-compliant" in record.source_import.source
    assert record.employer.sites.get().province == "ON"
    # Importing the same list again adds nothing.
    out, _ = run("--kind", "noncompliant", str(SAMPLES / "noncompliant-employers.csv"))
    assert "Imported 0 new row(s)" in out
    assert NonComplianceRecord.objects.count() == 4


def test_sample_recruiter_lists_import_per_province(db):
    run("--kind", "recruiters", "--province", "BC", str(SAMPLES / "recruiters-bc.csv"))
    run("--kind", "recruiters", "--province", "MB", str(SAMPLES / "recruiters-mb.csv"))
    tierra = Recruiter.objects.get(name="Agencia Tierra Fértil")
    assert {(lic.province, lic.status) for lic in tierra.licences.all()} == {
        ("BC", "suspended"),
        ("MB", "expired"),
    }
    status = recruiter_licence_status("pacific agricultural", province="BC", on=dt.date(2026, 1, 1))
    assert status is not None and status.number == "FWR-2019-0142" and status.in_good_standing
    table = fact_table("registry.import", group_by=("category",), threshold=0)
    assert [(row.dimensions["category"], row.count) for row in table] == [("recruiters", 2)]


NC_HEADER = (
    "Business operating name,Business legal name,Address,Reason(s),Date of final decision,"
    "Penalty,Status"
)
BAD_NONCOMPLIANT = (
    NC_HEADER
    + """
Good Farm,Good Farm Ltd.,"Abbotsford, BC",Did not keep documents,2025-01-10,Warning,Eligible
,,"Kelowna, BC",Did not pay wages,2025-01-10,"$1,000",Eligible
Late Farm,Late Farm Ltd.,"Delta, BC",Did not pay wages,10/01/2025,"$1,000",Eligible
Empty Farm,Empty Farm Ltd.,"Delta, BC",,2025-01-10,,Eligible
Good Farm,Good Farm Ltd.,"Abbotsford, BC",Did not keep documents,2025-01-10,Warning,Eligible
"""
)


def test_bad_noncompliant_file_changes_nothing_and_names_every_line(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_NONCOMPLIANT, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match="nothing was imported"):
        run("--kind", "noncompliant", str(path))
    assert snapshot() == before
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_registry", "--kind", "noncompliant", str(path), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "line 3: the business has neither a legal nor an operating name",
        "line 4: “10/01/2025” is not a date (use YYYY-MM-DD)",
        "line 5: reasons is empty",
        "line 5: penalty is empty",
        "line 6: repeats line 2",
    ]


def test_bad_recruiter_file_changes_nothing(db, tmp_path):
    run("--kind", "recruiters", "--province", "BC", str(SAMPLES / "recruiters-bc.csv"))
    licence = RecruiterLicence.objects.get(number="FWR-2021-0511")
    path = tmp_path / "bad.csv"
    path.write_text(
        "Licence number,Licensee name,Business name,Licence status,Expiry date,"
        "Terms and conditions\n"
        "FWR-2021-0511,Coastal Harvest Staffing,,Cancelled,2026-12-31,\n"
        ",Nameless Number,,Active,2026-12-31,\n"
        "FWR-9,Odd Status,,Sleeping,31 December,\n"
        "FWR-10,Short row\n",
        encoding="utf-8",
    )
    before = snapshot()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_registry", "--kind", "recruiters", "--province", "BC", str(path), stderr=err
        )
    assert snapshot() == before
    licence.refresh_from_db()
    assert licence.status == "active"  # the valid first row was not applied either
    assert err.getvalue().splitlines() == [
        "line 3: the licence number is empty",
        "line 4: unknown licence status “Sleeping”",
        "line 4: “31 December” is not a date (use YYYY-MM-DD)",
        "line 5: expected 6 columns, found 2",
    ]


def test_missing_columns_and_unreadable_files_are_refused(db, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("Name,Number\nA,1\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_registry", "--kind", "recruiters", "--province", "BC", str(path), stderr=err
        )
    assert err.getvalue().startswith("line 1: missing columns: Licensee name, Licence number")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Licence number\nFértil\n".encode("latin-1"))
    with pytest.raises(CommandError, match="cannot read"):
        run("--kind", "recruiters", "--province", "BC", str(latin))
    with pytest.raises(CommandError, match="province is required"):
        run("--kind", "recruiters", str(path))
    assert RegistryImport.objects.count() == 0
