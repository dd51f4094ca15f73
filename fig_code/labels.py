"""From cluster numbers to class labels: the best one-to-one matching (an assignment problem).

K-means numbers its clusters arbitrarily, so comparing them with true classes (the digits of notebook 03)
needs a mapping from clusters to classes first. Giving each cluster the most common class in it (its
*mode*) looks natural but lets two clusters claim the same class, so some classes are never predicted and
the score flatters the clustering. Here each class is used at most once: the matching that agrees with the
most samples, found by ``scipy.optimize.linear_sum_assignment`` on the contingency table. That is the
assignment problem, classically solved with the Hungarian algorithm; SciPy uses a faster relative (a
modified Jonker-Volgenant algorithm).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from ._validation import check_labels

__all__ = ["contingency_table", "label_mapping", "match_labels"]


def _check_pair(clusters, y_true) -> tuple[np.ndarray, np.ndarray]:
    clusters = check_labels(clusters, name="clusters")
    y_true = check_labels(y_true, name="y_true")
    if clusters.shape[0] != y_true.shape[0]:
        raise ValueError(
            "clusters and y_true must have the same length (one cluster number and one true class per "
            f"sample); got {clusters.shape[0]} cluster labels and {y_true.shape[0]} true labels"
        )
    if clusters.shape[0] == 0:
        raise ValueError("clusters and y_true are empty: pass at least one labelled sample")
    return clusters, y_true


def _table(clusters: np.ndarray, y_true: np.ndarray):
    """Distinct clusters, distinct classes, each sample's class index, and the table of counts."""
    cluster_ids, c_idx = np.unique(clusters, return_inverse=True)
    classes, y_idx = np.unique(y_true, return_inverse=True)
    counts = np.bincount(
        c_idx * classes.size + y_idx, minlength=cluster_ids.size * classes.size
    ).reshape(cluster_ids.size, classes.size)
    return cluster_ids, c_idx, classes, counts


def contingency_table(clusters, y_true) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count the samples of every (cluster, class) pair.

    Parameters
    ----------
    clusters : array-like of int, shape (n_samples,)
        The cluster number of every sample, e.g. ``km.labels_``.
    y_true : array-like of int, shape (n_samples,)
        The true class of every sample.

    Returns
    -------
    table : ndarray of int, shape (n_clusters, n_classes)
        ``table[i, j]`` is the number of samples in cluster ``cluster_ids[i]`` whose class is
        ``classes[j]``. (scikit-learn's ``contingency_matrix(y_true, clusters)`` is its transpose.)
    cluster_ids, classes : ndarray of int
        The distinct cluster numbers and classes, sorted: the row and column names of ``table``.

    Examples
    --------
    >>> table, cluster_ids, classes = contingency_table([0, 0, 1, 1, 1], [7, 7, 7, 3, 3])
    >>> table.tolist(), cluster_ids.tolist(), classes.tolist()
    ([[0, 2], [2, 1]], [0, 1], [3, 7])
    """
    clusters, y_true = _check_pair(clusters, y_true)
    cluster_ids, _, classes, counts = _table(clusters, y_true)
    return counts, cluster_ids, classes


def _mapping_indices(counts: np.ndarray) -> np.ndarray:
    """For every row (cluster) of ``counts``, the column (class) it maps to."""
    rows, cols = linear_sum_assignment(counts, maximize=True)
    mapping = counts.argmax(axis=1)  # majority class: what clusters left unmatched keep
    mapping[rows] = cols
    return mapping


def label_mapping(clusters, y_true) -> dict[int, int]:
    """The class each cluster stands for, under the best one-to-one matching.

    Clusters and classes are paired so that as many samples as possible agree, each class used at most
    once (``scipy.optimize.linear_sum_assignment`` on the contingency table). With more clusters than
    classes, the clusters left over take their majority class; with fewer, some classes get no cluster.

    Parameters
    ----------
    clusters : array-like of int, shape (n_samples,)
        The cluster number of every sample, e.g. ``km.labels_``.
    y_true : array-like of int, shape (n_samples,)
        The true class of every sample.

    Returns
    -------
    dict
        ``{cluster number: class}`` for every cluster that occurs in ``clusters``.

    Raises
    ------
    ValueError
        When the inputs are not 1-D arrays of integer labels of the same, non-zero length.

    Examples
    --------
    >>> label_mapping([0, 0, 1, 1, 2], [5, 5, 3, 3, 3])
    {0: 5, 1: 3, 2: 3}
    """
    clusters, y_true = _check_pair(clusters, y_true)
    cluster_ids, _, classes, counts = _table(clusters, y_true)
    mapping = _mapping_indices(counts)
    return {int(c): int(classes[m]) for c, m in zip(cluster_ids, mapping, strict=True)}


def match_labels(clusters, y_true) -> np.ndarray:
    """For each sample, the class its cluster maps to under the best one-to-one matching.

    Clusters are paired with classes so that the number of samples whose predicted class is their true
    class is as large as possible, with each class given to at most one cluster
    (``scipy.optimize.linear_sum_assignment`` on the contingency table). When there are fewer clusters
    than classes, some classes are never predicted. When there are more, the clusters left over take
    their majority class, so splitting is rewarded again: one cluster per sample scores 1. With as many
    clusters as classes, ``np.mean(match_labels(clusters, y) == y)`` is an honest accuracy; to compare
    clusterings with different numbers of clusters, use a score such as the adjusted Rand index.

    Parameters
    ----------
    clusters : array-like of int, shape (n_samples,)
        The cluster number of every sample, e.g. ``km.labels_``. Any integers will do (they are names).
    y_true : array-like of int, shape (n_samples,)
        The true class of every sample.

    Returns
    -------
    ndarray of shape (n_samples,)
        The predicted class of every sample, taken from the values in ``y_true``.

    Raises
    ------
    ValueError
        When ``clusters`` and ``y_true`` differ in length, are empty, are not 1-D, or do not hold
        integer labels.

    Examples
    --------
    >>> match_labels([2, 2, 0, 0, 1], [1, 1, 0, 0, 0]).tolist()
    [1, 1, 0, 0, 0]
    """
    clusters, y_true = _check_pair(clusters, y_true)
    _, c_idx, classes, counts = _table(clusters, y_true)
    return classes[_mapping_indices(counts)[c_idx]]
