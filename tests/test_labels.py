"""fig_code.labels: the best naming of clusters by classes, checked against brute force, for any labels
and whatever the cluster numbers."""

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


# --- any labels, as scikit-learn's metrics take them ----------------------------------------------


def test_string_classes_and_string_clusters():
    y = np.array(["cat", "cat", "dog", "dog", "dog", "eel"])
    clusters = np.array(["b", "b", "a", "a", "c", "c"])
    pred = match_labels(clusters, y)
    assert pred.dtype.kind == "U"
    assert pred.tolist() == ["cat", "cat", "dog", "dog", "eel", "eel"]
    assert label_mapping(clusters, y) == {"a": "dog", "b": "cat", "c": "eel"}
    table, cluster_ids, classes = contingency_table(clusters, y)
    assert cluster_ids.tolist() == ["a", "b", "c"] and classes.tolist() == ["cat", "dog", "eel"]
    assert np.array_equal(table, contingency_matrix(y, clusters).T)


def test_string_labels_give_the_same_naming_as_their_integer_codes():
    clusters, y = noisy(5, 200, 0.4, seed=4)
    words = np.array(["zero", "one", "two", "three", "four"])
    # sorted order of the words differs from the integers' order; ties aside, the naming is the same
    as_words = match_labels(clusters.astype(str), words[y])
    assert accuracy(as_words, words[y]) == pytest.approx(accuracy(match_labels(clusters, y), y))


def test_booleans_and_lists_of_strings_work():
    assert match_labels([True, True, False], [1, 1, 0]).tolist() == [1, 1, 0]
    assert match_labels(["x", "x", "y"], [True, True, False]).tolist() == [True, True, False]
    assert label_mapping([0, 1], ["a", "b"]) == {0: "a", 1: "b"}


# --- the naming does not depend on how the clusters are numbered ----------------------------------


def tie_heavy(seed: int):
    """Few samples, few values: many clusters with equal counts, so ties are everywhere."""
    rng = np.random.default_rng(seed)
    n_classes = int(rng.integers(2, 5))
    n_clusters = int(rng.integers(1, 8))
    n = int(rng.integers(n_clusters, 25))
    clusters = rng.permutation(
        np.r_[np.arange(n_clusters), rng.integers(0, n_clusters, n - n_clusters)]
    )
    y = rng.integers(0, n_classes, n)
    return clusters, y


@pytest.mark.parametrize("seed", range(40))
def test_permuting_cluster_ids_permutes_nothing_in_the_result(seed):
    clusters, y = tie_heavy(seed) if seed % 2 else noisy(4, 80, 0.6, seed)
    if seed % 4 == 3:  # more clusters than classes
        clusters = np.where(np.arange(clusters.size) % 3 == 0, clusters + 10, clusters)
    expected = match_labels(clusters, y)
    ids = np.unique(clusters)
    rng = np.random.default_rng(1000 + seed)
    for _ in range(25):
        renamed = rng.permutation(ids)[np.searchsorted(ids, clusters)]
        assert np.array_equal(match_labels(renamed, y), expected)
        mapping = label_mapping(renamed, y)
        assert [mapping[c] for c in renamed.tolist()] == expected.tolist()
    # names of another kind entirely
    assert np.array_equal(match_labels(np.char.add("c", clusters.astype(str)), y), expected)


def test_ties_are_settled_by_the_data_order_not_the_numbers():
    # two clusters with identical counts compete for class 0; the other class goes to the other one
    clusters = np.array([5, 5, 9, 9, 2, 2])
    y = np.array([0, 1, 0, 1, 2, 2])
    first = match_labels(clusters, y)
    swapped = match_labels(np.array([9, 9, 5, 5, 2, 2]), y)
    assert np.array_equal(first, swapped)  # the cluster whose samples come first wins either way
    assert sorted(first[:4].tolist()) == [0, 0, 1, 1]
    assert first[0] == first[1] and first[2] == first[3]


def test_a_cluster_with_a_tied_majority_takes_the_first_class_in_sorted_order():
    # 1 class short: cluster 1 is spare and its counts tie between "b" and "c"
    clusters = np.array([0, 0, 1, 1, 2, 2, 2])
    y = np.array(["a", "a", "c", "b", "c", "c", "b"])
    assert label_mapping(clusters, y) == {0: "a", 1: "b", 2: "c"}
    assert label_mapping(clusters, y.astype(object)) == {0: "a", 1: "b", 2: "c"}


def best_covering(clusters, y) -> float:
    """Brute force: the best accuracy over every naming of clusters by classes that uses every class."""
    cluster_ids, classes = np.unique(clusters), np.unique(y)
    best = 0.0
    for chosen in itertools.product(classes, repeat=cluster_ids.size):
        if set(chosen) != set(classes.tolist()):
            continue
        lookup = dict(zip(cluster_ids.tolist(), chosen, strict=True))
        best = max(best, accuracy([lookup[c] for c in clusters.tolist()], y))
    return best


@pytest.mark.parametrize("seed", range(12))
def test_more_clusters_than_classes_is_the_best_naming_that_predicts_every_class(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, 40)
    clusters = rng.integers(0, 6, 40)
    assert np.unique(clusters).size > np.unique(y).size
    pred = match_labels(clusters, y)
    assert set(pred.tolist()) == set(y.tolist())  # every class is predicted
    assert accuracy(pred, y) == pytest.approx(best_covering(clusters, y), abs=1e-12)
    # every class but one per class... : the clusters not covering a class take their majority
    table, cluster_ids, classes = contingency_table(clusters, y)
    mapping = label_mapping(clusters, y)
    for k in classes.tolist():
        group = [i for i, c in enumerate(cluster_ids.tolist()) if mapping[c] == k]
        j = classes.tolist().index(k)
        assert sum(table[i, j] < table[i].max() for i in group) <= 1


def test_the_old_two_step_naming_was_not_the_best():
    # Cluster "A" holds ten 0s, "B" nine 0s and eight 1s, "C" one 1. Matching first and ignoring the
    # spare cluster pairs A-0 and B-1 (18), then C takes its majority 1: 19 right. Covering class 1
    # with C instead lets B keep its majority 0: 10 + 9 + 1 = 20 right, the best naming that predicts
    # both classes.
    clusters = np.array(["A"] * 10 + ["B"] * 17 + ["C"])
    y = np.array([0] * 10 + [0] * 9 + [1] * 8 + [1])
    assert label_mapping(clusters, y) == {"A": 0, "B": 0, "C": 1}
    assert accuracy(match_labels(clusters, y), y) == pytest.approx(20 / 28)
    assert best_covering(clusters, y) == pytest.approx(20 / 28)


def test_fewer_clusters_than_classes_leaves_classes_out():
    clusters = np.array(["p", "p", "q", "q", "q"])
    y = np.array([1, 2, 3, 3, 2])
    assert label_mapping(clusters, y) == {"p": 1, "q": 3}
    assert accuracy(match_labels(clusters, y), y) == pytest.approx(best_one_to_one(clusters, y))


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clusters", "y", "words"),
    [
        ([0, 1, 1], [0, 1], ["same length", "3 cluster labels", "2 true labels"]),
        ([], [], ["empty"]),
        ([[0, 1], [1, 0]], [0, 1], ["clusters", "1-D", "(2, 2)"]),
        ([0, 1], np.array([[0], [1]]), ["y_true", "1-D", "(2, 1)"]),
        ([0.5, 1.0], [0, 1], ["clusters", "labels", "float64", "0.5"]),
        ([0, 1], [0, "b"], ["y_true", "mixes strings", "int", "str"]),
        ([0, 1], np.array([0, None], dtype=object), ["y_true", "one kind", "NoneType"]),
        ([0, np.nan], [0, 1], ["clusters", "labels", "nan"]),
        ([0, 1], [1 + 1j, 2j], ["y_true", "labels", "complex"]),
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
