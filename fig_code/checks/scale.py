"""Self-checks for the exercises of notebook 05, *K-Means at Scale*.

Each check takes the learner's answer plus what it was computed from, and returns a ``CheckResult``
that says right or wrong. Hints grow with the attempt: an answer still left at None gets a nudge in
words, never code; a wrong answer gets a diagnosis of that slip and, where it helps, the code-level
fix. A learner's answer never raises; bad data arguments (which come from the notebook) raise
``ValueError`` like the rest of fig_code.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_int, check_positive, check_rows
from ..scale import iter_chunks
from ._answers import as_float_array, describe
from ._feedback import CheckResult, failed, passed

__all__ = ["check_chunk_size", "check_kmeans_parallel_saving", "check_partial_fit_loop"]


def _reference_stream(X, chunk_size: int, n_clusters: int, random_state: int):
    from sklearn.cluster import MiniBatchKMeans  # lazy: scikit-learn is slow to import

    model = MiniBatchKMeans(n_clusters=n_clusters, n_init=1, random_state=random_state)
    for chunk in iter_chunks(X, chunk_size):
        model.partial_fit(chunk)
    return model


def check_partial_fit_loop(
    model, X, chunk_size: int, *, n_clusters: int = 8, random_state: int = 0
) -> CheckResult:
    """Check a MiniBatchKMeans fitted chunk by chunk with ``partial_fit`` against a reference run.

    The reference makes ``MiniBatchKMeans(n_clusters=n_clusters, n_init=1,
    random_state=random_state)`` once and calls ``partial_fit`` on rows ``0:chunk_size``, then
    ``chunk_size:2 * chunk_size`` and so on to the end, the last, shorter chunk included. The
    learner's model passes when its centres match the reference's.

    Parameters
    ----------
    model : MiniBatchKMeans
        The learner's fitted model.
    X : array of shape (n_samples, n_features)
        The data streamed, in memory or memory-mapped.
    chunk_size : int
        Rows per chunk.
    n_clusters : int, default 8
        Clusters asked for.
    random_state : int, default 0
        The model's seed.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> from sklearn.cluster import MiniBatchKMeans
    >>> X = np.random.default_rng(0).normal(size=(1000, 2))
    >>> model = MiniBatchKMeans(n_clusters=3, n_init=1, random_state=0)
    >>> for start in range(0, len(X), 300):
    ...     model = model.partial_fit(X[start : start + 300])
    >>> bool(check_partial_fit_loop(model, X, 300, n_clusters=3))
    True
    """
    check_rows(X)
    chunk_size = check_int(chunk_size, name="chunk_size", low=1)
    n_clusters = check_int(n_clusters, name="n_clusters", low=1)
    random_state = check_int(random_state, name="random_state", low=0)
    n = X.shape[0]
    n_chunks = -(-n // chunk_size)
    spec = f"MiniBatchKMeans(n_clusters={n_clusters}, n_init=1, random_state={random_state})"
    loop = (  # indented under the "Hint:" line
        f"\n      model = {spec}"
        f"\n      for start in range(0, len(X_disk), {chunk_size:_}):"
        f"\n          model.partial_fit(X_disk[start : start + {chunk_size:_}])"
    )
    if model is None:
        return failed(
            "there is no answer yet: the variable still holds None.",
            "Make one model before the loop. Then walk through the rows from the first to the "
            "last, a chunk at a time, and give each chunk to the model's partial_fit method. "
            "Keep the model you fed.",
        )
    from sklearn.cluster import KMeans, MiniBatchKMeans

    if isinstance(model, type):
        return failed(
            "that is the MiniBatchKMeans class itself, not a model made from it and fitted.",
            f"Make one with {spec}, then feed it the chunks.",
        )
    if isinstance(model, KMeans) or not isinstance(model, MiniBatchKMeans):
        what = "a KMeans model" if isinstance(model, KMeans) else describe(model)
        return failed(
            f"expected a fitted MiniBatchKMeans model; got {what}.",
            "KMeans has no partial_fit: it needs every row at once. Use " + spec + ".",
        )
    if not hasattr(model, "cluster_centers_"):
        return failed(
            "the model has not been fitted: it has no cluster centres yet.",
            "Call its partial_fit method once per chunk, inside the loop:" + loop,
        )
    params = model.get_params()
    for name, want in (("n_clusters", n_clusters), ("random_state", random_state)):
        if params[name] != want:
            return failed(
                f"the model was made with {name}={params[name]!r}; the reference uses {want}.",
                f"Make it as {spec}.",
            )
    # Other settings that change what partial_fit computes (batch_size too: it sizes the sample
    # the first call seeds from); settings used only by fit (max_iter, tol, ...) may differ.
    defaults = MiniBatchKMeans(n_init=1, random_state=0).get_params()
    for name in ("init", "init_size", "batch_size", "reassignment_ratio", "n_init"):
        value, want = params[name], 1 if name == "n_init" else defaults[name]
        if name == "n_init":
            same = isinstance(value, str) and value == "auto" or _same_setting(value, 1)
        else:
            same = _same_setting(value, want)
        if not same:
            shown = repr(value) if isinstance(value, (str, numbers.Number)) else describe(value)
            return failed(
                f"the model was made with {name}={shown}, where the reference uses {want!r}: "
                "partial_fit's result depends on it.",
                f"Make it exactly as {spec}.",
            )
    if hasattr(model, "n_iter_"):
        return failed(
            "the model was fitted with fit, which reads all its data at once and restarts "
            "from scratch at every call.",
            "Call partial_fit instead, once per chunk, on one model:" + loop,
        )
    steps = int(model.n_steps_)
    last_rows = len(getattr(model, "labels_", ()))
    if steps == 1 and n_chunks > 1:
        if last_rows == n:
            return failed(
                "partial_fit was called once, on all the rows: that needs them all in memory.",
                "Give it one chunk at a time:" + loop,
            )
        return failed(
            f"the model saw only one chunk (of {last_rows:,} rows) where there are {n_chunks}: "
            "was it made again inside the loop, so that each chunk started a new model?",
            "Make the model once, before the loop, and only call partial_fit inside it:" + loop,
        )
    if steps != n_chunks:
        if steps == 2 * n_chunks:
            reason = "the cell ran twice on the same model: each run adds steps"
            hint = "Make the model in the same cell as the loop, so that a rerun starts afresh:"
        elif steps == n_chunks - 1:
            reason = "the last, shorter chunk was left out"
            hint = "Let the range run to len(X_disk): slicing past the end of an array is fine."
        else:
            reason = f"chunks of {chunk_size:,} rows give {n_chunks}"
            hint = f"Step through the rows {chunk_size:,} at a time:"
        return failed(
            f"the model made {steps} partial_fit steps where the reference makes {n_chunks}: "
            f"{reason}.",
            hint + loop,
        )
    reference = _reference_stream(X, chunk_size, n_clusters, random_state)
    ref = reference.cluster_centers_.astype(np.float64)
    yours = np.asarray(model.cluster_centers_, dtype=np.float64)
    scale = float(np.abs(ref).max()) or 1.0
    if yours.shape == ref.shape and np.allclose(yours, ref, rtol=1e-4, atol=1e-5 * scale):
        return passed(
            f"{n_chunks} chunks of at most {chunk_size:,} rows, the same {n_clusters} centres "
            "as the reference run."
        )
    return failed(
        f"the model made {n_chunks} steps, as it should, but its centres differ from the "
        "reference run's: were the chunks fed in a different order, or did they overlap or "
        "skip rows?",
        "Feed consecutive chunks from the first row on:" + loop,
    )


def _same_setting(value, want) -> bool:
    """``value == want`` for a model setting, without comparing arrays or bools with numbers."""
    if want is None or isinstance(want, str):
        return isinstance(value, type(want)) and value == want
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value == want


def check_chunk_size(
    answer, *, budget_mb: float, n_features: int, bytes_per_value: int = 4, factor: int = 2
) -> CheckResult:
    """Check a learner's largest chunk size (rows) that fits a memory budget.

    A chunk of ``rows`` rows of ``n_features`` values of ``bytes_per_value`` bytes takes
    ``rows * n_features * bytes_per_value`` bytes; fitting it takes ``factor`` times that. The
    answer is the largest whole number of rows whose fit stays within ``budget_mb`` megabytes
    (1 MB = 1,000,000 bytes).

    Parameters
    ----------
    answer : int
        The learner's number of rows.
    budget_mb : float
        The budget in megabytes.
    n_features : int
        Values per row.
    bytes_per_value : int, default 4
        4 for float32, 8 for float64.
    factor : int, default 2
        Memory the fit needs, as a multiple of the chunk's own size.

    Returns
    -------
    CheckResult
        Right or not yet, with a hint for a wrong answer.

    Raises
    ------
    ValueError
        If budget_mb is not a positive number, n_features, bytes_per_value or factor is not an
        integer >= 1, or the budget does not hold even one row of the fit.

    Examples
    --------
    >>> bool(check_chunk_size(62_500, budget_mb=4, n_features=8))
    True
    >>> bool(check_chunk_size(125_000, budget_mb=4, n_features=8))
    False
    """
    check_positive(budget_mb, name="budget_mb")
    n_features = check_int(n_features, name="n_features", low=1)
    bytes_per_value = check_int(bytes_per_value, name="bytes_per_value", low=1)
    factor = check_int(factor, name="factor", low=1)
    budget = budget_mb * 1e6
    row = n_features * bytes_per_value
    truth = int(budget // (factor * row))
    if truth < 1:
        raise ValueError(f"a budget of {budget_mb} MB does not hold even one row of this fit")
    if answer is None:
        return failed(
            "there is no answer yet: the variable still holds None.",
            "Work out how many bytes one row takes, and how many bytes it takes while it is "
            "being fitted. Then ask how many such rows the budget holds, rounded down to whole "
            "rows.",
        )
    hint = (
        f"One row is {n_features} values x {bytes_per_value} bytes = {row} bytes; fitting needs "
        f"{factor} x that. Rows = budget in bytes // ({factor} * {row}), with the budget "
        f"{budget_mb:g} MB = {budget:,.0f} bytes."
    )
    value = as_float_array(answer)
    if value is None or value.size != 1:
        return failed(f"expected one whole number of rows; got {describe(answer)}.", hint)
    x = float(value.reshape(-1)[0])
    if not np.isfinite(x) or x < 1:
        return failed(f"{describe(answer)} is not a number of rows (at least 1).", hint)
    if not isinstance(answer, numbers.Integral | np.integer):
        if x == round(x):
            return failed(
                f"{describe(answer)} has the value of a whole number but is a float: slicing "
                "rows with it (X_disk[start:start + chunk]) would raise a TypeError.",
                "Use integer division (//) or int(...) so that the answer is an int.",
            )
        return failed(
            f"{x:,.2f} is not a whole number of rows.",
            "Round down to whole rows with integer division (//) or int(...).",
        )
    rows = int(x)
    if rows == truth:
        return passed(
            f"{truth:,} rows: {truth * row / 1e6:,.2f} MB of data, about "
            f"{factor * truth * row / 1e6:,.2f} MB while fitting, within {budget_mb:g} MB."
        )
    slips = {
        int(budget // row): (
            f"that is how many rows the budget holds if fitting needed no more than the chunk "
            f"itself; it needs {factor} x the chunk."
        ),
        int(budget // (factor * n_features * 8)): (
            "that counts 8 bytes per value (float64); these data are float32, 4 bytes per value."
        ),
        int(budget_mb * 2**20 // (factor * row)): (
            "that uses 1 MB = 1,048,576 bytes (a mebibyte); here 1 MB = 1,000,000 bytes."
        ),
        int(budget // (factor * bytes_per_value)): (
            f"that counts one value per row; each row has {n_features} values."
        ),
        int(budget // factor): "that is a number of bytes, not of rows.",
        int(budget // (factor * n_features)): (
            f"that leaves out the size of a value: {bytes_per_value} bytes each."
        ),
    }
    if rows in slips and rows != truth:
        return failed(slips[rows], hint)
    if rows == truth + 1:
        return failed(
            f"{rows:,} rows need just over the budget: round down, not up.",
            "Integer division (//) rounds down.",
        )
    if rows < truth:
        return failed(
            f"{rows:,} rows fit the budget, but more would too: which is the largest?", hint
        )
    return failed(
        f"{rows:,} rows need about {factor * rows * row / 1e6:,.1f} MB while fitting: over the "
        f"{budget_mb:g} MB budget.",
        hint,
    )


_CHOICES = {
    "a": (
        "k-means|| changes only the seeding: every Lloyd iteration after it still visits all "
        "n points and k centres, O(n k d), exactly as before.",
        "Compare how the two seedings pick their centres, not what happens after.",
    ),
    "b": (
        "k-means++ must read the whole data once per centre, k passes one after another; "
        "k-means|| reads it once per round, a handful of passes, each split across machines."
    ),
    "c": (
        "each round of k-means|| still reads every point, to compute its distance to the "
        "candidates and decide whether to keep it. What it saves is the number of passes.",
        "Count how many times each method reads the whole data before Lloyd's iterations start.",
    ),
    "d": (
        "no seeding guarantees the lowest inertia: K-means still stops in a local minimum. "
        "k-means|| promises about as good a start as k-means++, not a better end.",
        "Count how many times each method reads the whole data before Lloyd's iterations start.",
    ),
}


def check_kmeans_parallel_saving(answer) -> CheckResult:
    """Check the learner's choice (a, b, c or d) of what k-means|| saves over k-means++.

    The options are in notebook 05: (a) cheaper Lloyd iterations, (b) fewer passes over the
    data to seed, each one split across machines, (c) not reading the whole data, (d) the
    lowest inertia. The answer is (b).

    Parameters
    ----------
    answer : str
        One letter; "b", "B", "(b)" and "b)" are all read as b.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> bool(check_kmeans_parallel_saving("b")), bool(check_kmeans_parallel_saving("a"))
    (True, False)
    """
    if answer is None:
        return failed(
            "there is no answer yet: the variable still holds None.",
            "Think about how many times each seeding must read all the data before Lloyd's "
            "iterations can start, and whether those reads can happen at the same time.",
        )
    if not isinstance(answer, str):
        return failed(
            f"expected one letter as a string, such as 'a'; got {describe(answer)}.",
            "Put the letter in quotes.",
        )
    letter = answer.strip().strip("().").lower()
    if letter not in _CHOICES:
        return failed(
            f"{answer!r} is not one of the choices.",
            "Answer with one letter: 'a', 'b', 'c' or 'd'.",
        )
    if letter == "b":
        return passed(_CHOICES["b"])
    message, hint = _CHOICES[letter]
    return failed(message, hint)
