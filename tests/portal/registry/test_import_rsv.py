import datetime

import pytest
from django.core.management import CommandError, call_command

from portal.registry import services
from portal.registry.models import Company
from portal.registry.services import import_rsv_csv, parse_date
from tests.factories import CompanyFactory, valid_cvr

pytestmark = pytest.mark.django_db

KERNEN, CYKLER, GENBRUG = valid_cvr(1), valid_cvr(2), valid_cvr(3)


@pytest.fixture
def companies():
    return {
        cvr: CompanyFactory(cvr=cvr, name=name)
        for cvr, name in [
            (KERNEN, "Café Kernen"),
            (CYKLER, "Åens Cykelværksted"),
            (GENBRUG, "Østergades Genbrug"),
        ]
    }


def run_import(tmp_path, text: str, encoding="utf-8"):
    path = tmp_path / "rsv.csv"
    path.write_bytes(text.encode(encoding))
    call_command("import_rsv", str(path))


def registered():
    return {c.cvr: c.rsv_registered_on for c in Company.objects.filter(rsv_registered=True)}


def test_a_comma_separated_file_marks_the_companies(tmp_path, capsys, companies):
    run_import(tmp_path, f"cvr,registreret\n{KERNEN},2024-03-01\n{CYKLER},2023-09-14\n")

    assert registered() == {
        KERNEN: datetime.date(2024, 3, 1),
        CYKLER: datetime.date(2023, 9, 14),
    }
    output = capsys.readouterr()
    assert "Markeret som RSV: 2. Oprettet: 0. Uændrede: 0." in output.out
    assert output.err == ""


def test_a_danish_excel_file_with_semicolons_and_bom_is_read(tmp_path, capsys, companies):
    run_import(
        tmp_path,
        f"\ufeffCVR-nummer;Registreringsdato;Navn\r\n"
        f"DK {KERNEN[:2]} {KERNEN[2:4]} {KERNEN[4:6]} {KERNEN[6:]};01-03-2024;Café Kernen\r\n"
        f"{CYKLER};1.3.2024;Åens Cykelværksted\r\n",
    )

    assert registered() == {KERNEN: datetime.date(2024, 3, 1), CYKLER: datetime.date(2024, 3, 1)}
    assert "Markeret som RSV: 2." in capsys.readouterr().out


def test_a_windows_1252_file_from_older_excel_is_read(tmp_path, capsys):
    run_import(tmp_path, f"cvr;dato;navn\n{KERNEN};01-03-2024;Æblehaven\n", encoding="cp1252")
    assert Company.objects.get(cvr=KERNEN).name == "Æblehaven"


def test_bad_rows_are_reported_by_line_number_and_the_rest_is_imported(tmp_path, capsys, companies):
    run_import(
        tmp_path,
        "cvr;dato\n"
        f"{KERNEN};2024-03-01\n"
        "12345678;2024-03-01\n"
        f"{CYKLER};31-02-2024\n"
        f";2024-03-01\n"
        f"{GENBRUG};\n",
    )

    assert registered() == {KERNEN: datetime.date(2024, 3, 1)}
    output = capsys.readouterr()
    assert "Markeret som RSV: 1." in output.out
    assert "Afviste linjer: 4." in output.out
    assert output.err.splitlines() == [
        "Linje 3: »12345678« er ikke et gyldigt CVR-nummer.",
        "Linje 4: Datoen »31-02-2024« kan ikke læses. Skriv den som 2024-03-01 eller 01-03-2024.",
        "Linje 5: CVR-nummer mangler.",
        "Linje 6: Registreringsdatoen mangler.",
    ]


def test_an_unknown_cvr_number_with_a_name_is_created_as_social_economy(tmp_path, capsys):
    new_cvr = valid_cvr(9)
    run_import(tmp_path, f"cvr;registreret;navn\n{new_cvr};2024-03-01;Aarø Rengøringskooperativ\n")

    company = Company.objects.get(cvr=new_cvr)
    assert company.name == "Aarø Rengøringskooperativ"
    assert company.kind == Company.Kind.SOCIAL_ECONOMY
    assert company.rsv_registered_on == datetime.date(2024, 3, 1)
    assert "Markeret som RSV: 0. Oprettet: 1." in capsys.readouterr().out


def test_an_unknown_cvr_number_without_a_name_is_reported_not_created(tmp_path, capsys):
    new_cvr = valid_cvr(9)
    run_import(tmp_path, f"cvr;registreret\n{new_cvr};2024-03-01\n")

    assert not Company.objects.exists()
    output = capsys.readouterr()
    assert f"Linje 2: CVR-nummer {new_cvr} findes ikke i registret" in output.err
    assert "Ukendte CVR-numre: 1." in output.out


def test_importing_the_same_file_again_changes_nothing(tmp_path, capsys, companies):
    text = f"cvr,registreret\n{KERNEN},2024-03-01\n"
    run_import(tmp_path, text)
    history_entries = Company.history.count()
    run_import(tmp_path, text)

    assert "Markeret som RSV: 0. Oprettet: 0. Uændrede: 1." in capsys.readouterr().out
    assert Company.history.count() == history_entries


def test_the_import_is_recorded_in_the_companys_history(companies):
    import_rsv_csv(f"cvr,registreret\n{KERNEN},2024-03-01\n")
    latest = Company.objects.get(cvr=KERNEN).history.first()
    assert latest.rsv_registered
    assert "Import" in latest.history_change_reason


def test_an_unexpected_error_half_way_leaves_the_registry_untouched(monkeypatch, companies):
    real_mark = services.mark_rsv_registered
    calls = []

    def fail_on_second_company(**kwargs):
        calls.append(kwargs["company"])
        if len(calls) == 2:
            raise RuntimeError("databasen forsvandt")
        return real_mark(**kwargs)

    monkeypatch.setattr(services, "mark_rsv_registered", fail_on_second_company)
    with pytest.raises(RuntimeError):
        import_rsv_csv(
            f"cvr;dato;navn\n{valid_cvr(9)};2024-03-01;Ny ApS\n"
            f"{KERNEN};2024-03-01;\n{CYKLER};2024-03-01;\n"
        )

    assert len(calls) == 2
    assert registered() == {}
    assert Company.objects.count() == 3


def test_a_file_without_a_cvr_column_is_refused_in_danish(tmp_path):
    with pytest.raises(CommandError, match="Filen mangler en kolonne med CVR-nummer"):
        run_import(tmp_path, "navn;dato\nCafé Kernen;2024-03-01\n")


def test_a_missing_file_is_refused_in_danish(tmp_path):
    with pytest.raises(CommandError, match="kan ikke læses"):
        call_command("import_rsv", str(tmp_path / "findes-ikke.csv"))


@pytest.mark.parametrize(
    "typed", ["2024-03-01", "01-03-2024", "1.3.2024", "1/3/2024", " 01.03.2024 "]
)
def test_dates_are_read_the_iso_and_the_danish_way(typed):
    assert parse_date(typed) == datetime.date(2024, 3, 1)


@pytest.mark.parametrize("typed", ["03-01-24", "2024-13-01", "marts 2024", "31.02.2024"])
def test_dates_that_cannot_be_read_are_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed)
