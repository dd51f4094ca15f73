"""requirements.txt and environment.yml must pin the same exact versions; pyproject stays loose."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.\-+]+)", line)
        assert m, f"requirements.txt line is not an exact pin (name==version): {line!r}"
        pins[_norm(m.group(1))] = m.group(2)
    return pins


def conda_pins(text: str) -> tuple[dict[str, str], list[str]]:
    pins, pip = {}, []
    in_pip = False
    section = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        top = re.match(r"([A-Za-z_]+):", line)
        if top:
            section = top.group(1)
            continue
        if section != "dependencies":
            continue
        if re.match(r"\s+- pip:\s*$", line):
            in_pip = True
            continue
        m = re.match(r"(\s+)- (.+)$", line)
        if not m:
            in_pip = False
            continue
        item = m.group(2).strip()
        if in_pip and len(m.group(1)) > 2:
            pip.append(item)
            continue
        in_pip = False
        if "=" in item:
            name, version = item.split("=", 1)
            pins[_norm(name)] = version.lstrip("=")
        else:
            pins[_norm(item)] = ""
    return pins, pip


def test_requirements_and_environment_pin_the_same_versions():
    req = requirements_pins((ROOT / "requirements.txt").read_text())
    env, pip = conda_pins((ROOT / "environment.yml").read_text())
    assert "python" in env and env["python"], "environment.yml must pin a Python version"
    env_pkgs = {k: v for k, v in env.items() if k not in {"python", "pip"}}
    assert req == env_pkgs, (
        f"requirements.txt and environment.yml disagree:\n"
        f"  only/different in requirements.txt: {sorted(set(req.items()) - set(env_pkgs.items()))}\n"
        f"  only/different in environment.yml: {sorted(set(env_pkgs.items()) - set(req.items()))}"
    )
    assert "-e ." in pip, "environment.yml must install fig_code itself (pip: -e .)"


def test_requirements_install_fig_code_itself():
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    assert "-e ." in lines


def test_environment_python_satisfies_pyproject():
    env, _ = conda_pins((ROOT / "environment.yml").read_text())
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    minimum = tuple(int(p) for p in meta["requires-python"].lstrip(">=").split("."))
    assert tuple(int(p) for p in env["python"].split(".")[:2]) >= minimum


def test_fig_code_ranges_are_loose_enough_for_colab():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    by_name = {_norm(re.split(r"[<>=!~ ]", d, maxsplit=1)[0]): d for d in deps}
    assert by_name["ipywidgets"].replace(" ", "") == "ipywidgets>=7.7,<9"
    for name, spec in by_name.items():
        assert "==" not in spec, f"pyproject pins {name} exactly; keep fig_code's ranges loose"


@pytest.mark.parametrize(
    ("text", "ok"),
    [("numpy==2.4.6\n-e .\n", True), ("numpy>=2\n", False)],
)
def test_the_pin_parser_itself_rejects_loose_lines(text, ok):
    if ok:
        assert requirements_pins(text) == {"numpy": "2.4.6"}
    else:
        with pytest.raises(AssertionError):
            requirements_pins(text)
