"""From cluster numbers to class labels: the best naming of clusters by classes (an assignment problem).

K-means numbers its clusters arbitrarily, so comparing them with true classes (the digits of notebook 03)
needs a mapping from clusters to classes first. Giving each cluster the most common class in it (its
*mode*) looks natural but lets two clusters claim the same class, so some classes are never predicted and
the score flatters the clustering. Here every class is claimed by exactly one cluster when there are
enough clusters: with as many clusters as classes, the one-to-one matching that agrees with the most
samples; with more clusters, the clusters not needed to cover the classes take their majority class, and
the choice of which cluster covers which class is made in the same single optimisation, so it does not
depend on how the clusters are numbered. Both are one call to ``scipy.optimize.linear_sum_assignment``
(the assignment problem, classically solved with the Hungarian algorithm; SciPy uses a faster relative,
a modified Jonker-Volgenant algorithm).

The mapping is chosen *with* the true labels: a score computed from it is the best any naming can reach,
not the accuracy of a classifier that has to name clusters before seeing the labels.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from scipy.optimize import linear_sum_assignment

from ._validation import check_label_pair

__all__ = ["contingency_table", "label_mapping", "match_labels"]


def _counts(c_idx: np.ndarray, n_clusters: int, y_idx: np.ndarray, n_classes: int) -> np.ndarray:
    flat = np.bincount(c_idx * n_classes + y_idx, minlength=n_clusters * n_classes)
    return flat.reshape(n_clusters, n_classes)


def contingency_table(clusters, y_true) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count the samples of every (cluster, class) pair.

    Parameters
    ----------
    clusters : array-like of shape (n_samples,)
        The cluster of every sample, e.g. ``km.labels_``: integers, strings or any sortable labels.
    y_true : array-like of shape (n_samples,)
        The true class of every sample, of the same kinds.

    Returns
    -------
    table : ndarray of int, shape (n_clusters, n_classes)
        ``table[i, j]`` is the number of samples in cluster ``cluster_ids[i]`` whose class is
        ``classes[j]``. (scikit-learn's ``contingency_matrix(y_true, clusters)`` is its transpose.)
    cluster_ids, classes : ndarray
        The distinct clusters and classes, sorted: the row and column names of ``table``.

    Raises
    ------
    ValueError
        When the inputs are not 1-D, differ in length, are empty, or hold something other than labels
        (non-whole numbers, NaN, a mix of strings and numbers).

    Examples
    --------
    >>> table, cluster_ids, classes = contingency_table([0, 0, 1, 1, 1], [7, 7, 7, 3, 3])
    >>> table.tolist(), cluster_ids.tolist(), classes.tolist()
    ([[0, 2], [2, 1]], [0, 1], [3, 7])
    """
    clusters, y_true = check_label_pair(clusters, y_true)
    cluster_ids, c_idx = np.unique(clusters, return_inverse=True)
    classes, y_idx = np.unique(y_true, return_inverse=True)
    return _counts(c_idx, cluster_ids.size, y_idx, classes.size), cluster_ids, classes


def _by_first_appearance(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct labels in the order they first occur, and each sample's position in that order.

    The order depends on the data only, never on which numbers (or strings) name the clusters: renaming
    the clusters leaves it, and everything computed from it, unchanged.
    """
    ids, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return ids[order], rank[inverse]


def _mapping_indices(counts: np.ndarray) -> np.ndarray:
    """For every row (cluster) of ``counts``, the column (class) it is named after.

    One assignment, on the augmented table: the class columns, plus one "majority" column per cluster
    beyond the number of classes, worth each cluster's largest count. With more clusters than classes
    that table is square, so every class column is taken by exactly one cluster and the others take
    their majority class; the total is the largest any naming reaches in which every class is
    predicted. With as many clusters as classes or fewer there is no majority column: the best
    one-to-one matching.

    The augmented table is solved in its equivalent small form: subtracting each cluster's majority
    count from its row changes every complete assignment's total by the same constant, the majority
    columns then all score 0, and what is left is the rectangular (n_clusters, n_classes) table of
    gains over the majority, in which ``linear_sum_assignment`` gives every class one cluster (or,
    with fewer clusters, every cluster one class). Same optimum, at the cost of the small table.
    """
    majority = counts.max(axis=1, keepdims=True)
    rows, cols = linear_sum_assignment(counts - majority, maximize=True)
    mapping = counts.argmax(axis=1)  # clusters not needed to cover a class keep their majority
    mapping[rows] = cols
    return mapping


def _name_clusters(clusters, y_true):
    clusters, y_true = check_label_pair(clusters, y_true)
    cluster_ids, c_idx = _by_first_appearance(clusters)
    classes, y_idx = np.unique(y_true, return_inverse=True)
    counts = _counts(c_idx, cluster_ids.size, y_idx, classes.size)
    return cluster_ids, c_idx, classes, _mapping_indices(counts)


def label_mapping(clusters, y_true) -> dict[Hashable, Hashable]:
    """The class each cluster is named after: every class used once, as many samples right as possible.

    With as many clusters as classes or fewer, this is the best one-to-one matching (each class named
    at most once). With more clusters than classes, every class is still given to exactly one cluster,
    and the other clusters take their majority class; which cluster covers which class is chosen in the
    same optimisation (``scipy.optimize.linear_sum_assignment`` on the contingency table with one
    "majority" column per extra cluster), so that the total is the largest any naming in which every
    class is predicted can reach.

    The result does not depend on how the clusters are numbered: renaming them renames the keys and
    nothing else. Ties are settled by the order in which the clusters first occur in ``clusters``; a
    cluster's majority among tied classes is the first class in sorted order.

    Parameters
    ----------
    clusters : array-like of shape (n_samples,)
        The cluster of every sample, e.g. ``km.labels_``: any integers or strings (they are names).
    y_true : array-like of shape (n_samples,)
        The true class of every sample: integers, strings or any sortable labels.

    Returns
    -------
    dict
        ``{cluster: class}`` for every cluster that occurs in ``clusters`` (Python ints or strs for
        NumPy integer and string labels).

    Raises
    ------
    ValueError
        When the inputs are not 1-D, differ in length, are empty, or hold something other than labels.

    Examples
    --------
    >>> label_mapping([0, 0, 1, 1, 2], [5, 5, 3, 3, 3])
    {0: 5, 1: 3, 2: 3}
    >>> label_mapping(["a", "a", "b"], ["cat", "cat", "dog"])
    {'a': 'cat', 'b': 'dog'}
    """
    cluster_ids, _, classes, mapping = _name_clusters(clusters, y_true)
    pairs = zip(cluster_ids.tolist(), classes[mapping].tolist(), strict=True)
    return dict(sorted(pairs, key=lambda pair: pair[0]))


def match_labels(clusters, y_true) -> np.ndarray:
    """For each sample, the class its cluster is named after by ``label_mapping``.

    With as many clusters as classes, ``np.mean(match_labels(clusters, y) == y)`` is the matched
    accuracy: the share right under the best one-to-one naming. Read it for what it is: the naming is
    chosen *with* ``y`` (it is the best of all one-to-one namings, and random clusters score above
    1 / n_classes, the more so the fewer the samples), so it is not the accuracy of a classifier that
    names its clusters first; for that, fit the mapping on labelled data and score on other data. With
    fewer clusters than classes, some classes are never predicted. With more, the extra clusters take
    their majority class, so splitting is rewarded again (one cluster per sample scores 1): to compare
    clusterings with different numbers of clusters, use a chance-corrected score such as the adjusted
    Rand index.

    The result does not depend on how the clusters are numbered (see ``label_mapping``).

    Parameters
    ----------
    clusters : array-like of shape (n_samples,)
        The cluster of every sample, e.g. ``km.labels_``: any integers or strings (they are names).
    y_true : array-like of shape (n_samples,)
        The true class of every sample: integers, strings or any sortable labels.

    Returns
    -------
    ndarray of shape (n_samples,)
        The predicted class of every sample, taken from the values in ``y_true``.

    Raises
    ------
    ValueError
        When ``clusters`` and ``y_true`` differ in length, are empty, are not 1-D, or hold something
        other than labels (non-whole numbers, NaN, a mix of strings and numbers).

    Examples
    --------
    >>> match_labels([2, 2, 0, 0, 1], [1, 1, 0, 0, 0]).tolist()
    [1, 1, 0, 0, 0]
    >>> match_labels([7, 7, 3], ["five", "five", "two"]).tolist()
    ['five', 'five', 'two']
    """
    _, c_idx, classes, mapping = _name_clusters(clusters, y_true)
    return classes[mapping[c_idx]]
