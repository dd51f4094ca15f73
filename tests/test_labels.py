"""fig_code.labels: the best one-to-one cluster-to-class matching, checked against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.metrics.cluster import contingency_matrix

from fig_code import contingency_table, label_mapping, match_labels


def accuracy(pred, y) -> float:
    return float(np.mean(np.asarray(pred) == np.asarray(y)))


def best_one_to_one(clusters, y) -> float:
    """Brute force: the best accuracy over every injective pairing of clusters with classes."""
    cluster_ids, classes = np.unique(clusters), np.unique(y)
    best = 0.0
    if cluster_ids.size <= classes.size:
        for chosen in itertools.permutations(classes, cluster_ids.size):
            lookup = dict(zip(cluster_ids, chosen, strict=True))
            pred = np.array([lookup[c] for c in clusters])
            best = max(best, accuracy(pred, y))
    else:  # each class goes to a different cluster; the other clusters predict nothing right
        for chosen in itertools.permutations(cluster_ids, classes.size):
            lookup = dict(zip(chosen, classes, strict=True))
            pred = np.array([lookup.get(c, -999) for c in clusters])
            best = max(best, accuracy(pred, y))
    return best


def noisy(n_classes: int, n_samples: int, noise: float, seed: int):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, n_classes, n_samples)
    perm = rng.permutation(n_classes)
    clusters = perm[y]
    flip = rng.random(n_samples) < noise
    clusters[flip] = rng.integers(0, n_classes, flip.sum())
    return clusters, y


# --- exact recovery -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_a_pure_permutation_is_undone_exactly(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 10, 500)
    clusters = rng.permutation(10)[y]
    pred = match_labels(clusters, y)
    assert np.array_equal(pred, y)
    assert pred.shape == y.shape


def test_any_integer_names_work_and_predictions_are_true_class_values():
    y = np.array([3, 3, 7, 7, 7, 10, 10])
    clusters = np.array([-1, -1, 42, 42, 42, 5, 5])
    assert match_labels(clusters, y).tolist() == y.tolist()
    assert label_mapping(clusters, y) == {-1: 3, 5: 10, 42: 7}
    assert set(np.unique(match_labels(clusters, y))) <= set(y.tolist())


def test_renaming_the_clusters_changes_nothing():
    clusters, y = noisy(6, 300, 0.4, seed=3)
    renamed = clusters * 7 + 100
    assert np.array_equal(match_labels(renamed, y), match_labels(clusters, y))


def test_lists_and_whole_floats_are_accepted():
    assert match_labels([1.0, 1.0, 0.0], [0, 0, 1]).tolist() == [0, 0, 1]
    assert match_labels((1, 1, 0), np.array([5, 5, 6], dtype=np.int8)).tolist() == [5, 5, 6]


# --- optimality ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_noisy_labels_get_the_optimal_one_to_one_accuracy(seed):
    clusters, y = noisy(5, 60, 0.5, seed)
    pred = match_labels(clusters, y)
    assert accuracy(pred, y) == pytest.approx(best_one_to_one(clusters, y), abs=1e-12)
    # one-to-one: clusters with different numbers never share a class
    mapping = label_mapping(clusters, y)
    assert len(set(mapping.values())) == len(mapping)
    # and the prediction is that mapping applied to every sample
    assert pred.tolist() == [mapping[c] for c in clusters.tolist()]


def test_where_the_mode_mapping_collapses_the_matching_does_not():
    # clusters 0 and 1 are both mostly class 0: the mode gives both class 0, and class 1 is never
    # predicted; the matching gives cluster 1 class 1 (the better of the two one-to-one choices).
    clusters = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1])
    y = np.array([0, 0, 0, 0, 0, 0, 0, 1, 1])
    pred = match_labels(clusters, y)
    assert pred.tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 1]
    assert set(pred.tolist()) == {0, 1}
    mode_accuracy = 7 / 9
    assert accuracy(pred, y) == pytest.approx(6 / 9)
    assert accuracy(pred, y) < mode_accuracy


def test_contingency_table_is_sklearns_contingency_matrix_transposed():
    clusters, y = noisy(7, 400, 0.3, seed=11)
    table, cluster_ids, classes = contingency_table(clusters, y)
    assert np.array_equal(table, contingency_matrix(y, clusters).T)
    assert cluster_ids.tolist() == sorted(set(clusters.tolist()))
    assert classes.tolist() == sorted(set(y.tolist()))
    assert table.sum() == 400


# --- unequal numbers of clusters and classes ----------------------------------------------------


def test_more_clusters_than_classes_leftovers_take_their_majority():
    # 3 classes, 5 clusters: clusters 3 and 4 are extra pieces of classes 0 and 2
    y = np.array([0] * 10 + [1] * 10 + [2] * 10 + [0] * 4 + [2] * 3 + [1])
    clusters = np.array([0] * 10 + [1] * 10 + [2] * 10 + [3] * 4 + [4] * 3 + [4])
    mapping = label_mapping(clusters, y)
    assert mapping == {0: 0, 1: 1, 2: 2, 3: 0, 4: 2}
    assert accuracy(match_labels(clusters, y), y) == pytest.approx(37 / 38)


@pytest.mark.parametrize("seed", range(5))
def test_more_clusters_than_classes_matching_is_optimal_and_the_rest_take_their_majority(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, 200)
    clusters = rng.integers(0, 7, 200)
    mapping = label_mapping(clusters, y)
    table, cluster_ids, classes = contingency_table(clusters, y)
    row = {int(c): table[i] for i, c in enumerate(cluster_ids)}
    # every class gets at least one cluster
    assert set(mapping.values()) == set(classes.tolist())
    # choosing one of its clusters per class reaches the brute-force one-to-one optimum
    groups = [[c for c, d in mapping.items() if d == k] for k in classes.tolist()]
    reached = max(
        sum(row[c][k] for k, c in zip(classes.tolist(), combo, strict=True))
        for combo in itertools.product(*groups)
    )
    assert reached / y.size == pytest.approx(best_one_to_one(clusters, y), abs=1e-12)
    # at most one cluster per class (the matched one) may differ from its majority class
    for k, group in zip(classes.tolist(), groups, strict=True):
        assert sum(row[c][k] < row[c].max() for c in group) <= 1
    # so the leftovers only add correct predictions on top of the one-to-one optimum
    assert accuracy(match_labels(clusters, y), y) >= best_one_to_one(clusters, y)


@pytest.mark.parametrize("seed", range(5))
def test_fewer_clusters_than_classes(seed):
    clusters, y = noisy(6, 120, 0.3, seed)
    clusters = clusters % 4  # 4 clusters, 6 classes
    pred = match_labels(clusters, y)
    mapping = label_mapping(clusters, y)
    assert len(mapping) == 4 and len(set(mapping.values())) == 4  # 2 classes never predicted
    assert len(np.unique(pred)) == 4
    assert accuracy(pred, y) == pytest.approx(best_one_to_one(clusters, y), abs=1e-12)


def test_a_single_cluster_gets_the_largest_class():
    assert match_labels([0, 0, 0, 0], [2, 1, 1, 3]).tolist() == [1, 1, 1, 1]


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clusters", "y", "words"),
    [
        ([0, 1, 1], [0, 1], ["same length", "3 cluster labels", "2 true labels"]),
        ([], [], ["empty"]),
        ([[0, 1], [1, 0]], [0, 1], ["clusters", "1-D", "(2, 2)"]),
        ([0, 1], [[0], [1]], ["y_true", "1-D"]),
        ([0.5, 1.0], [0, 1], ["clusters", "integer labels", "float64"]),
        ([0, 1], ["a", "b"], ["y_true", "integer labels"]),
        ([0, 1], [True, False], ["y_true", "integer labels", "bool"]),
        ([0, np.nan], [0, 1], ["clusters", "integer labels"]),
        (None, [0, 1], ["clusters", "1-D"]),
        (3, [0, 1], ["clusters", "1-D"]),
    ],
)
@pytest.mark.parametrize("function", [match_labels, label_mapping, contingency_table])
def test_bad_input_raises_an_actionable_value_error(function, clusters, y, words):
    with pytest.raises(ValueError) as err:
        function(clusters, y)
    for word in words:
        assert word in str(err.value), (word, str(err.value))
