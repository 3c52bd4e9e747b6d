"""An update that meets a locked file waits for it instead of reporting a problem; a fault never ends preview."""

from grantreports.common.i18n import ENVIRONMENT
from grantreports.preview import _show, _updated
from grantreports.preview.server import LiveState
from grantreports.preview.session import Update


class Locked:
    """A session whose inputs are locked by the program saving them for the first `times` updates."""

    def __init__(self, times: int, error: Exception | None = None):
        self.times, self.calls, self.error = times, 0, error

    def update(self, on_pdf):
        self.calls += 1
        if self.calls <= self.times:
            raise self.error or PermissionError(13, "Permission denied", "inputs/activities.xlsx")
        return Update(rendered=["grant/final"], seconds=0.8)


def test_a_locked_workbook_is_waited_for_and_then_read():
    state, seen = LiveState(), []
    session = Locked(times=2)
    original = state.show
    state.show = lambda status, message, finished=False: (seen.append((status, message)), original(status, message, finished))
    update = _updated(session, state, lambda name: None)
    assert update is not None and update.rendered == ["grant/final"] and session.calls == 3
    assert all(status == "busy" and "inputs/activities.xlsx" in message for status, message in seen)  # never a problem


def test_a_fault_in_an_update_is_shown_and_preview_goes_on(capsys):
    state = LiveState()
    assert _updated(Locked(times=1, error=KeyError("figures")), state, lambda name: None) is None
    assert state.get().status == "problem" and "KeyError" in state.get().message and state.get().version == 1
    assert "KeyError" in capsys.readouterr().err  # the traceback, for the report of the fault


def test_the_bar_says_what_was_updated_and_what_is_wrong():
    state = LiveState()
    _show(state, Update(rendered=["a/final", "a/interim-1"], seconds=1.25, error_lines=["  ERROR inputs/activities.xlsx, …"]))
    assert state.get().status == "problem"
    assert "2 reports updated in 1.3 s" in state.get().message and "1 error in the inputs" in state.get().message
    _show(state, Update(config_problems=["config/config.yaml: key 'as_of': value '2024-13-01' …"]))
    assert state.get().status == "problem" and "as_of" in state.get().message and state.get().version == 2


def test_the_bar_writes_the_seconds_as_the_interface_language_does(monkeypatch):
    monkeypatch.setenv(ENVIRONMENT, "lv")
    state = LiveState()
    _show(state, Update(rendered=["a/final", "a/interim-1"], seconds=2.84))
    assert state.get().message.endswith(" 2 atskaites atjauninātas 2,8 s laikā.")


def test_an_update_that_made_nothing_says_the_reports_are_up_to_date_in_the_interface_language(monkeypatch, capsys):
    state = LiveState()
    _show(state, Update())  # the first update after the build, or a save that changed no figure
    assert state.get().status == "ready" and state.get().message.endswith(" reports up to date.")
    monkeypatch.setenv(ENVIRONMENT, "lv")
    _show(state, Update())
    assert state.get().message.endswith(" atskaites ir aktuālas.")
    assert capsys.readouterr().out.splitlines() == [
        "grantreports preview: reports up to date.",
        "grantreports preview: atskaites ir aktuālas.",
    ]


def test_the_terminal_says_where_each_error_is(capsys):
    lines = [
        f"inputs/activities.xlsx, sheet 'activities', row {row}, column 'participants': expected a whole number" for row in range(2, 14)
    ]
    _show(LiveState(), Update(error_lines=[f"  ERROR {line}" for line in lines]))
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "grantreports preview: 12 errors in the inputs."
    assert said[1:11] == [f"grantreports preview:   ERROR {line}" for line in lines[:10]]
    assert said[11:] == ["grantreports preview:   … and 2 more (all of them on the page and in outputs/validation.txt)"]


def test_a_file_outside_the_project_is_named_in_full(tmp_path):
    from grantreports.preview import _shown

    project = tmp_path / "project"
    assert _shown(project / "inputs" / "projekts.xlsx", project) == "inputs/projekts.xlsx"
    template = tmp_path / "grantreports" / "templates" / "sif-nvo-fonds" / "report.html"  # init's projects use the tool's own
    assert _shown(template, project) == template.as_posix()
