"""Every format the CLI offers has a reporter, and each renders any report to text without crashing."""

import pytest

from checker import report as reporters
from checker.results import Report


def test_every_cli_format_has_a_reporter(cli_app):
    assert set(cli_app.FORMATS) == set(reporters.REPORTERS)


def test_unknown_format_names_the_known_ones():
    with pytest.raises(ValueError, match="known: text, json"):
        reporters.get("pdf")


@pytest.mark.parametrize("fmt", sorted(reporters.REPORTERS))
@pytest.mark.parametrize("which", ["sample", "empty"])
def test_renders_text_ending_in_newline(fmt, which, sample_report):
    rep = sample_report if which == "sample" else Report()
    out = reporters.get(fmt).render(rep, color=False)
    assert isinstance(out, str)
    assert out == "" or out.endswith("\n")
    if which == "sample" and fmt != "github":
        assert "borough-support.pdf" in out
