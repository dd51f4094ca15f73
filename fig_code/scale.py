"""K-means at scale, for notebook 05: stream rows in chunks, measure time and peak memory, k-means||.

Computing only; the drawing functions live in ``fig_code.scale_plots``. Nothing here needs Dask: the
functions work on NumPy arrays and on arrays memory-mapped from ``.npy`` files
(``np.load(path, mmap_mode="r")``), whose rows are read only when a chunk is taken.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._validation import (
    check_callable,
    check_centers,
    check_finite_rows,
    check_int,
    check_positive,
    check_positive_pairs,
    check_random_state,
    check_rows,
)

__all__ = [
    "KMeansParallelSeeds",
    "Measurement",
    "iter_chunks",
    "kmeans_parallel_seeds",
    "loglog_slope",
    "measure",
    "streamed_inertia",
]


def iter_chunks(X, chunk_size: int) -> Iterator[np.ndarray]:
    """Yield consecutive blocks of ``chunk_size`` rows of ``X``, each read into memory.

    The last block holds the rows left over (it may be shorter). Each block is an in-memory copy,
    so for a memory-mapped ``X`` only the rows of the current block are in memory (and, in a
    ``for`` loop, the previous block until the next one is read), and the memory they take is
    visible to ``tracemalloc`` (see ``measure``).

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
        The data, in memory or memory-mapped (``np.load(path, mmap_mode="r")``).
    chunk_size : int
        Rows per block, at least 1.

    Yields
    ------
    numpy.ndarray of shape (rows, n_features)
        ``X[start:start + chunk_size]`` as an array of its own.

    Raises
    ------
    ValueError
        If X is not a 2-D NumPy array (memory-mapped or not) or chunk_size is not an integer >= 1.

    Examples
    --------
    >>> X = np.arange(10.0).reshape(5, 2)
    >>> [len(chunk) for chunk in iter_chunks(X, 2)]
    [2, 2, 1]
    """
    check_rows(X)
    chunk_size = check_int(chunk_size, name="chunk_size", low=1)
    return _chunks(X, chunk_size)


def _chunks(X, chunk_size: int) -> Iterator[np.ndarray]:
    for start in range(0, X.shape[0], chunk_size):
        yield np.array(X[start : start + chunk_size])


@dataclass(frozen=True)
class Measurement:
    """What ``measure`` returns: the function's result, the wall time and the peak memory.

    Attributes
    ----------
    result : object
        What the function returned.
    seconds : float
        Wall-clock time of the call.
    peak_bytes : int
        The most memory allocated at any moment during the call, above what was allocated
        before it (as counted by ``tracemalloc``: Python objects and NumPy arrays).
    peak_mb : float
        ``peak_bytes`` in megabytes (a property).
    """

    result: Any
    seconds: float
    peak_bytes: int

    @property
    def peak_mb(self) -> float:
        """``peak_bytes`` in megabytes (1 MB = 1,000,000 bytes)."""
        return self.peak_bytes / 1e6


def measure(func: Callable[..., Any], *args, **kwargs) -> Measurement:
    """Call ``func(*args, **kwargs)`` and measure its wall time and its peak memory.

    Peak memory is counted with ``tracemalloc``: every allocation made by Python and NumPy during
    the call, above what was in use when it started. Pages of a memory-mapped file are not
    allocations (the operating system caches them and can drop them), so they do not count;
    the rows ``iter_chunks`` copies into memory do. ``tracemalloc`` slows allocation-heavy code
    down, so time a call without it when the time matters.

    Parameters
    ----------
    func : callable
        The function to run.
    *args, **kwargs
        Passed on to ``func``.

    Returns
    -------
    Measurement
        ``result``, ``seconds`` and ``peak_bytes`` (``peak_mb`` in megabytes).

    Examples
    --------
    >>> m = measure(np.ones, 1_000_000)  # one million float64: 8 MB
    >>> m.result.shape, round(m.peak_mb)
    ((1000000,), 8)
    """
    func = check_callable(func)
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    try:
        result = func(*args, **kwargs)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return Measurement(result, seconds, max(0, peak - before))


def loglog_slope(sizes, seconds) -> float:
    """The slope of the straight line fitted to ``log(seconds)`` against ``log(sizes)``.

    A cost proportional to ``size ** p`` shows as a line of slope ``p`` on log-log axes: about 1
    for a cost linear in the size, 2 for a quadratic one.

    Parameters
    ----------
    sizes, seconds : 1-D arrays of the same length (at least 2)
        Positive sizes (all different) and the positive times (or any costs) measured for them.

    Returns
    -------
    float
        The fitted slope, the exponent ``p``.

    Raises
    ------
    ValueError
        If sizes or seconds is not a 1-D sequence of positive finite numbers, they differ in
        length, have fewer than 2 entries, or the sizes are all the same.

    Examples
    --------
    >>> round(loglog_slope([10, 100, 1000], [0.002, 0.02, 0.2]), 3)
    1.0
    """
    x, y = check_positive_pairs(sizes, seconds)
    return float(np.polyfit(np.log(x), np.log(y), 1)[0])


def streamed_inertia(X, centers, *, chunk_size: int = 100_000) -> float:
    """The inertia of ``centers`` on ``X``, computed ``chunk_size`` rows at a time.

    The inertia is the sum, over all rows, of the squared distance to the nearest centre: what
    ``KMeans.inertia_`` reports. Computing it in chunks keeps memory to one chunk of rows and its
    distances to the centres, so it works on memory-mapped data larger than memory. The same
    function scores every model, whichever library fitted it, in float64.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
        The data, in memory or memory-mapped.
    centers : array of shape (n_clusters, n_features)
        Cluster centres, e.g. ``model.cluster_centers_``.
    chunk_size : int, default 100_000
        Rows per chunk.

    Returns
    -------
    float
        The inertia, a sum of squared distances (float64).

    Raises
    ------
    ValueError
        If X is not a 2-D NumPy array, centers is not a finite array of shape
        (n_clusters, n_features) with X's number of columns, or chunk_size is not an integer >= 1.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 0.0]])
    >>> streamed_inertia(X, [[1.0, 0.0], [10.0, 0.0]], chunk_size=2)
    2.0
    """
    check_rows(X)
    centers = check_centers(centers, X.shape[1])
    chunk_size = check_int(chunk_size, name="chunk_size", low=1)
    c_norms = (centers**2).sum(axis=1)
    total = 0.0
    for chunk in _chunks(X, chunk_size):
        rows = chunk.astype(np.float64, copy=False)
        # |x - c|^2 = |x|^2 - 2 x.c + |c|^2, clipped at 0 against rounding
        d2 = (rows**2).sum(axis=1)[:, None] - 2.0 * rows @ centers.T + c_norms[None, :]
        total += float(np.maximum(d2.min(axis=1), 0.0).sum())
    return total


@dataclass(frozen=True)
class KMeansParallelSeeds:
    """The result of ``kmeans_parallel_seeds``: the candidates of each round and the final centres.

    Attributes
    ----------
    candidates : ndarray of shape (n_candidates, n_features)
        Every point picked, the first one included.
    rounds : ndarray of shape (n_candidates,)
        The round each candidate was picked in (0 for the first, random, point).
    weights : ndarray of shape (n_candidates,)
        How many points of ``X`` have each candidate as their nearest.
    centers : ndarray of shape (n_clusters, n_features)
        The seeds: the candidates clustered into ``n_clusters`` with weighted K-means.
    passes : int
        Passes over the data: one for the distances to the first point, one per round, one for
        the weights (against ``n_clusters`` passes for k-means++).
    """

    candidates: np.ndarray
    rounds: np.ndarray
    weights: np.ndarray
    centers: np.ndarray
    passes: int


def kmeans_parallel_seeds(
    X, n_clusters: int, *, oversampling: float | None = None, n_rounds: int = 5, random_state=0
) -> KMeansParallelSeeds:
    """Seed K-means with k-means|| (Bahmani et al., 2012), the parallel form of k-means++.

    k-means++ picks the centres one at a time, each with probability proportional to the squared
    distance D(x)^2 to the centres already chosen: ``n_clusters`` passes over the data, one after
    the other. k-means|| starts from one random point and, in each of a few rounds, keeps every
    point independently with probability ``oversampling * D(x)^2 / sum(D^2)``: about
    ``oversampling`` new candidates per round, in one pass that splits across machines. Each
    candidate is then weighted by the number of points nearest to it, and the weighted
    candidates (a small set) are clustered into ``n_clusters`` seeds on one machine.

    This small NumPy version is for teaching and drawing (it holds ``X`` in memory); Dask-ML's
    ``KMeans(init="k-means||")`` is the distributed one.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
        The data.
    n_clusters : int
        The number of seeds wanted.
    oversampling : float, optional
        Expected candidates per round (the paper's l); default ``2 * n_clusters``.
    n_rounds : int, default 5
        Sampling rounds (the paper finds 5 enough).
    random_state : None, int or numpy.random.RandomState, default 0
        Seed for the draws (scikit-learn's ``check_random_state``: None uses NumPy's global
        random state).

    Returns
    -------
    KMeansParallelSeeds
        The candidates of each round, their weights and the final centres.

    Raises
    ------
    ValueError
        If X is not a finite 2-D array, n_clusters is not an integer from 1 to n_samples, n_rounds
        is not an integer >= 0, oversampling is not a positive number, or random_state is not
        None, an integer seed or a RandomState.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.concatenate([rng.normal(m, 0.1, size=(50, 2)) for m in (1, 5, 10)])
    >>> seeds = kmeans_parallel_seeds(X, 3, n_rounds=2)
    >>> seeds.centers.shape, seeds.passes
    ((3, 2), 4)
    >>> np.sort(seeds.centers[:, 0]).round()
    array([ 1.,  5., 10.])
    """
    X = check_finite_rows(X)
    n_clusters = check_int(n_clusters, name="n_clusters", low=1, high=len(X))
    n_rounds = check_int(n_rounds, name="n_rounds", low=0)
    if oversampling is None:
        oversampling = 2.0 * n_clusters
    oversampling = check_positive(oversampling, name="oversampling")
    rng = check_random_state(random_state)
    from sklearn.cluster import KMeans  # lazy: scikit-learn is slow to import

    chosen = [int(rng.randint(len(X)))]
    rounds = [0]
    d2 = ((X - X[chosen[0]]) ** 2).sum(axis=1)
    done = 0
    for r in range(1, n_rounds + 1):
        cost = d2.sum()
        if cost == 0:  # every point is a candidate already
            break
        done = r
        keep = rng.random_sample(len(X)) < oversampling * d2 / cost
        new = [int(i) for i in np.flatnonzero(keep & (d2 > 0))]
        if not new:
            continue
        chosen += new
        rounds += [r] * len(new)
        d2 = np.minimum(d2, ((X[:, None, :] - X[new][None, :, :]) ** 2).sum(axis=2).min(axis=1))
    candidates = X[chosen]
    nearest = ((X[:, None, :] - candidates[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    weights = np.bincount(nearest, minlength=len(candidates)).astype(np.float64)
    if len(candidates) < n_clusters:  # too few candidates: top up with random points
        others = np.setdiff1d(np.arange(len(X)), chosen)
        extra = rng.choice(others, n_clusters - len(candidates), replace=False)
        centers = np.concatenate([candidates, X[extra]])
    else:
        km = KMeans(n_clusters=n_clusters, n_init=1, random_state=rng.randint(2**31 - 1))
        centers = km.fit(candidates, sample_weight=np.maximum(weights, 1e-12)).cluster_centers_
    return KMeansParallelSeeds(
        candidates=candidates,
        rounds=np.asarray(rounds),
        weights=weights,
        centers=centers,
        passes=done + 2,
    )
