"""Check that fig_code works with the OLDEST versions its pyproject.toml allows (what Colab may ship).

    python scripts/check_floor_versions.py

Makes a throw-away virtual environment, installs every dependency of fig_code at its lower bound
(``numpy>=1.24`` becomes ``numpy==1.24.0``), installs fig_code, and runs the unit tests (not the
notebooks: their stored outputs belong to the pinned versions of requirements.txt). Deprecation
warnings are not errors here: old releases meet newer helpers (matplotlib 3.7 with a current
pyparsing). Exits with the test run's status.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_HERE = ["test_browser.py", "test_slides.py", "test_lint.py", "test_maintainer_scripts.py"]
NOT_HERE += ["test_notebook_hygiene.py", "test_colab_setup.py", "test_environment_files.py"]


def floors() -> list[str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = []
    for dep in deps:
        m = re.match(r"([A-Za-z0-9_.\-]+)\s*>=\s*([0-9.]+)", dep)
        if not m:
            raise SystemExit(f"no lower bound in {dep!r}")
        version = m.group(2) if m.group(2).count(".") >= 2 else m.group(2) + ".0"
        pins.append(f"{m.group(1)}=={version}")
    return pins


def main() -> int:
    pins = floors()
    print("floor versions:", " ".join(pins))
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        py = str(venv / "bin" / "python")
        pip = [py, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, *pins, "pytest", "nbformat"], check=True)
        subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
        ignore = [f"--ignore=tests/{name}" for name in NOT_HERE]
        cmd = [py, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider"]
        cmd += ["-o", "filterwarnings=ignore::DeprecationWarning", "tests", *ignore]
        return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
