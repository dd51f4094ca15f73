"""Self-checks for the exercises of notebook 02, *K-Means as Expectation-Maximization*.

The learner writes the two half-steps of K-means as functions; each check calls the function on a few
small test problems of its own (2-D and 64-D, one cluster and several) and compares with the right
answer. It never raises: an exception inside the learner's function, a ``None`` returned, a wrong shape
or a typical slip (argmax for argmin, a median for a mean, ...) all come back as a ``CheckResult`` with a
hint.

Hints grow with the attempt. The function as shipped returns ``None``: that gets a nudge in words
only, no code. A wrong answer gets a diagnosis of the slip and, where it helps, a line of code.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._answers import as_float_array, describe, squared_distances
from ._feedback import CheckResult, failed, passed

__all__ = ["check_assign_step", "check_update_step"]

# (n_samples, n_features, n_clusters, seed): the test problems every check runs, smallest first.
_CASES = ((12, 2, 3, 0), (40, 2, 4, 1), (30, 64, 5, 2), (15, 3, 1, 3))


def _problem(n: int, d: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points and centres in general position (no distance ties), the same every call."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=3.0, size=(k, d))
    X = centers[rng.integers(k, size=n)] + rng.normal(size=(n, d))
    return X, centers


def _labels_for(n: int, k: int, seed: int) -> np.ndarray:
    """Cluster labels in shuffled order, every cluster non-empty and of varying size."""
    rng = np.random.default_rng(seed + 100)
    labels = np.concatenate([np.arange(k), rng.integers(k, size=n - k)])
    return rng.permutation(labels)


def _not_callable(func, name: str, signature: str) -> CheckResult | None:
    if callable(func):
        return None
    return failed(
        f"expected your function itself; got {describe(func)}.",
        f"Pass the function without calling it: {name}({signature.split('(')[0]}).",
    )


def _call(func, *args):
    """Run the learner's function: (result, error, warning).

    ``error`` is a failed CheckResult when the function raised, else None. Warnings the function
    emits (e.g. NumPy's "Mean of empty slice") are caught, so the check cell stays clean, and the
    first one is returned as text to explain a wrong answer.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = func(*args)
        except Exception as exc:  # the learner's code: any error becomes feedback
            return (
                None,
                failed(
                    f"your function raised {type(exc).__name__}: {exc}"[:300],
                    "Run it on a small example in a cell of its own and read the error message.",
                ),
                "",
            )
    warning = f" (it also warned: {caught[0].message})" if caught else ""
    return result, None, warning


def _l1_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """The (n_points, n_clusters) table of L1 ("city block") distances: a typical slip."""
    return np.abs(X[:, np.newaxis, :] - centers[np.newaxis, :, :]).sum(axis=2)


def _ragged_rows(error: CheckResult) -> CheckResult:
    """Explain NumPy's "inhomogeneous shape" error: rows of different lengths were stacked."""
    if "inhomogeneous" not in error.message:
        return error
    return failed(
        "NumPy could not stack your rows into one array: they have different lengths (its "
        "error mentions an 'inhomogeneous shape'). Each row had one number per point of its "
        "cluster, and the clusters have different sizes.",
        "Average over the points of a cluster (the first axis), not over the features, so that "
        "every row has one number per feature.",
    )


def _case_text(n: int, d: int, k: int) -> str:
    return f"{n} points in {d}-D and {k} centre{'s' if k > 1 else ''}"


_ASSIGN_NUDGE = (
    "For every point, measure its squared distance to each centre, and keep the number of the "
    "closest centre. Try to do all the points at once, without a loop over them."
)
_ASSIGN_HINT = (
    "Build an (n_points, n_clusters) table of squared distances (one row per point, one column "
    "per centre) with broadcasting: `X[:, None, :] - centers[None, :, :]` holds every "
    "point-minus-centre difference. Then take, in each row, the index of the smallest entry."
)


def _misuse(before, after, result, where: str, hint: str, nudge: str) -> CheckResult | None:
    """A failed result when the learner's function changed its inputs or returned nothing.

    ``None`` is what the exercise's template returns: no answer yet, so the hint is ``nudge``, a
    conceptual nudge in words (no code).
    """
    if not all(np.array_equal(b, a) for b, a in zip(before, after, strict=True)):
        return failed(f"your function changed its input arrays {where}.", hint)
    if result is None:
        return failed(
            "your function returned None: no answer yet (or a missing return line).", nudge
        )
    return None


def _broadcast_error(error: CheckResult) -> CheckResult:
    """Explain NumPy's "could not be broadcast together": X minus centers without new axes."""
    if "could not be broadcast" not in error.message:
        return error
    return failed(
        "NumPy could not subtract the centres from the points: X has one row per point, centers "
        "one row per centre, and those numbers differ (its error says the shapes 'could not be "
        "broadcast together').",
        "Give each array an axis of length 1 where the other has its rows: "
        "`X[:, None, :] - centers[None, :, :]` has shape (n_points, n_clusters, n_features).",
    )


def _assign_slips(labels, X: np.ndarray, centers: np.ndarray, where: str) -> list[CheckResult]:
    """The typical slips that give exactly these wrong labels, each as a diagnosis with a hint."""
    k, d = centers.shape
    diff = X[:, np.newaxis, :] - centers[np.newaxis, :, :]
    d2 = (diff**2).sum(axis=2)
    slips = [
        (
            k > 1 and d2.argmax(axis=1),
            f"every point went to its farthest centre {where}.",
            "Use argmin (smallest distance), not argmax.",
        ),
        (
            k > 1 and (diff**2).sum(axis=1).argmin(axis=1),
            f"your labels are the feature with the smallest sum over the centres {where}: the "
            "sum ran over the centres instead of the features.",
            "Sum the squared differences over the last axis (the features), then pick the "
            "smallest column in each row.",
        ),
        (
            k > 1 and diff.sum(axis=2).argmin(axis=1),
            f"your 'distances' are sums of signed differences, where positive and negative "
            f"differences cancel out {where}.",
            "Square the differences before summing them over the features.",
        ),
        (
            d > 2 and squared_distances(X[:, :2], centers[:, :2]).argmin(axis=1),
            f"your labels are right for the first two features only {where}.",
            "Use every feature: the check also runs 64-dimensional points.",
        ),
        (
            k > 1 and _l1_distances(X, centers).argmin(axis=1),
            f"your distances are sums of absolute differences (the L1 or 'city block' "
            f"distance), which picks another centre for some points {where}.",
            "K-means uses the squared Euclidean distance: square the differences, then sum over "
            "the features.",
        ),
    ]
    return [
        failed(message, hint)
        for predicted, message, hint in slips
        if predicted is not False and np.array_equal(labels, predicted)
    ]


def check_assign_step(assign) -> CheckResult:
    """Check a learner's assignment step (E-step): ``assign(X, centers) -> labels``.

    ``labels[i]`` must be the index of the centre nearest to ``X[i]`` (Euclidean distance). The
    function is run on four test problems, including 64-dimensional points and a single centre; it
    must not modify its arguments.

    Parameters
    ----------
    assign : callable
        The learner's function, taking ``X`` of shape (n_samples, n_features) and ``centers`` of shape
        (n_clusters, n_features) and returning an integer array of shape (n_samples,).

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> import numpy as np
    >>> def assign(X, centers):
    ...     d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    ...     return d2.argmin(axis=1)
    >>> bool(check_assign_step(assign))
    True
    >>> bool(check_assign_step(lambda X, centers: np.zeros(len(X), dtype=int)))
    False
    """
    problem = _not_callable(assign, "check_assign_step", "assign_points(X, centers)")
    if problem is not None:
        return problem
    ambiguous = None  # a slip that fitted a test problem, where another slip fitted too
    for i, (n, d, k, seed) in enumerate(_CASES):
        last = i == len(_CASES) - 1
        X, centers = _problem(n, d, k, seed)
        X_in, centers_in = X.copy(), centers.copy()
        result, error, warned = _call(assign, X_in, centers_in)
        if error is not None:
            return _broadcast_error(error)
        where = f"(test with {_case_text(n, d, k)})"
        hint = "Compute new arrays instead of writing into X or centers."
        problem = _misuse((X, centers), (X_in, centers_in), result, where, hint, _ASSIGN_NUDGE)
        if problem is not None:
            return problem
        d2 = squared_distances(X, centers)
        truth = d2.argmin(axis=1)
        arr = as_float_array(result)
        if arr is None:
            return failed(f"expected an array of labels; got {describe(result)}.", _ASSIGN_HINT)
        if arr.shape == (n, k) and k > 1:
            return failed(
                f"you returned the whole ({n}, {k}) table of distances {where}.",
                "Keep, for each point (row), only the index (column) of the smallest distance.",
            )
        if arr.shape == ():
            return failed(
                f"you returned a single number, not one label per point {where}.",
                "Without an axis, argmin looks at the whole table as one flat list; ask for the "
                "smallest entry of each row (the axis of the centres).",
            )
        if arr.shape == (n, d) and d != k:
            return failed(
                f"you returned a ({n}, {d}) array, one row per point and one column per feature "
                f"{where}: the sum ran over the centres instead of the features.",
                "Sum the squared differences over the last axis (the features), which leaves one "
                "column per centre; then pick the smallest column in each row.",
            )
        if arr.shape == (k,) and n != k:
            return failed(
                f"you returned {k} labels, one per centre, instead of one per point {where}.",
                "Take the index of the smallest distance along the axis of the centres, in a "
                "table with one row per point.",
            )
        if arr.shape != (n,):
            return failed(
                f"expected one label per point, shape ({n},); got shape {arr.shape} {where}.",
                _ASSIGN_HINT,
            )
        if not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
            return failed(
                f"labels must be whole numbers (centre indices); yours are not {where}.",
                "Return the indices from argmin, not the distances from min.",
            )
        labels = arr.astype(int)
        if np.array_equal(labels, truth):
            continue
        slips = _assign_slips(labels, X, centers, where)
        if len(slips) == 1 or (slips and last):
            return slips[0]
        if slips:  # two slips give these labels here: the next test problem tells them apart
            ambiguous = ambiguous or slips[0]
            continue
        wrong = int((labels != truth).sum())
        return failed(
            f"{wrong} of {n} points did not get their nearest centre {where}{warned}.", _ASSIGN_HINT
        )
    if ambiguous is not None:
        return ambiguous
    return passed(
        "every point goes to its nearest centre, in all four tests (2-D, 64-D, one centre)."
    )


_UPDATE_NUDGE = (
    "A cluster's new centre is the average position of the points that carry its label: for each "
    "cluster, gather its points and average them, feature by feature."
)
_UPDATE_HINT = (
    "Row j of the result is the mean of the points whose label is j (select them with the boolean "
    "mask `labels == j`), averaged over the points so that it has one number per feature; do this "
    "for every j from 0 to n_clusters - 1 and stack the results as rows."
)


def check_update_step(update) -> CheckResult:
    """Check a learner's update step (M-step): ``update(X, labels, n_clusters) -> centers``.

    Row ``j`` of the result must be the mean of the points whose label is ``j``. The function is run on
    four test problems (labels in shuffled order, clusters of different sizes, 2-D and 64-D, one
    cluster); every cluster has at least one point. It must not modify its arguments.

    Parameters
    ----------
    update : callable
        The learner's function, taking ``X`` of shape (n_samples, n_features), integer ``labels`` of
        shape (n_samples,) and the number of clusters, and returning the centres as an array of
        shape (n_clusters, n_features).

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> import numpy as np
    >>> def update(X, labels, n_clusters):
    ...     return np.array([X[labels == j].mean(axis=0) for j in range(n_clusters)])
    >>> bool(check_update_step(update))
    True
    >>> bool(check_update_step(lambda X, labels, n_clusters: X[:n_clusters]))
    False
    """
    problem = _not_callable(update, "check_update_step", "update_centers(X, labels, n_clusters)")
    if problem is not None:
        return problem
    for n, d, k, seed in _CASES:
        X, _ = _problem(n, d, k, seed)
        labels = _labels_for(n, k, seed)
        X_in, labels_in = X.copy(), labels.copy()
        result, error, warned = _call(update, X_in, labels_in, k)
        if error is not None:
            return _ragged_rows(error)
        where = f"(test with {_case_text(n, d, k)})"
        hint = "Compute a new array of centres instead of writing into X or labels."
        problem = _misuse((X, labels), (X_in, labels_in), result, where, hint, _UPDATE_NUDGE)
        if problem is not None:
            return problem
        members = [X[labels == j] for j in range(k)]
        truth = np.array([m.mean(axis=0) for m in members])
        arr = as_float_array(result)
        if arr is None:
            return failed(f"expected an array of centres; got {describe(result)}.", _UPDATE_HINT)
        if arr.shape == (d, k) and d != k:
            return failed(
                f"your centres have shape ({d}, {k}): one column per centre {where}.",
                f"Return one row per centre, shape ({k}, {d}) (transpose, or stack the rows).",
            )
        if arr.shape in {(k,), (d,), (n, d)} and arr.shape != (k, d):
            return failed(
                f"expected one centre per row, shape ({k}, {d}); got shape {arr.shape} {where}.",
                "Average the points of each cluster over axis 0 (the points), and stack the k "
                "means as rows.",
            )
        if arr.ndim == 2 and arr.shape[1] == d and arr.shape[0] != k:
            return failed(
                f"you returned {arr.shape[0]} centres, but n_clusters is {k} {where}.",
                "Make one row for each cluster number from 0 to n_clusters - 1, using the "
                "function's n_clusters argument rather than a fixed number.",
            )
        if arr.shape != (k, d):
            return failed(
                f"expected shape ({k}, {d}), one centre per row; got shape {arr.shape} {where}.",
                _UPDATE_HINT,
            )
        if np.allclose(arr, truth, rtol=1e-9, atol=1e-9):
            continue
        if not np.isfinite(arr).all():
            return failed(
                f"some of your centres are NaN or infinite {where}{warned}.",
                "A NaN comes from averaging an empty selection: the labels start at 0 and end at "
                "n_clusters - 1, so select the points of label j for exactly those j.",
            )
        if np.allclose(arr, [np.median(m, axis=0) for m in members]) and k > 1:
            return failed(f"those are medians, not means {where}.", "Use the mean over the points.")
        if np.allclose(arr, [m.sum(axis=0) for m in members]):
            return failed(
                f"those are the sums of each cluster's points {where}.",
                "Divide each sum by the number of points in that cluster.",
            )
        if np.allclose(arr, [m.sum(axis=0) / n for m in members]) and k > 1:
            return failed(
                f"you divided each cluster's sum by the number of all the points {where}.",
                "Divide by the number of points in that cluster only.",
            )
        if k > 1 and np.allclose(arr, np.broadcast_to(X.mean(axis=0), (k, d))):
            return failed(
                f"every centre is the mean of all the points {where}.",
                "Each centre averages only its own points: those whose label is j.",
            )
        order = [int(np.argmin(((truth - row) ** 2).sum(axis=1))) for row in arr]
        if sorted(order) == list(range(k)) and np.allclose(arr, truth[order]):
            return failed(
                f"you have the right means but in the wrong rows {where}.",
                "Row j must hold the mean of the points with label j, in label order.",
            )
        wrong = int((~np.isclose(arr, truth, rtol=1e-9, atol=1e-9).all(axis=1)).sum())
        return failed(
            f"{wrong} of {k} centres are not the mean of their points {where}.", _UPDATE_HINT
        )
    return passed(
        "every centre moves to the mean of its points, in all four tests (2-D, 64-D, one cluster)."
    )
