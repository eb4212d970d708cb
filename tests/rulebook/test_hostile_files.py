"""Hostile rule and config files: control characters, non-finite numbers, FIFOs, devices, /proc, dangling
symlinks, symlinks out of the folder and directories named *.yaml are each one error naming the file (and the
line where there is one); nothing hangs, nothing is skipped silently, and no file is written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from checker import config, rulebook
from checker.api import CheckOptions
from checker.errors import ConfigError, RulebookError
from tests.hostile.helpers import assert_clean, good_file, hashes, run_cli

MINI = Path(__file__).resolve().parents[1] / "engine" / "data" / "mini"
RULE = "T-5.1-codesign"


@pytest.fixture
def good(tmp_path):
    return good_file(tmp_path)


def _book(tmp_path) -> Path:
    folder = tmp_path / "book"
    shutil.copytree(MINI, folder)
    return folder


def _load_error(folder) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        rulebook.load(str(folder))
    return info.value


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x7f"])
def test_a_control_character_in_a_rule_file_names_file_and_line(tmp_path, char):
    folder = _book(tmp_path)
    path = folder / f"{RULE}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("Local", f"Lo{char}cal")
    path.write_text("".join(lines), encoding="utf-8")
    error = _load_error(folder)
    assert error.path == str(path) and error.line == 3
    assert f"control character U+{ord(char):04X}" in str(error)


def test_a_control_character_in_the_cli_is_one_line(tmp_path, good):
    folder = _book(tmp_path)
    path = folder / f"{RULE}.yaml"
    path.write_bytes(path.read_bytes().replace(b"step: 5", b"step: 5\x00"))
    before = hashes(tmp_path)
    result = run_cli("check", "--rulebook", folder, good)
    assert result.returncode == 2
    assert_clean(result)
    assert result.stderr.strip().splitlines() == [
        f"tendercheck: error: {path}:2: control character U+0000 is not allowed in a YAML file"]
    assert hashes(tmp_path) == before


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_non_finite_numbers_are_refused_in_rule_files(tmp_path, value):
    folder = _book(tmp_path)
    path = folder / f"{RULE}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"params:\n  cap: {value}\n", encoding="utf-8")
    error = _load_error(folder)
    assert error.path == str(path) and "non-finite number" in str(error) and error.line is not None


def test_non_finite_params_are_refused_in_config_and_on_the_command_line(tmp_path):
    cfg = tmp_path / ".tendercheck.yaml"
    cfg.write_text("params:\n  max_lot_value_gbp: .nan\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        config.load(CheckOptions(config_path=str(cfg)))
    assert info.value.path == str(cfg) and info.value.line == 2 and "non-finite" in str(info.value)
    for value in (float("nan"), float("inf"), [1.0, float("-inf")]):
        with pytest.raises(ConfigError) as info:
            config.load(CheckOptions(params={"max_lot_value_gbp": value}))
        assert "finite" in str(info.value) and info.value.path == "--param"


def test_cli_param_nan_is_one_line(good):
    result = run_cli("check", "--param", "max_lot_value_gbp=.nan", good)
    assert result.returncode == 2
    assert_clean(result)
    assert result.stderr.strip() == ("tendercheck: error: --param: param max_lot_value_gbp must hold finite numbers "
                                     "only, not nan")


def _special(kind: str, folder: Path, name: str, outside: Path) -> Path:
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere.yaml")
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "outside":
        shutil.copy(folder / f"{RULE}.yaml", outside)
        path.symlink_to(outside)
    elif kind == "directory":
        path.mkdir()
    return path


SPECIAL = {"fifo": "is a FIFO", "dangling": "is a dangling symlink", "device": "outside the rulebook folder",
           "outside": "outside the rulebook folder", "directory": "is a directory"}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_special_entries_in_a_rulebook_folder_are_errors(tmp_path, kind):
    folder = _book(tmp_path)
    path = _special(kind, folder, "T-9.9-odd.yaml", tmp_path / "elsewhere.yaml")
    error = _load_error(folder)
    assert error.path == str(path) and SPECIAL[kind] in str(error)


def test_a_symlink_to_a_device_inside_the_folder_is_a_device(tmp_path):
    folder = _book(tmp_path)
    os.mkfifo(folder / "pipe")
    (folder / "T-9.9-odd.yaml").symlink_to(folder / "pipe")
    error = _load_error(folder)
    assert error.path == str(folder / "T-9.9-odd.yaml") and "is a FIFO" in str(error)


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling"])
def test_cli_special_entry_is_one_line_and_does_not_hang(tmp_path, good, kind):
    folder = _book(tmp_path)
    path = _special(kind, folder, "T-9.9-odd.yaml", tmp_path / "elsewhere.yaml")
    for args in (("check", "--rulebook", folder, good), ("rules", "--rulebook", folder)):
        result = run_cli(*args)
        assert result.returncode == 2
        assert_clean(result)
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"tendercheck: error: {path}: ") and SPECIAL[kind] in line


@pytest.mark.parametrize("target,cause", [("/proc/self/environ", "is a system file"), ("/dev/zero", "is a device"),
                                          ("pipe.yaml", "is a FIFO"), ("gone.yaml", "is a dangling symlink"),
                                          ("sub.yaml", "is a directory")])
def test_extends_to_a_special_file_is_refused_naming_it(tmp_path, target, cause):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "never.yaml")
    (tmp_path / "sub.yaml").mkdir()
    cfg = tmp_path / ".tendercheck.yaml"
    cfg.write_text(f"fail_on: error\nextends: {target}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        config.load(CheckOptions(config_path=str(cfg)))
    assert info.value.path == str(cfg) and info.value.line == 2
    assert f"extends: {target!r} {cause}" in str(info.value)


def test_extends_to_proc_in_the_cli_is_one_line(tmp_path, good):
    cfg = tmp_path / ".tendercheck.yaml"
    cfg.write_text("extends: /proc/self/environ\n", encoding="utf-8")
    result = run_cli("check", "--config", cfg, good)
    assert result.returncode == 2
    assert_clean(result)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"tendercheck: error: {cfg}:1: extends: '/proc/self/environ' is a system file")


def test_config_named_by_config_may_not_be_a_fifo(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError) as info:
        config.load(CheckOptions(config_path=str(fifo)))
    assert info.value.path == str(fifo) and "is a FIFO" in str(info.value)
