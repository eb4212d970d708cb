"""facts_of(markdown): run the language half of the pipeline on a Markdown snippet."""

import pytest


@pytest.fixture
def facts_of():
    from checker.api import analyse
    from checker.extract.text import parse_text

    def run(markdown: str):
        return analyse(parse_text(markdown))[1]

    return run
