"""`tendercheck --version` and `--help` must answer fast: nothing heavy may be imported to print them.

Speed itself is measured in bench/, not here; this checks the cause of slowness (heavy imports) instead.
"""

import subprocess
import sys

HEAVY = ("spacy", "pdfplumber", "pypdfium2", "docx", "pdfminer", "yaml")


def _modules_after(args):
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import cli\n"
        f"result = CliRunner().invoke(cli.main, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_version_imports_nothing_heavy():
    loaded = _modules_after(["--version"])
    assert not [m for m in HEAVY if m in loaded]


def test_help_imports_nothing_heavy():
    loaded = _modules_after(["--help"])
    assert not [m for m in HEAVY if m in loaded]


def test_version_names_the_tool():
    out = subprocess.run([sys.executable, "-m", "checker", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("tendercheck, version ")
