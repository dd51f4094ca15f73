"""Self-checks for the exercises of notebook 01, *Introducing K-Means*.

Each check takes the learner's answer plus the data it was computed from, and returns a ``CheckResult``
that says right or wrong, and when wrong, what the answer looks like and a hint. A learner's answer never
raises: a wrong type or a ``None`` left in place is feedback too. The data arguments (``X``, ``centers``,
``point``) come from the notebook, so bad ones raise ``ValueError`` like the rest of fig_code.

Feedback grows with the attempts: an answer that still holds None gets a nudge in words, never code;
code-level hints come only with a wrong answer, and say what that answer looks like.

The hints name the notebook's variables (``km``, ``km3``, ``centers``, ``labels``, ``X``): these checks
are written for notebook 01.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_point, check_points
from ._answers import as_float_array, as_index, describe, squared_distances
from ._feedback import CheckResult, failed, passed

__all__ = ["check_inertia", "check_new_point"]

_INERTIA_HINT = (
    "For each point, take its nearest centre (the one KMeans assigned it to), square the distance to it, "
    "and add these squared distances over all points."
)


_INERTIA_NUDGE = (
    "In the three-cluster model every point has one centre of its own. Measure how far each point is "
    "from that centre, square it, and add the squares over all the points."
)
_NEW_POINT_NUDGE = (
    "The star is nearly as far from two centres, so the figure cannot settle it: measure. The distance "
    "to a centre is the length of the straight line between them: by Pythagoras, the square root of the "
    "sum of the squared differences in the two features. Work out the distance to every centre, then "
    "pick the centre with the smallest."
)


def _no_answer_yet(name: str | None, nudge: str = "") -> CheckResult:
    """The first feedback an exercise gives: what to fill in, and a nudge in words (never code)."""
    what = f"`{name}`" if name else "your answer"
    return failed(f"{what} still holds None; replace it with your computation and rerun.", nudge)


def check_inertia(
    answer, X, centers, *, name: str | None = None, other_centers=None
) -> CheckResult:
    """Check a learner's hand-computed inertia of ``X`` for the given cluster ``centers``.

    The inertia is the sum, over all points, of the squared Euclidean distance from each point to its
    nearest centre. Answers within 0.1 % of it pass, so a value rounded to one decimal is accepted.

    Parameters
    ----------
    answer : float
        The learner's inertia (a number; a 1-element array is accepted too).
    X : array-like of shape (n_samples, n_features)
        The data the model was fitted on.
    centers : array-like of shape (n_clusters, n_features)
        The fitted cluster centres, e.g. ``km3.cluster_centers_``.
    name : str, optional
        The learner's variable, named in the message when it still holds None.
    other_centers : array-like of shape (n_other, n_features), optional
        The centres of another model fitted to the same ``X`` that the learner might use by mistake
        (in notebook 01, the 4-cluster ``km``): an answer computed from them gets told so.

    Returns
    -------
    CheckResult
        ``passed`` is True when ``answer`` is the inertia; otherwise the message says what the answer
        looks like (a mean, a sum of unsquared distances, the other model's inertia, ...) and the
        hint how to fix it.

    Examples
    --------
    >>> X = [[0.0, 0.0], [2.0, 0.0], [10.0, 0.0]]
    >>> centers = [[1.0, 0.0], [10.0, 0.0]]
    >>> bool(check_inertia(2.0, X, centers))
    True
    >>> bool(check_inertia(2.0 / 3, X, centers))
    False
    """
    X = check_points(X)
    centers = check_points(centers, name="centers", n_features=X.shape[1])
    d2 = squared_distances(X, centers)
    nearest = d2.min(axis=1)
    truth = float(nearest.sum())
    if other_centers is not None:
        other_centers = check_points(other_centers, name="other_centers", n_features=X.shape[1])

    if answer is None:
        return _no_answer_yet(name, _INERTIA_NUDGE)
    arr = as_float_array(answer)
    if arr is None:
        return failed(f"expected a number; got {describe(answer)}.", _INERTIA_HINT)
    n, k = d2.shape
    if arr.size != 1:
        if arr.shape == (k,) and np.isclose(arr.sum(), truth, rtol=1e-3):
            return failed(
                f"you have one number per cluster ({k} numbers), not one number.",
                "Add them: the inertia is the total over all clusters, e.g. with sum(...).",
            )
        if arr.shape == (n,) and np.allclose(arr, nearest):
            return failed(
                f"you have one squared distance per point ({n} numbers), not one number.",
                "Add them up: inertia is their sum, e.g. with .sum().",
            )
        if arr.shape == (X.shape[1],) and np.isclose(arr.sum(), truth, rtol=1e-3):
            return failed(
                f"you have one number per feature ({X.shape[1]} numbers): the squares were added "
                "down the columns (over the points) but not across the features.",
                "Add over both axes: .sum() with no axis gives one number.",
            )
        if arr.shape == (n, k):
            return failed(
                "you have a whole table of distances, from every point to every centre.",
                "Keep only each point's nearest centre (.min(axis=1)), then add over the points.",
            )
        return failed(f"expected a single number; got {describe(answer)}.", _INERTIA_HINT)
    value = float(arr.reshape(-1)[0])
    if not np.isfinite(value):
        return failed(f"your answer is {value}, not a finite number.", _INERTIA_HINT)

    def near(target: float) -> bool:
        return bool(np.isclose(value, target, rtol=1e-3, atol=1e-9))

    if near(truth):
        return passed(f"the inertia is {truth:.1f}: the sum of the {n} squared distances.")
    if near(float(np.sqrt(nearest).sum())):
        return failed(
            "that is the sum of the distances themselves, not of their squares.",
            "Square each distance before adding (or skip the square root altogether).",
        )
    if near(-truth):
        return failed(
            "that is minus the inertia, which is what KMeans.score returns.",
            "Inertia is a sum of squares, never negative; compute it yourself rather than with score.",
        )
    if near(float(np.sqrt(truth))):
        return failed(
            "that is the square root of the inertia.",
            "Inertia is a sum of squared distances: leave out the final square root.",
        )
    if other_centers is not None:
        k_other = len(other_centers)
        other_d2 = squared_distances(X, other_centers)
        mixes = [float(other_d2.min(axis=1).sum())]  # the other model's inertia
        own = d2.argmin(axis=1)
        if own.max() < k_other:  # the other model's centres, indexed by this model's labels
            mixes.append(float(other_d2[np.arange(n), own].sum()))
        if any(near(m) for m in mixes):
            return failed(
                f"that is computed with the centres of the {k_other}-cluster model, "
                f"not these {k} centres.",
                f"Use km3.cluster_centers_ and km3.labels_; `centers` and `labels` belong to the "
                f"{k_other}-cluster model.",
            )
    if (
        near(float(nearest.mean()))
        or near(float(np.sqrt(nearest).mean()))
        or near(truth / X.size)  # .mean() over every entry of the (n, n_features) array
    ):
        return failed(
            "that is an average over the points, not a total.",
            "Inertia adds the squared distances up: use .sum() rather than .mean().",
        )
    if near(float(d2.sum())):
        return failed(
            "you added the squared distances to every centre.",
            "Only each point's own (nearest) centre counts: take .min(axis=1) before summing.",
        )
    if near(float(((X - X.mean(axis=0)) ** 2).sum())):
        return failed(
            "that is the spread around the mean of all the data, i.e. the inertia of one single cluster.",
            "Measure each point against its own cluster centre, not against the overall mean.",
        )
    return failed(f"{value:.4g} is not the inertia of these centres.", _INERTIA_HINT)


_NOT_ASKED = object()  # ``distances`` left out: the check judges the index alone

# Distances count as right when each is within this of the truth: a careful learner's rounding to two
# decimals (error at most 0.005) passes, rounding to one decimal does not (it can hide the answer).
_DISTANCE_ATOL = 0.0051


def check_new_point(
    answer, point, centers, *, distances=_NOT_ASKED, name: str | None = None, X=None
) -> CheckResult:
    """Check a learner's by-hand prediction: the index of the centre nearest to ``point``.

    This is what ``KMeans.predict`` does for one new point: the centres do not move, the point simply
    joins the cluster whose centre is closest (Euclidean distance). A tie between two centres accepts
    either. When ``distances`` is passed, the learner's distances from the point to every centre are
    checked first (to two decimals), so that an index guessed from a figure does not pass on its own.

    Parameters
    ----------
    answer : int
        The learner's cluster index, 0 to n_clusters - 1 (a whole float or a 1-element array such as
        the output of ``predict`` is accepted too).
    point : array-like of shape (n_features,) or (1, n_features)
        The new point.
    centers : array-like of shape (n_clusters, n_features)
        The fitted cluster centres, e.g. ``km.cluster_centers_``.
    distances : array-like of shape (n_clusters,), optional
        The learner's distances from ``point`` to each centre, in the centres' order (shape
        (1, n_clusters) is accepted too). Pass it, even when it still holds None, to require it;
        leave it out to check the index alone.
    name : str, optional
        The learner's variable for the index, named in the message when it still holds None.
    X : array-like of shape (n_samples, n_features), optional
        The training points: an answer that measured to them instead of to the centres gets told so.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> centers = [[0.0, 0.0], [5.0, 5.0]]
    >>> bool(check_new_point(1, [4.0, 4.5], centers))
    True
    >>> bool(check_new_point(0, [4.0, 4.5], centers))
    False
    >>> bool(check_new_point(1, [4.0, 4.5], centers, distances=[6.02, 1.12]))
    True
    >>> bool(check_new_point(1, [4.0, 4.5], centers, distances=None))
    False
    """
    point = check_point(point)
    centers = check_points(centers, name="centers", n_features=point.shape[1])
    d2 = squared_distances(point, centers)[0]
    k = len(centers)
    if X is not None:
        X = check_points(X, n_features=point.shape[1])
    hint = (
        f"Compute the distance from the point to each of the {k} centres, one per row of "
        "km.cluster_centers_ (np.linalg.norm with axis=1), then take the index of the smallest "
        "with np.argmin."
    )
    to_centres = "Measure to km.cluster_centers_, not to X."

    if distances is not _NOT_ASKED:
        if distances is None:
            if answer is None:
                return failed(
                    f"`distances` and `{name or 'cluster'}` still hold None; replace them with your "
                    "computation and rerun.",
                    _NEW_POINT_NUDGE,
                )
            return failed(
                "`distances` still holds None. Whatever the cluster number, it needs the distances "
                "behind it: this close to a border, a guess from the figure is a coin toss.",
                _NEW_POINT_NUDGE,
            )
        verdict = _check_distances(distances, point, centers, X)
        if verdict is not None:
            return verdict
    if answer is None:
        if distances is not _NOT_ASKED:
            return failed(
                f"your distances are right; `{name or 'cluster'}` still holds None.",
                "Which position in your distances holds the smallest one? That position is the "
                "number of the nearest centre.",
            )
        return _no_answer_yet(name, _NEW_POINT_NUDGE)
    index = as_index(answer)
    if index is None:
        arr = as_float_array(answer)
        if arr is not None and arr.shape == (k,):
            return failed(
                f"you have {k} numbers (one per centre, distances?) rather than one cluster index.",
                "Take the position of the smallest one with np.argmin.",
            )
        if X is not None and arr is not None and arr.shape == (len(X),):
            return failed(f"you have {len(X)} numbers, one per data point.", to_centres)
        if arr is not None and arr.size == 1:
            value = float(arr.reshape(-1)[0])
            if (
                np.isclose(np.sqrt(d2), value, rtol=1e-3).any()
                or np.isclose(d2, value, rtol=1e-3).any()
            ):
                return failed(
                    f"that looks like a distance ({value:.2f}), not the index of a centre.",
                    "np.argmin gives the position of the smallest distance: that position is the "
                    "cluster.",
                )
        return failed(
            f"expected a cluster index, a whole number from 0 to {k - 1}; got {describe(answer)}.",
            hint,
        )
    if not 0 <= index < k:
        if X is not None and index == int(squared_distances(point, X)[0].argmin()):
            return failed(
                f"{index} is the number of the data point nearest to the point, not of a centre.",
                to_centres,
            )
        return failed(
            f"there is no cluster {index}: the {k} clusters are numbered 0 to {k - 1}.",
            f"{to_centres} {hint}" if index >= k else hint,
        )
    dist = np.sqrt(d2)
    if np.isclose(d2[index], d2.min(), rtol=1e-12, atol=0.0):
        message = (
            f"the nearest centre is number {index}, so predict puts the point in cluster {index}."
        )
        others = np.delete(dist, index)
        if len(others):
            message += (
                f" It is {dist[index]:.2f} away and the next centre {others.min():.2f}: "
                f"a gap of {others.min() - dist[index]:.2f}."
            )
        return passed(message)
    if X is not None:
        nearest_point = int(squared_distances(point, X)[0].argmin())
        if index == int(
            squared_distances(X[nearest_point : nearest_point + 1], centers)[0].argmin()
        ):
            return failed(
                f"{index} is the cluster of the data point nearest to the point, but predict "
                "compares the point with the centres, not with the data points.",
                "Measure from the point to each centre in km.cluster_centers_ and take the nearest.",
            )
    if index == int(np.argmax(d2)) and k > 2:
        return failed(
            f"centre {index} is the farthest from the point, not the nearest.",
            "Use np.argmin (smallest distance), not np.argmax.",
        )
    return failed(f"centre {index} is {dist[index]:.2f} away, but another centre is closer.", hint)


def _check_distances(distances, point, centers, X) -> CheckResult | None:
    """None when ``distances`` are the point's distances to the centres; else what went wrong."""
    k, n_features = centers.shape
    true = np.sqrt(squared_distances(point, centers)[0])
    norm_hint = (
        "Subtract the point from the centres (one row per centre), then take the length of each row: "
        "np.linalg.norm(km.cluster_centers_ - point, axis=1)."
    )
    arr = as_float_array(distances)
    if arr is None:
        return failed(f"`distances` should hold numbers; got {describe(distances)}.", norm_hint)
    if arr.shape == (1, k):
        arr = arr[0]
    if arr.shape != (k,):
        if arr.size == 1:
            return failed(
                "`distances` holds a single number; it needs one distance per centre "
                f"({k} numbers).",
                "Without axis=1, np.linalg.norm measures the whole table at once: add axis=1 to get "
                "one length per row (per centre).",
            )
        if arr.shape == (n_features,):
            return failed(
                f"`distances` holds {n_features} numbers, one per feature; it needs one per centre "
                f"({k}).",
                "The rows are the centres: take the norm along axis=1, not axis=0.",
            )
        if arr.shape == (k, n_features):
            return failed(
                f"`distances` holds the differences, a row of {n_features} per centre; each row "
                "still has to become one length.",
                "np.linalg.norm(..., axis=1) turns each row into its length.",
            )
        if X is not None and arr.shape == (len(X),):
            return failed(
                f"`distances` holds {len(X)} numbers, one per data point: measured to X.",
                "Measure to the centres in km.cluster_centers_, not to the data points.",
            )
        return failed(
            f"`distances` should hold {k} numbers, one per centre of km; got {describe(distances)}.",
            norm_hint,
        )
    if not np.isfinite(arr).all():
        return failed("`distances` contains NaN or infinite values.", norm_hint)
    if np.allclose(arr, true, rtol=0.0, atol=_DISTANCE_ATOL):
        return None
    diff = point[0] - centers
    if np.allclose(arr, true**2, rtol=1e-3, atol=_DISTANCE_ATOL):
        return failed(
            "these are the squared distances. They put the centres in the right order, but they are "
            "not distances yet.",
            "Take the square root (np.sqrt), or use np.linalg.norm, which does it for you.",
        )
    if np.allclose(arr, np.abs(diff).sum(axis=1), atol=_DISTANCE_ATOL):
        return failed(
            "these add the absolute differences of the two features (the 'city-block' distance). "
            "K-means measures straight lines.",
            "Square the differences, add them, and take the square root: np.linalg.norm(..., axis=1).",
        )
    if np.allclose(np.sort(arr), np.sort(true), atol=_DISTANCE_ATOL):
        return failed(
            "these are the right distances in the wrong order.",
            "Keep them in the order of the rows of km.cluster_centers_: position j is centre j.",
        )
    if np.allclose(arr, true, rtol=0.0, atol=0.051):
        return failed(
            "these are the distances rounded to one decimal. The two nearest centres are so close "
            "that this can change which is nearer.",
            "Keep at least two decimals (or do not round at all).",
        )
    return failed("these are not the distances from the point to the centres.", norm_hint)
