"""requirements.txt pins exact versions; conda (environment.yml, binder/) adds only Python and pip and installs
requirements.txt, so every route installs what CI tests; pyproject stays loose for Colab."""

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


@pytest.mark.parametrize("env_file", ["environment.yml", "binder/environment.yml"])
def test_conda_gives_python_and_pip_only(env_file):
    # conda must not install a second copy of any library: with conda-forge builds beside pip's, what runs
    # is not what CI tested. Every library comes from requirements.txt's exact pins, through pip.
    env, _ = conda_pins((ROOT / env_file).read_text())
    assert env.keys() == {"python", "pip"}, f"{env_file}: conda installs {sorted(env)}"
    assert env["python"], f"{env_file} must pin a Python version"


def test_top_level_environment_installs_requirements_txt():
    _, pip = conda_pins((ROOT / "environment.yml").read_text())
    assert pip == ["-r requirements.txt"]


def test_binder_installs_requirements_txt_from_the_repository_root():
    post = ROOT / "binder" / "postBuild"
    assert post.stat().st_mode & 0o111, "binder/postBuild must be executable"
    lines = [ln.strip() for ln in post.read_text().splitlines() if ln.strip() and ln[0] != "#"]
    assert 'cd "$(dirname "$0")/.."' in lines
    assert any(
        re.fullmatch(r"python -m pip install( --\S+)* -r requirements\.txt", ln) for ln in lines
    )


def test_binder_and_conda_use_the_same_python():
    top, _ = conda_pins((ROOT / "environment.yml").read_text())
    binder, _ = conda_pins((ROOT / "binder" / "environment.yml").read_text())
    assert top["python"] == binder["python"]


def test_requirements_install_fig_code_itself():
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    assert "-e ." in lines


@pytest.mark.parametrize("env_file", ["environment.yml", "binder/environment.yml"])
def test_environment_python_satisfies_pyproject(env_file):
    env, _ = conda_pins((ROOT / env_file).read_text())
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


def _sanitize(text: str) -> str:
    from nbval.plugin import get_sanitize_patterns

    for regex, replace in get_sanitize_patterns((ROOT / "tests" / "sanitize.cfg").read_text()):
        text = re.sub(regex, replace, text)
    return text


def test_the_setup_check_compares_equal_on_every_python_the_readme_promises():
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "00-Index.ipynb", as_version=4)
    (cell,) = [c for c in nb.cells if c.get("id") == "check"]
    stored = "".join(o.get("text", "") for o in cell.outputs)
    line = re.search(r"(?m)^python +(3\.\d+) .*ok$", stored)
    assert line, "the setup check prints the Python version and ok"
    for other in ("3.11", "3.12", "3.13", "3.14"):
        ran = stored.replace(line.group(0), line.group(0).replace(line.group(1), other, 1))
        assert _sanitize(ran) == _sanitize(stored)
    # ... and only the version is hidden: a TOO OLD Python, or another library version, still differs.
    old = stored.replace(line.group(0), line.group(0)[: -len("ok")] + "TOO OLD")
    assert _sanitize(old) != _sanitize(stored)
    assert _sanitize(stored.replace("numpy         2", "numpy         1")) != _sanitize(stored)
