"""Build hook: ship the top-level rules/ folder inside the package as checker/bundled_rules.

The rulebook lives at the repository top (one obvious place for editors), but a plain `pip install .`
must carry it too; setup.cfg cannot map a data folder into a package, so build_py copies it.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRulebook(build_py):
    def run(self):
        super().run()
        source = Path(__file__).parent / "rules"
        target = Path(self.build_lib) / "checker" / "bundled_rules"
        shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.py"))


setup(cmdclass={"build_py": BuildWithRulebook})
