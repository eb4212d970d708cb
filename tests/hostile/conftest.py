import pytest

from tests.hostile.helpers import good_file


@pytest.fixture
def good(tmp_path):
    """A plain-text tender with one sentence, checked next to each hostile file."""
    return good_file(tmp_path)
