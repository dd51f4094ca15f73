"""Re-execute notebooks in place: each in a fresh kernel, top to bottom, so stored outputs are current.

    python scripts/reexecute.py                          # every notebook, in order
    python scripts/reexecute.py notebooks/02-*.ipynb     # some of them

Run it after any change to fig_code, then commit the notebooks. It first brings the navigation cells up
to date, so a fresh run followed by ``python scripts/navigation.py --check`` always agrees. Running it
twice without changes leaves the files byte-for-byte the same: no timestamps or widget state are stored,
split printing is joined, and a notebook whose only differences are its widgets' random model ids or
the outputs of cells tagged ``nbval-ignore-output`` (timings) is left as it was.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
import navigation  # noqa: E402

from notebooks import ROOT, comparable, merge_streams, notebook_paths, read, write  # noqa: E402


def execute(path: Path, *, timeout: int = 300) -> tuple[bool, float]:
    """Execute the notebook at ``path`` in place; return (changed, seconds)."""
    nb = read(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    # The exact Python that ran it would make every re-run on another Python a change (see comparable).
    nb.metadata.get("language_info", {}).pop("version", None)
    merge_streams(nb)
    if path.exists() and comparable(read(path)) == comparable(nb):
        return False, seconds  # only widget model ids differ: keep the file as it is
    return write(nb, path), seconds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: all)")
    args = ap.parse_args(argv)
    navigation.update(ROOT, write=True)
    paths = [p.resolve() for p in args.paths] or notebook_paths(ROOT)
    for p in paths:
        changed, seconds = execute(p)
        print(f"{p.name}: {seconds:.1f} s, {'outputs changed' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
