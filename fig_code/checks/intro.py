"""Self-checks for the exercises of notebook 01, *Introducing K-Means*.

Each check takes the learner's answer plus the data it was computed from, and returns a ``CheckResult``
that says right or wrong, and when wrong, what the answer looks like and a hint. A learner's answer never
raises: a wrong type or a ``None`` left in place is feedback too. The data arguments (``X``, ``centers``,
``point``) come from the notebook, so bad ones raise ``ValueError`` like the rest of fig_code.

The hints name the notebook's variables (``km``, ``km3``, ``centers``, ``labels``, ``X``): these checks
are written for notebook 01.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_points
from ._answers import as_float_array, as_index, describe, squared_distances
from ._feedback import CheckResult, failed, passed

__all__ = ["check_inertia", "check_new_point"]

_INERTIA_HINT = (
    "For each point, take its nearest centre (the one KMeans assigned it to), square the distance to it, "
    "and add these squared distances over all points."
)


def _no_answer_yet(name: str | None) -> CheckResult:
    what = f"`{name}`" if name else "your answer"
    return failed(f"{what} still holds None; replace it with your computation and rerun.")


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
        return _no_answer_yet(name)
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


def check_new_point(answer, point, centers, *, name: str | None = None, X=None) -> CheckResult:
    """Check a learner's by-hand prediction: the index of the centre nearest to ``point``.

    This is what ``KMeans.predict`` does for one new point: the centres do not move, the point simply
    joins the cluster whose centre is closest (Euclidean distance). A tie between two centres accepts
    either.

    Parameters
    ----------
    answer : int
        The learner's cluster index, 0 to n_clusters - 1 (a whole float or a 1-element array such as
        the output of ``predict`` is accepted too).
    point : array-like of shape (n_features,) or (1, n_features)
        The new point.
    centers : array-like of shape (n_clusters, n_features)
        The fitted cluster centres, e.g. ``km.cluster_centers_``.
    name : str, optional
        The learner's variable, named in the message when it still holds None.
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
    """
    arr = as_float_array(point)
    if arr is None or arr.ndim not in (1, 2) or arr.ndim == 2 and arr.shape[0] != 1:
        raise ValueError(
            "point must be one point: an array of shape (n_features,) or (1, n_features); "
            f"got {describe(point)}"
        )
    point = check_points(arr.reshape(1, -1), name="point")
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

    if answer is None:
        return _no_answer_yet(name)
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
    if np.isclose(d2[index], d2.min(), rtol=1e-12, atol=0.0):
        return passed(
            f"the nearest centre is number {index}, so predict puts the point in cluster {index}."
        )
    if index == int(np.argmax(d2)) and k > 2:
        return failed(
            f"centre {index} is the farthest from the point, not the nearest.",
            "Use np.argmin (smallest distance), not np.argmax.",
        )
    return failed(
        f"centre {index} is {np.sqrt(d2[index]):.2f} away, but another centre is closer.", hint
    )
