"""The template check, on the repository's formats and on copies with deliberate mistakes."""

import shutil
import zipfile

import pytest

from grantreports.__main__ import main
from grantreports.checks.template_check import check_templates
from tests.fixtures import TEMPLATES

FUNDERS = ["british-council", "esf-labklajibas-ministrija", "eu-action-grant", "mfa-lapas", "sif-nvo-fonds"]


def test_every_format_in_the_repository_passes():
    findings, formats = check_templates(TEMPLATES)
    assert formats == len(FUNDERS)
    assert [str(f) for f in findings] == []


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_word(path, old, new):
    with zipfile.ZipFile(path) as docx:
        parts = {name: docx.read(name) for name in docx.namelist()}
    xml = parts["word/document.xml"].decode()
    assert old in xml
    parts["word/document.xml"] = xml.replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w") as docx:
        for name, data in parts.items():
            docx.writestr(name, data)


def findings_of(templates) -> list[str]:
    return [str(f) for f in check_templates(templates)[0]]


def test_unknown_variables_in_html_name_file_line_tag_and_the_fields_there_are(templates):
    html = templates / "sif-nvo-fonds" / "report.html"
    edit(html, "{{ a.location }}", "{{ a.locaton }}")
    edit(html, "{{ grant.programme }}", "{{ grant.programm }}")
    edit(html, "{% for g in target_groups %}", "{% for g in target_group %}")
    found = findings_of(templates)
    assert any(
        f.startswith(f"ERROR {html.as_posix()}, line ")
        and "{{ a.locaton }}: 'locaton' is not a field of 'a'; expected one of: activity_code," in f
        for f in found
    )
    assert any("{{ grant.programm }}: 'programm' is not a field of 'grant'" in f and "programme" in f for f in found)
    assert any("no variable 'target_group' in the report" in f for f in found)


def test_a_misspelt_narrative_section_is_unknown_and_the_required_one_is_missing(templates):
    html = templates / "sif-nvo-fonds" / "report.html"
    edit(html, "{{ narrative.publicity }}", "{{ narrative.publicty }}")
    found = findings_of(templates)
    assert any(
        "{{ narrative.publicty }}: 'publicty' is not a field of 'narrative'; expected one of: deviations, publicity, summary" in f
        for f in found
    )
    assert f"ERROR {html.as_posix()}: the profile's sections list 'narrative.publicity', but this template never shows it" in found


def test_syntax_errors_and_unknown_filters_are_reported_with_their_tag(templates):
    edit(
        templates / "british-council" / "report.html", "{{ b.approved | money(grant.currency) }}", "{{ b.approved | mony(grant.currency) }}"
    )
    edit(templates / "mfa-lapas" / "report.html", "{% endif %}", "")
    found = findings_of(templates)
    assert any("{{ b.approved | mony(grant.currency) }}: syntax error: No filter named 'mony'" in f for f in found)
    assert any("mfa-lapas/report.html" in f and "syntax error: Unexpected end of template" in f for f in found)


def test_word_tags_split_across_runs_unknown_or_unclosed_are_named(templates):
    word = templates / "eu-action-grant" / "report.docx"
    edit_word(word, "<w:t>{{ narrative.summary }}</w:t>", "<w:t>{{ narrative.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>summary }}</w:t>")
    edit_word(word, "{{ narrative.dissemination }}", "{{ narrative.disemination }}")
    edit_word(word, "{{ narrative.deviations }}", "{{ narrative.deviations }")
    found = findings_of(templates)
    assert (
        f"WARNING {word.as_posix()}: {{{{ narrative.summary }}}}: Word split this tag into 2 pieces of text (runs); docxtpl joins them, but formatting inside the tag is lost. Retype the tag in one go or clear its formatting"
        in found
    )
    assert any(
        f.startswith(f"ERROR {word.as_posix()}: {{{{ narrative.disemination }}}}: 'disemination' is not a field of 'narrative'")
        for f in found
    )
    assert (
        f"ERROR {word.as_posix()}: {{{{ narrative.deviations }}: this tag is not closed in its paragraph; expected '}}}}' or '%}}' before the paragraph ends (a tag cannot span paragraphs)"
        in found
    )


def test_two_tags_run_together_in_word_are_a_syntax_error_naming_them(templates):
    word = templates / "eu-action-grant" / "report.docx"
    edit_word(word, "{{ signature.place }}", "{{ signature.place }")
    assert (
        f"ERROR {word.as_posix()}: {{{{ signature.place }}, {{{{ signature.date | date_long }}}}: syntax error: unexpected '}}'"
        in findings_of(templates)
    )


def test_a_word_syntax_error_names_the_tag(templates):
    word = templates / "british-council" / "report.docx"
    edit_word(word, "{%p endif %}", "{%p endiff %}")
    found = findings_of(templates)
    assert any(f.startswith(f"ERROR {word.as_posix()}: {{% endiff %}}: syntax error") for f in found)


def test_profile_mistakes_name_the_profile_and_the_key(templates):
    profile = templates / "mfa-lapas" / "profile.yaml"
    edit(profile, "budget_line_overspend: 0.10", "budget_line_overspend: ten percent")
    edit(
        templates / "eu-action-grant" / "profile.yaml",
        '{label: Coordinator, value: "{{ grant.coordinator or grant.grantee }}"}',
        '{label: Coordinator, value: "{{ grant.cordinator }}"}',
    )
    found = findings_of(templates)
    assert any(f.startswith(f"ERROR {profile.as_posix()}: budget_line_overspend: 'ten percent' is not of type 'number'") for f in found)
    eu_profile = (templates / "eu-action-grant" / "profile.yaml").as_posix()
    assert any(
        f.startswith(f"ERROR {eu_profile}, cover field 'Coordinator': {{{{ grant.cordinator }}}}: 'cordinator' is not a field of 'grant'")
        for f in found
    )


def test_a_section_the_profile_lists_must_be_a_template_variable(templates):
    edit(templates / "sif-nvo-fonds" / "profile.yaml", "charts.participants,", "charts.participant,")
    found = findings_of(templates)
    assert any("sif-nvo-fonds/profile.yaml: charts.participant: sections: 'participant' is not a field of 'charts'" in f for f in found)


def test_the_command_exits_1_on_errors_and_0_when_clean(templates, capsys):
    assert main(["check-templates", str(templates)]) == 0
    assert "5 report format(s) checked: 0 error(s), 0 warning(s)." in capsys.readouterr().out
    edit(templates / "sif-nvo-fonds" / "report.html", "{{ title }}", "{{ titel }}")
    assert main(["check-templates", str(templates)]) == 1
    assert "no variable 'titel'" in capsys.readouterr().out


def test_a_word_template_that_is_not_a_docx_is_named_not_a_crash(templates):
    word = templates / "mfa-lapas" / "report.docx"
    word.write_bytes(b"this is not a Word file")
    assert any(f.startswith(f"ERROR {word.as_posix()}: cannot read the Word template:") for f in findings_of(templates))
