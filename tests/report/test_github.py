"""GitHub workflow commands: one line per annotation, properties and data escaped as the toolkit does."""

from checker.report import github


def test_escaping_follows_the_toolkit():
    assert github.escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github.command("error", "x: y, z", file="a,b.pdf", title="T: t") == "::error file=a%2Cb.pdf,title=T%3A t::x: y, z"


def test_one_command_per_live_finding_warning_and_error(sample_report):
    lines = github.render(sample_report).splitlines()
    assert all(line.startswith("::") for line in lines)
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds.count("::error") == 3  # the error finding, the incomplete document and the unreadable file
    assert kinds.count("::warning") == 2  # the warning finding and the unreadable page
    assert kinds.count("::notice") == 1  # the review finding
    assert not any("KIL-3.10-audited-accounts" in line for line in lines), "waived findings stay quiet"


def test_annotation_names_file_title_and_location(sample_report):
    line = next(x for x in github.render(sample_report).splitlines() if "KIL-2.2" in x)
    props, message = line[len("::error "):].split("::", 1)
    assert props.startswith("file=tenders/borough-support.pdf,title=KIL-2.2-sv-weight-below-10 (step 2)%3A")
    assert "Social value is 5%25 of the total score" in message and "(p. 6, 6 Evaluation)" in message
    assert "%0AFix: Divide" in message


def test_hostile_text_cannot_start_a_new_command(sample_report):
    f = sample_report.documents[0].findings[0]
    sample_report.documents[0].findings[0] = f.__class__(**{**f.__dict__, "evidence": "x\n::error::owned"})
    out = github.render(sample_report)
    assert "\n::error::owned" not in out
