"""Time every notebook cell by cell, as nbval would run them, against the series' budgets.

    python benchmarks/notebook_times.py [NOTEBOOK ...]

Prints, per notebook, the slowest cell and the total next to their budgets (cell <= 5 s, notebook
<= 25 s; notebook 05, K-means at scale: cell <= 10 s, notebook <= 60 s) and, at the end, notebooks
00 to 04 together against their 60 s budget. A reference workload (a fixed
K-means fit) is timed in the same run so that a slow machine shows up as a slow reference, not as a
slow notebook. Kernel start-up is excluded, as it is from a cell's time in nbval.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
import numpy as np
from nbclient import NotebookClient
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

ROOT = Path(__file__).resolve().parents[1]
CELL_BUDGET, NOTEBOOK_BUDGET, SERIES_BUDGET = 5.0, 25.0, 60.0
#: Notebooks with budgets of their own: (cell, notebook) seconds. They do not count toward the series.
OWN_BUDGETS = {"05": (10.0, 60.0)}


def reference_seconds() -> float:
    X, _ = make_blobs(n_samples=20_000, centers=8, random_state=0)
    best = np.inf
    for _ in range(3):
        t = time.perf_counter()
        KMeans(8, n_init=4, random_state=0).fit(X)
        best = min(best, time.perf_counter() - t)
    return best


def cell_times(path: Path) -> list[tuple[int, float, str]]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    out = []
    for i, cell in enumerate(nb.cells):
        ex = cell.metadata.get("execution", {})
        if cell.cell_type == "code" and "shell.execute_reply" in ex:
            t0 = datetime.fromisoformat(ex["iopub.execute_input"].replace("Z", "+00:00"))
            t1 = datetime.fromisoformat(ex["shell.execute_reply"].replace("Z", "+00:00"))
            out.append((i, (t1 - t0).total_seconds(), cell.get("id", "")))
    return out


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    ref = reference_seconds()
    print(f"reference workload (KMeans k=8, n_init=4 on 20,000 points): {ref:.3f} s")
    total_all = 0.0
    for p in paths:
        times = cell_times(p)
        total = sum(t for _, t, _ in times)
        cell_budget, notebook_budget = OWN_BUDGETS.get(p.name[:2], (CELL_BUDGET, NOTEBOOK_BUDGET))
        if p.name[:2] not in OWN_BUDGETS:
            total_all += total
        i, slowest, cid = max(times, key=lambda x: x[1]) if times else (0, 0.0, "")
        print(
            f"{p.name}: slowest cell {slowest:.2f} s (cell {i}, id {cid}; budget {cell_budget:.0f} s, "
            f"ratio {slowest / cell_budget:.2f}), total {total:.1f} s (budget {notebook_budget:.0f} s, "
            f"ratio {total / notebook_budget:.2f}), = {total / ref:.0f}x the reference"
        )
    print(
        f"notebooks 00-04: {total_all:.1f} s of cell time (budget {SERIES_BUDGET:.0f} s, "
        f"ratio {total_all / SERIES_BUDGET:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
