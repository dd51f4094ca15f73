"""Run the series as a Colab learner gets it: fig_code from its wheel, notebooks outside the repository.

    python scripts/run_as_learner.py            # what CI runs (about 5 minutes, most of it pip)
    python scripts/run_as_learner.py --python /path/to/python3.12

Every other test imports fig_code from the working tree. This one does not, so it catches what a learner
hits and the suite cannot see: a module left out of the wheel, a notebook that reads a file from the
repository, an API that the older libraries preinstalled on Colab do not have yet. It

1. builds fig_code's wheel (``pip wheel --no-deps``) from this checkout;
2. makes a fresh virtual environment shaped like Colab's preinstalled stack (``COLAB_STACK``: the versions
   Colab ships, which are older than requirements.txt's pins), on Python 3.12 as Colab runs when it can
   find one, else on the Python running this script;
3. runs each notebook's own Colab setup cell there, as Colab would (``google.colab`` faked; the cell's
   ``pip install`` is really run, with the wheel in place of the repository address), and checks that
   nothing Colab preinstalls was upgraded or removed (an upgraded ipywidgets needs a runtime restart);
4. copies every notebook (00 to the last) into a temporary folder outside the repository and executes it there top
   to bottom in that environment's kernel.

It passes when no cell raises and nothing at all is printed on stderr (warnings included). Outputs are not
compared with the stored ones: other library versions print other digits. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebooks import ROOT, notebook_paths, read  # noqa: E402

#: What Colab has preinstalled that the series uses (its default runtime, late 2026), plus what a runner
#: needs to execute notebooks (nbclient, nbformat: Colab runs cells through its own frontend instead).
COLAB_STACK = [
    "numpy==2.0.2",
    "scipy==1.14.1",
    "scikit-learn==1.6.1",
    "matplotlib==3.10.0",
    "pillow==11.1.0",
    "ipywidgets==7.7.1",
    "ipykernel==6.17.1",
    "ipython==7.34.0",
    "pandas==2.2.2",
    "seaborn==0.13.2",
    "threadpoolctl==3.5.0",
    "dask==2024.12.1",
    "distributed==2024.12.1",
]
RUNNER_TOOLS = ["nbclient", "nbformat"]
#: Preinstalled packages that a Colab runtime has already imported when the first cell runs: upgrading one
#: would force a runtime restart before the notebook works. Other changes are printed, not failed.
MUST_NOT_CHANGE = ["ipywidgets", "ipykernel", "ipython", "numpy", "scipy", "matplotlib", "pillow"]
COLAB_PYTHON = "3.12"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def find_python(wanted: str = COLAB_PYTHON) -> str:
    """A Python ``wanted`` (e.g. "3.12") interpreter that really runs, else the one running this script."""
    candidates = [shutil.which(f"python{wanted}")]
    candidates += sorted(
        glob.glob(str(Path.home() / f".pyenv/versions/{wanted}*/bin/python{wanted}"))
    )
    candidates += [f"/usr/bin/python{wanted}", f"/usr/local/bin/python{wanted}"]
    for exe in filter(None, candidates):
        try:
            out = subprocess.run(
                [exe, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
                timeout=30,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.returncode == 0 and out.stdout.strip() == wanted:
            return exe
    print(f"note: no working python{wanted} found; using {sys.executable}")
    return sys.executable


def build_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dest), str(ROOT)],
        check=True,
    )
    (wheel,) = dest.glob("kmeans_in_depth-*.whl")
    return wheel


def freeze(py: str) -> dict[str, str]:
    out = subprocess.run(
        [py, "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {_norm(p["name"]): p["version"] for p in json.loads(out)}


def colab_install_commands(wheel: Path) -> list[list[str]]:
    """The pip commands the notebooks' Colab cells run on Colab, with the wheel for the repository.

    Each cell is executed here with a fake ``google.colab`` and ``subprocess.run`` recorded, so what is
    checked is the cells' own install line, not a copy of it.
    """
    import types
    from unittest import mock

    commands = []
    for path in notebook_paths(ROOT):
        cells = [c for c in read(path).cells if c.get("id") == "colab-setup"]
        if len(cells) != 1:
            raise SystemExit(f"{path.name}: expected one colab-setup cell")
        colab = types.ModuleType("google.colab")
        colab.output = types.SimpleNamespace(enable_custom_widget_manager=lambda: None)
        google = types.ModuleType("google")
        google.colab = colab
        seen: list[list[str]] = []

        def record(args, _seen=seen, **_kwargs):
            _seen.append(list(args))

        with (
            mock.patch.dict(sys.modules, {"google": google, "google.colab": colab}),
            mock.patch("subprocess.run", record),
        ):
            exec(compile(cells[0].source, path.name, "exec"), {})
        for args in seen:
            spec = re.compile(r"^(kmeans-in-depth(\[[a-z,]+\])?) @ git\+\S+$|^git\+\S+$")
            swapped = []
            for a in args:
                m = spec.match(a)
                swapped.append(f"{wheel}{m.group(2) or ''}" if m else a)
            if swapped == args:
                raise SystemExit(
                    f"{path.name}: the Colab cell does not install the package: {args}"
                )
            if swapped not in commands:
                commands.append(swapped)
    return commands


RUN_ONE = r"""
import json, sys, time
import nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                        resources={"metadata": {"path": sys.argv[2]}})
start = time.perf_counter()
client.execute()
problems = []
for i, cell in enumerate(nb.cells):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            problems.append(f"cell {i} ({cell.get('id')}): {out['ename']}: {out['evalue'][:300]}")
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            problems.append(f"cell {i} ({cell.get('id')}) printed on stderr: {out['text'][:300]!r}")
print(json.dumps({"seconds": time.perf_counter() - start, "problems": problems}))
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--python", help=f"interpreter for the environment (default: {COLAB_PYTHON})")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    failures = []
    with tempfile.TemporaryDirectory(prefix="as-learner-") as tmp:
        tmp = Path(tmp)
        wheel = build_wheel(tmp / "wheel")
        print(f"built {wheel.name}")

        base = args.python or find_python()
        venv = tmp / "venv"
        subprocess.run([base, "-m", "venv", str(venv)], check=True)
        py = str(venv / "bin" / "python")
        pip = [py, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, *COLAB_STACK, *RUNNER_TOOLS], check=True)
        version = subprocess.run(
            [py, "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(f"Colab-shaped environment on Python {version}: {' '.join(COLAB_STACK)}")

        before = freeze(py)
        for command in colab_install_commands(wheel):
            shown = " ".join(a.replace(str(tmp), "<tmp>") for a in command[1:])
            print(f"Colab setup cell runs: python {shown}")
            subprocess.run([py if a == sys.executable else a for a in command], check=True)
        after = freeze(py)
        if "kmeans-in-depth" not in after:
            failures.append("the Colab setup cell did not install kmeans-in-depth")
        for name in map(_norm, MUST_NOT_CHANGE):
            if before.get(name) != after.get(name):
                failures.append(
                    f"installing fig_code changed Colab's {name}: {before.get(name)} -> "
                    f"{after.get(name)} (Colab would need a runtime restart)"
                )
        changed = sorted(n for n in before if n in after and before[n] != after[n])
        for name in changed:
            print(f"the setup cell changed {name}: {before[name]} -> {after[name]}")
        added = sorted(set(after) - set(before) - {"kmeans-in-depth"})
        print(f"the setup cell added: {', '.join(added) or 'nothing else'}")

        work = tmp / "learner"
        work.mkdir()
        for src in notebook_paths(ROOT):
            dst = work / src.name
            shutil.copy(src, dst)
            out = subprocess.run(
                [py, "-c", RUN_ONE, str(dst), str(work)],
                capture_output=True,
                text=True,
                cwd=work,
            )
            if out.returncode != 0:
                failures.append(f"{src.name}: the runner crashed: {out.stderr[-1000:]}")
                continue
            result = json.loads(out.stdout.strip().splitlines()[-1])
            status = "ok" if not result["problems"] else f"{len(result['problems'])} problem(s)"
            print(f"{src.name}: {status} ({result['seconds']:.1f} s, run outside the repository)")
            failures += [f"{src.name}: {p}" for p in result["problems"]]

    print(f"as a learner: {time.perf_counter() - started:.0f} s in all")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
