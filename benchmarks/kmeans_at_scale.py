"""Benchmark: K-means when the data outgrow a memory budget (issue 12, notebook 05).

    python benchmarks/kmeans_at_scale.py [--sizes 500000 5000000 20000000] [--budget-mb 64]

For each size, a data set of blobs (8 float32 features, 8 clusters) is written to a temporary
``.npy`` file chunk by chunk, so that it is never whole in memory, and fitted four ways, each timed
and measured for peak memory with ``tracemalloc`` (``fig_code.measure``) in this one run:

- ``KMeans`` with all rows in memory: the baseline;
- ``MiniBatchKMeans.fit`` with all rows in memory;
- ``MiniBatchKMeans.partial_fit`` streamed from the memory-mapped file, in chunks sized for the
  budget (a fit takes up to about four times its chunk, counting the next chunk being read);
- Dask-ML's ``KMeans`` (k-means||) on a ``LocalCluster`` (one worker, two threads, in this process,
  so that ``tracemalloc`` sees it), reading a Dask ``.npy`` stack of the same file.

``KMeans`` and ``MiniBatchKMeans`` get ``n_init=3`` (k-means++ with one start can land in a poor
local minimum on these data, which would make every ratio meaningless). The in-memory fits run only where the data fit the budget. Where they do not (the default
20,000,000 rows x 8 float32 = 640 MB against 64 MB), the baseline is ``KMeans`` on a random sample
of the largest size that fits, scored on every row: what one would do without streaming. Every
inertia is computed by the same function over the whole file (``fig_code.streamed_inertia``).
The table gives times and inertias as ratios to the baseline measured in the same run, and each
peak memory against the budget. OpenMP is limited to one thread per fit, as in the notebook and in
Dask's worker processes. Temporary files are removed at the end.
"""

from __future__ import annotations

import argparse
import os

os.environ["OMP_NUM_THREADS"] = "1"  # before NumPy and scikit-learn load their thread pools

import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans, MiniBatchKMeans  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fig_code.scale import iter_chunks, measure, streamed_inertia  # noqa: E402

N_FEATURES, N_CLUSTERS, BYTES = 8, 8, 4  # float32
FIT_FACTOR = 4  # a streamed fit's peak, as a multiple of one chunk (measured: 2 to 3, plus margin)


def write_blobs(path: Path, n_rows: int, *, chunk_rows: int = 1_000_000, seed: int = 0) -> None:
    """Blobs (8 centres in [-10, 10]^8, standard deviation 1) written chunk by chunk to ``path``."""
    rng = np.random.default_rng(seed)
    centers = rng.uniform(-10, 10, size=(N_CLUSTERS, N_FEATURES))
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n_rows, N_FEATURES))
    for start in range(0, n_rows, chunk_rows):
        rows = min(chunk_rows, n_rows - start)
        labels = rng.integers(N_CLUSTERS, size=rows)
        out[start : start + rows] = centers[labels] + rng.normal(size=(rows, N_FEATURES))
    out.flush()
    del out


def stream_fit(X, chunk_rows: int) -> MiniBatchKMeans:
    model = MiniBatchKMeans(n_clusters=N_CLUSTERS, n_init=3, random_state=0)
    for chunk in iter_chunks(X, chunk_rows):
        model.partial_fit(chunk)
    return model


def fit_in_memory(model, X):
    return model.fit(np.array(X))


def dask_fit(stack: Path):
    import dask.array as da
    import dask_ml.cluster

    X = da.from_npy_stack(stack)
    # scikit-learn stops when the centres move less than tol x the mean variance of the features;
    # Dask-ML's tol is absolute: give it the same threshold (one more pass, counted in its time).
    tol = 1e-4 * float(X.var(axis=0).mean().compute())
    model = dask_ml.cluster.KMeans(
        n_clusters=N_CLUSTERS,
        init="k-means||",
        oversampling_factor=N_CLUSTERS,
        init_max_iter=3,
        tol=tol,
        n_init=10,
        random_state=0,
    )
    return model.fit(X)


def run_size(n_rows: int, budget_mb: float, tmp: Path, dask_chunk_rows: int) -> list[dict]:
    budget = budget_mb * 1e6
    fits_rows = int(budget // (FIT_FACTOR * N_FEATURES * BYTES))  # largest in-memory fit in budget
    chunk_rows = min(n_rows, fits_rows)
    path = tmp / f"blobs-{n_rows}.npy"
    start = time.perf_counter()
    write_blobs(path, n_rows)
    X = np.load(path, mmap_mode="r")
    print(
        f"  {n_rows:,} rows: {path.stat().st_size / 1e6:,.0f} MB written in "
        f"{time.perf_counter() - start:.1f} s",
        flush=True,
    )
    rows = []

    def record(method, m, centers, note=""):
        inertia = streamed_inertia(X, centers, chunk_size=100_000)
        rows.append(
            {
                "rows": n_rows,
                "method": method,
                "seconds": m.seconds,
                "peak_mb": m.peak_mb,
                "inertia": inertia,
                "note": note,
            }
        )
        print(f"    {method}: {m.seconds:.2f} s, peak {m.peak_mb:.1f} MB", flush=True)

    fits = n_rows <= fits_rows
    if fits:
        km = KMeans(n_clusters=N_CLUSTERS, n_init=3, random_state=0)
        m = measure(fit_in_memory, km, X)
        record("KMeans, in memory (baseline)", m, km.cluster_centers_)
        mbk = MiniBatchKMeans(n_clusters=N_CLUSTERS, n_init=3, random_state=0)
        m = measure(fit_in_memory, mbk, X)
        record("MiniBatchKMeans.fit, in memory", m, mbk.cluster_centers_)
    else:
        sample = np.sort(np.random.default_rng(0).choice(n_rows, fits_rows, replace=False))
        km = KMeans(n_clusters=N_CLUSTERS, n_init=3, random_state=0)
        m = measure(fit_in_memory, km, X[sample])
        record(
            f"KMeans on a {fits_rows:,}-row sample (baseline)",
            m,
            km.cluster_centers_,
            "data too large for the budget: sample fitted, all rows scored",
        )
    m = measure(stream_fit, X, chunk_rows)
    record(f"partial_fit from disk, chunks of {chunk_rows:,}", m, m.result.cluster_centers_)

    import dask.array as da
    from dask.distributed import Client, LocalCluster

    from fig_code import quiet_repeated_key_warning

    quiet_repeated_key_warning()  # a harmless, random scheduler warning (see fig_code.dask_tools)
    stack = tmp / f"stack-{n_rows}"
    da.to_npy_stack(stack, da.from_array(X, chunks=(dask_chunk_rows, N_FEATURES)))  # no cluster yet
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        m = measure(dask_fit, stack)
    record("Dask-ML KMeans, LocalCluster", m, m.result.cluster_centers_)
    X = None  # let go of the memory map before removing the file
    path.unlink()
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500_000, 5_000_000, 20_000_000])
    ap.add_argument("--budget-mb", type=float, default=64.0)
    ap.add_argument("--dask-chunk-rows", type=int, default=100_000)
    args = ap.parse_args(argv)

    import dask
    import dask_ml
    import distributed

    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, scikit-learn "
        f"{sklearn.__version__}, Dask {dask.__version__}, distributed {distributed.__version__}, "
        f"Dask-ML {dask_ml.__version__}; {os.cpu_count()} cores; OpenMP 1 thread per fit"
    )
    print(
        f"budget {args.budget_mb:g} MB; data: {N_FEATURES} float32 features, {N_CLUSTERS} "
        "clusters; each method timed once in this run"
    )
    start = time.perf_counter()
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        for n_rows in args.sizes:
            table += run_size(n_rows, args.budget_mb, Path(tmp), args.dask_chunk_rows)

    print()
    head = (
        f"{'rows':>12} {'data MB':>8}  {'method':<44} {'time s':>7} {'x base':>7} "
        f"{'inertia/base':>12} {'peak MB':>8} {'in budget':>9}"
    )
    print(head)
    print("-" * len(head))
    for n_rows in args.sizes:
        rows = [r for r in table if r["rows"] == n_rows]
        base = rows[0]
        for r in rows:
            data_mb = n_rows * N_FEATURES * BYTES / 1e6
            print(
                f"{n_rows:>12,} {data_mb:>8,.0f}  {r['method']:<44} {r['seconds']:>7.2f} "
                f"{r['seconds'] / base['seconds']:>7.2f} {r['inertia'] / base['inertia']:>12.6f} "
                f"{r['peak_mb']:>8.1f} {'yes' if r['peak_mb'] <= args.budget_mb else 'NO':>9}"
            )
        for r in rows:
            if r["note"]:
                print(f"{'':>12} note: {r['note']}")
    print(f"\ntotal {time.perf_counter() - start:.0f} s (temporary files removed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
