"""The interface in Latvian (issue 16, point 1): real input problems, found through the public functions, read in
Latvian, where they are, what is wrong and what to do; the config's problems too. The other tests read English."""

import pytest

from grantreports.checks.config import config_problems, unknown_grants
from grantreports.common import i18n
from grantreports.common.preview_lock import Holder, preview_running_text
from grantreports.common.project import PROJECT_DIR
from grantreports.inputs import cells
from grantreports.inputs.reading import read_file
from grantreports.inputs.sheets import sheet_specs
from tests.fixtures import BC, SIF, TEMPLATES, group, sheets, write_workbook


@pytest.fixture(autouse=True)
def latvian(monkeypatch):
    monkeypatch.setenv(i18n.ENVIRONMENT, "lv")


def validate(tmp_path, tables):
    found, problems = read_file(write_workbook(tmp_path / "in.xlsx", tables), "in.xlsx", sheet_specs())
    grants, more = group(found)
    return grants, problems + more


def test_a_cell_that_cannot_be_read_is_named_in_latvian(tmp_path):
    tables = sheets()
    tables["activities"][1][7] = "daudz"  # participants, row 2
    grants, problems = validate(tmp_path, tables)
    assert set(grants) == {BC}
    assert [str(p) for p in problems] == [
        "in.xlsx, lapa 'activities', 2. rinda, kolonna 'participants': vērtība 'daudz': jābūt veselam skaitlim, piem., 12"
    ]


def test_a_date_that_does_not_exist_is_told_with_latvian_month_names():
    with pytest.raises(cells.CellError) as error:
        cells.to_date("31.09.2024.")
    assert str(error.value) == "datums 2024. gada 31. septembris neeksistē (septembris ilgst 30 dienas); jābūt īstam datumam"
    with pytest.raises(cells.CellError) as error:
        cells.to_date("7/6/2023")
    assert str(error.value) == ("tas var būt 2023. gada 7. jūnijs vai 2023. gada 6. jūlijs; datums jāraksta 07.06.2023. vai 2023-06-07")


def test_a_missing_column_is_named_with_its_latvian_name(tmp_path):
    tables = sheets()
    tables["expenses"] = [row[:3] + row[4:] for row in tables["expenses"]]  # no amount column
    _, problems = validate(tmp_path, tables)
    assert str(problems[0]) == "in.xlsx, lapa 'expenses', 1. rinda: galvenē (1. rinda) trūkst obligātās kolonnas 'amount' ('Summa')"


def test_an_unknown_grant_number_suggests_the_closest_in_latvian(tmp_path):
    tables = sheets()
    tables["activities"][4][0] = "BC-LV-P2P-2023/4"
    _, problems = validate(tmp_path, tables)
    (problem,) = [p for p in problems if p.severity == "error"]
    assert problem.grant == BC
    assert problem.message == "lapā grants nav projekta ar šādu numuru (vai domājāt 'BC-LV-P2P-2023/04'?); jābūt kāda projekta numuram"


def test_a_grant_without_periods_is_told_which_sheet_to_fill_by_both_its_names(tmp_path):
    tables = sheets()
    tables["periods"] = [row for row in tables["periods"] if row[0] != BC]
    _, problems = validate(tmp_path, tables)
    (problem,) = [p for p in problems if (p.sheet, p.column) == ("grants", "grant_number")]
    assert problem.message == (
        "projektam nav pārskata periodu, tāpēc tas nesaņem atskaiti; vajadzīgas rindas lapā periods (Periodi)"
        f" ar grant_number {BC} (viena katrai atskaitei)"
    )


def test_the_config_problems_are_in_latvian():
    config = {"inputs": ["inputs/*.xlsx"], "as_of": "2024-02-30", "templates": str(TEMPLATES), "grants": [], "render_batche": 4}
    lines = config_problems(config, "config/config.yaml", PROJECT_DIR)
    assert lines[0].startswith("config/config.yaml: nezināma atslēga 'render_batche' (vai domājāt 'render_batches'?); derīgās atslēgas:")
    assert lines[1] == (
        "config/config.yaml: atslēga 'as_of': vērtība '2024-02-30': datums 2024. gada 30. februāris neeksistē"
        " (2024. gada februāris ilgst 29 dienas); jābūt īstam datumam"
    )
    assert unknown_grants([f"{SIF}x"], [SIF, BC], "config/config.yaml") == [
        (
            f"config/config.yaml: atslēga 'grants': vērtība '{SIF}x': lapā grants nav projekta ar šādu numuru"
            f" (vai domājāt '{SIF}'?); jābūt projekta numuram"
        )
    ]


def test_a_build_that_does_not_start_while_preview_runs_says_in_latvian_which_preview_to_stop():
    assert preview_running_text(Holder(1234, "http://127.0.0.1:8000/")) == (
        "grantreports: priekšskatījums darbojas šajā mapē (process 1234, http://127.0.0.1:8000/): apturiet to (Ctrl+C tā logā)"
        " pirms būvējuma palaišanas vai būvējiet citā mapē"
    )


def test_a_funder_rule_is_explained_in_latvian(tmp_path):
    tables = sheets()
    del tables["budget_notes"][1]
    grants, problems = validate(tmp_path, tables)
    assert SIF not in grants
    (problem,) = problems
    assert problem.message == (
        "līdz 31.10.2024. pozīcijā iztērēti 1\u00a0190,00\u00a0EUR, par 19\u00a0% vairāk nekā apstiprināts (formāts 'sif-nvo-fonds'"
        " pieļauj 10\u00a0%); vajadzīgs skaidrojums lapā budget_notes (Budžeta skaidrojumi) ar grant_number"
        f" {SIF}, period_to 31.10.2024., line_code 5"
    )


def test_the_command_line_help_is_latvian_throughout(capsys):
    from grantreports.__main__ import main

    with pytest.raises(SystemExit) as stopped:
        main(["preview", "--help"])
    assert stopped.value.code == 0
    help_text = capsys.readouterr().out
    assert help_text.startswith("lietojums: grantreports preview [-h]")
    assert "\nopcijas:\n" in help_text
    assert "-h, --help            parādīt šo palīdzību un beigt" in help_text
    assert not any(word in help_text for word in ("usage:", "options:", "show this help"))


def test_a_command_line_mistake_is_told_in_latvian(capsys):
    from grantreports.__main__ import main

    with pytest.raises(SystemExit) as stopped:
        main(["preview", "--port", "astoņi"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "grantreports preview: kļūda: arguments --port: nederīga int vērtība: 'astoņi'"


def test_every_argparse_word_listed_has_its_latvian_words(monkeypatch):
    from grantreports.common.argparse_words import translated_words

    latvian = translated_words()
    monkeypatch.setenv(i18n.ENVIRONMENT, "en")
    assert all(lv != en for lv, en in zip(latvian, translated_words(), strict=True))
