"""ruff lints and checks the formatting of fig_code, tests, scripts, benchmarks and the notebooks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["fig_code", "tests", "scripts", "benchmarks", "notebooks", "conftest.py"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.fail("ruff is not installed: `python -m pip install -r requirements.txt`")
    return subprocess.run([exe, *args, *TARGETS], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check():
    res = ruff("check", "--no-cache")
    assert res.returncode == 0, res.stdout + res.stderr


def test_ruff_format():
    res = ruff("format", "--check", "--no-cache")
    assert res.returncode == 0, "run `ruff format .`\n" + res.stdout + res.stderr
