"""The self-checks of notebook 01: right answers pass, typical mistakes fail with a hint, bad data raises."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from fig_code.checks import CheckResult, check_inertia, check_new_point


@pytest.fixture(scope="module")
def fitted():
    X, _ = make_blobs(n_samples=120, centers=3, cluster_std=0.8, random_state=1)
    km = KMeans(n_clusters=3, n_init=4, random_state=0).fit(X)
    return X, km


def _distances(X, centers):
    return np.sqrt(((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2))


# --- check_inertia ------------------------------------------------------------------------------


def test_inertia_right_answers_pass(fitted):
    X, km = fitted
    by_hand = ((X - km.cluster_centers_[km.labels_]) ** 2).sum()
    for answer in (
        by_hand,
        km.inertia_,
        round(float(by_hand), 1),
        np.array([by_hand]),
        np.float32(by_hand),
    ):
        result = check_inertia(answer, X, km.cluster_centers_)
        assert isinstance(result, CheckResult)
        assert result.passed, answer
        assert "Correct" in repr(result)
        assert f"{km.inertia_:.1f}" in result.message


@pytest.mark.parametrize(
    ("mistake", "hint_word"),
    [
        (lambda d, X: d.min(axis=1).sum(), "square"),  # distances, not squared
        (lambda d, X: np.sqrt((d.min(axis=1) ** 2).sum()), "square root"),  # root of the inertia
        (lambda d, X: (d.min(axis=1) ** 2).mean(), ".sum()"),  # a mean
        (lambda d, X: -(d.min(axis=1) ** 2).sum(), "score"),  # KMeans.score: minus the inertia
        (lambda d, X: (d**2).sum(), "min(axis=1)"),  # distances to every centre
        (lambda d, X: ((X - X.mean(axis=0)) ** 2).sum(), "overall mean"),  # one cluster
        (lambda d, X: (d.min(axis=1) ** 2).sum() + 10.0, "nearest centre"),  # just wrong
    ],
)
def test_inertia_typical_mistakes_fail_with_a_hint(fitted, mistake, hint_word):
    X, km = fitted
    answer = mistake(_distances(X, km.cluster_centers_), X)
    result = check_inertia(answer, X, km.cluster_centers_)
    assert not result
    assert result.hint and hint_word in result.hint
    assert "Not yet" in repr(result) and "Hint:" in repr(result)


def test_inertia_arrays_instead_of_a_number(fitted):
    X, km = fitted
    d = _distances(X, km.cluster_centers_)
    per_point = check_inertia(d.min(axis=1) ** 2, X, km.cluster_centers_)
    assert not per_point and "one squared distance per point" in per_point.message
    table = check_inertia(d**2, X, km.cluster_centers_)
    assert not table and "every point to every centre" in table.message
    other = check_inertia(np.ones(7), X, km.cluster_centers_)
    assert not other and "(7,)" in other.message


@pytest.mark.parametrize(
    "answer", [None, "172.3", [1.0, "a"], {"inertia": 3.0}, True, np.nan, np.inf]
)
def test_inertia_non_answers_give_feedback_not_errors(fitted, answer):
    X, km = fitted
    result = check_inertia(answer, X, km.cluster_centers_)
    assert not result
    assert result.hint or "still holds None" in result.message  # None: the message says it all


CODE = ("np.", "(", "=", "[", ".sum", "axis")  # what a hint in words never contains


def test_inertia_none_names_the_variable_and_nudges_in_words(fitted):
    X, km = fitted
    result = check_inertia(None, X, km.cluster_centers_, name="inertia3")
    assert repr(result).startswith(
        "❌ Not yet: `inertia3` still holds None; replace it with your computation and rerun.\n"
        "   Hint: "
    )
    assert "square" in result.hint and not any(c in result.hint for c in CODE)
    assert "your answer still holds None" in check_inertia(None, X, km.cluster_centers_).message


def test_inertia_summed_over_one_axis_only(fitted):
    X, km = fitted
    own = km.cluster_centers_[km.labels_]
    result = check_inertia(((X - own) ** 2).sum(axis=0), X, km.cluster_centers_)
    assert not result and "one number per feature" in result.message and ".sum()" in result.hint


def test_inertia_rounded_as_a_learner_would(two_models):
    X, km3, _ = two_models
    for answer in (round(km3.inertia_, 1), round(km3.inertia_), f"{km3.inertia_:.1f}"):
        result = check_inertia(float(answer), X, km3.cluster_centers_)
        assert result, answer
    assert not check_inertia(round(km3.inertia_, -1) + 10, X, km3.cluster_centers_)


@pytest.fixture(scope="module")
def two_models():
    """Notebook 01's situation: a 3-cluster model (the exercise) next to a 4-cluster one."""
    X, _ = make_blobs(n_samples=300, centers=4, cluster_std=0.6, random_state=0)
    km4 = KMeans(n_clusters=4, n_init=10, random_state=0).fit(X)
    km3 = KMeans(n_clusters=3, n_init=10, random_state=0).fit(X)
    return X, km3, km4


def test_inertia_of_the_other_model_is_named(two_models):
    X, km3, km4 = two_models
    copied = ((X - km4.cluster_centers_[km4.labels_]) ** 2).sum()  # the k = 4 cell, copied
    mixed = ((X - km4.cluster_centers_[km3.labels_]) ** 2).sum()  # 4-model centres, 3-model labels
    for answer in (copied, mixed):
        result = check_inertia(answer, X, km3.cluster_centers_, other_centers=km4.cluster_centers_)
        assert not result and "4-cluster model" in result.message
        assert "km3.cluster_centers_ and km3.labels_" in result.hint
    # without other_centers the same answer is still wrong, with the generic hint
    plain = check_inertia(copied, X, km3.cluster_centers_)
    assert not plain and "4-cluster" not in plain.message
    right = ((X - km3.cluster_centers_[km3.labels_]) ** 2).sum()
    assert check_inertia(right, X, km3.cluster_centers_, other_centers=km4.cluster_centers_)


def test_inertia_mean_over_entries_and_per_cluster_sums(two_models):
    X, km3, _ = two_models
    own = km3.cluster_centers_[km3.labels_]
    mean = check_inertia(((X - own) ** 2).mean(), X, km3.cluster_centers_)
    assert not mean and "average" in mean.message and ".sum()" in mean.hint
    per_cluster = [((X[km3.labels_ == j] - own[km3.labels_ == j]) ** 2).sum() for j in range(3)]
    result = check_inertia(per_cluster, X, km3.cluster_centers_)
    assert not result and "one number per cluster" in result.message and "Add" in result.hint
    assert "np.float64" not in repr(result)


def test_inertia_lists_are_described_briefly(two_models):
    X, km3, _ = two_models
    result = check_inertia([np.float64(1.5)] * 5, X, km3.cluster_centers_)
    assert not result and "a list of 5 items" in result.message
    assert "np.float64" not in result.message


@pytest.mark.parametrize(
    ("X", "centers", "match"),
    [
        (np.zeros(5), np.zeros((2, 1)), "2-D"),
        (np.zeros((5, 2)), np.zeros((2, 3)), "centers"),
        (np.array([[0.0, np.nan], [1.0, 1.0]]), np.zeros((1, 2)), "NaN"),
        (np.zeros((5, 2)), np.full((1, 2), np.inf), "infinite"),
        ([["a", "b"]], np.zeros((1, 2)), "numeric"),
    ],
)
def test_inertia_bad_data_raises(X, centers, match):
    with pytest.raises(ValueError, match=match):
        check_inertia(1.0, X, centers)


# --- check_new_point ----------------------------------------------------------------------------


def test_new_point_agrees_with_predict(fitted):
    _, km = fitted
    rng = np.random.default_rng(0)
    for point in rng.uniform(-12, 12, size=(20, 2)):
        predicted = km.predict(point[None, :])
        assert check_new_point(predicted, point, km.cluster_centers_)  # the 1-element array
        assert check_new_point(int(predicted[0]), point, km.cluster_centers_)
        assert check_new_point(float(predicted[0]), point.reshape(1, 2), km.cluster_centers_)
        for other in set(range(3)) - {int(predicted[0])}:
            assert not check_new_point(other, point, km.cluster_centers_)


def test_new_point_farthest_centre_gets_argmin_hint():
    centers = np.array([[0.0, 0.0], [3.0, 0.0], [10.0, 0.0]])
    result = check_new_point(2, [1.0, 0.0], centers)
    assert not result and "farthest" in result.message and "argmin" in result.hint
    middle = check_new_point(1, [1.0, 0.0], centers)
    assert not middle and "2.00 away" in middle.message and "argmin" in middle.hint


def test_new_point_tie_accepts_either():
    centers = np.array([[0.0, 0.0], [2.0, 0.0]])
    assert check_new_point(0, [1.0, 0.0], centers)
    assert check_new_point(1, [1.0, 0.0], centers)


def test_new_point_of_notebook_01_catches_the_axis_bugs(two_models):
    X, _, km4 = two_models
    centers, point = km4.cluster_centers_, np.array([-0.6, 3.3])
    right = np.linalg.norm(centers - point, axis=1).argmin()
    assert check_new_point(right, point, centers)
    no_axis = np.argmin(np.linalg.norm(centers - point))  # one number for everything: always 0
    axis0 = np.linalg.norm(centers - point, axis=0).argmin()  # one per feature
    for wrong in (no_axis, axis0):
        result = check_new_point(wrong, point, centers)
        assert not result and "axis=1" in result.hint


def test_new_point_distance_instead_of_index(two_models):
    X, _, km4 = two_models
    centers, point = km4.cluster_centers_, np.array([-0.6, 3.3])
    distances = np.linalg.norm(centers - point, axis=1)
    result = check_new_point(distances.min(), point, centers)
    assert not result and f"distance ({distances.min():.2f})" in result.message
    assert "np.argmin" in result.hint
    squared = check_new_point((distances**2).min(), point, centers)
    assert not squared and "looks like a distance" in squared.message


def test_new_point_measured_to_x_instead_of_centres(two_models):
    X, _, km4 = two_models
    centers, point = km4.cluster_centers_, np.array([-0.6, 3.3])
    to_x = np.linalg.norm(X - point, axis=1)
    index = check_new_point(to_x.argmin(), point, centers, X=X)
    assert not index and "data point" in index.message
    assert "km.cluster_centers_, not to X" in index.hint
    table = check_new_point(to_x, point, centers, X=X)
    assert not table and "one per data point" in table.message
    assert "not to X" in table.hint
    # without X, an index past the last cluster still gets the same advice
    blind = check_new_point(to_x.argmin(), point, centers)
    assert not blind and "no cluster" in blind.message and "not to X" in blind.hint


def test_new_point_none_names_the_variable(two_models):
    _, _, km4 = two_models
    result = check_new_point(None, [0.0, 0.0], km4.cluster_centers_, name="cluster")
    assert result.message.startswith("`cluster` still holds None")
    assert "distance" in result.hint and not any(c in result.hint for c in CODE)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (None, "still holds None"),
        (5, "no cluster 5"),
        (-1, "no cluster -1"),
        (1.5, "whole number"),
        ("1", "whole number"),
        (True, "whole number"),
        ([3.0, 1.0, 2.0], "one per centre"),
        (np.array([[1, 2], [3, 4]]), "whole number"),
    ],
)
def test_new_point_non_answers_give_feedback(answer, words):
    centers = np.array([[0.0, 0.0], [3.0, 0.0], [10.0, 0.0]])
    result = check_new_point(answer, [1.0, 0.0], centers)
    assert not result
    assert words in result.message
    assert result.hint


@pytest.mark.parametrize(
    ("point", "centers", "match"),
    [
        (np.zeros((2, 2)), np.zeros((3, 2)), "one point"),
        (3.0, np.zeros((3, 2)), "one point"),
        ("here", np.zeros((3, 2)), "one point"),
        ([0.0, 0.0, 0.0], np.zeros((3, 2)), "centers"),
        ([np.nan, 0.0], np.zeros((3, 2)), "NaN"),
        ([0.0, 0.0], np.zeros(2), "2-D"),
    ],
)
def test_new_point_bad_data_raises(point, centers, match):
    with pytest.raises(ValueError, match=match):
        check_new_point(0, point, centers)


# --- check_new_point with distances: notebook 01's Exercise 2 ------------------------------------

POINT = np.array([-0.45, 3.9])  # notebook 01's point: nearly as far from two centres


@pytest.fixture(scope="module")
def exercise2(two_models):
    X, _, km4 = two_models
    centers = km4.cluster_centers_
    d = np.linalg.norm(centers - POINT, axis=1)
    return X, centers, d


def test_exercise2_point_cannot_be_read_off_the_figure(exercise2):
    """The premise of the exercise: the two nearest centres are almost equally far, and the data
    points around the star mostly belong to the other cluster."""
    X, centers, d = exercise2
    first, second = np.sort(d)[:2]
    assert 0.03 < second - first < 0.1
    labels = np.linalg.norm(X[:, None] - centers[None], axis=2).argmin(axis=1)
    near = np.argsort(np.linalg.norm(X - POINT, axis=1))[:5]
    assert (labels[near] != d.argmin()).sum() >= 3


def test_exercise2_needs_the_distances(exercise2):
    X, centers, d = exercise2
    right = int(d.argmin())
    both = check_new_point(None, POINT, centers, distances=None, name="cluster", X=X)
    assert not both and "`distances` and `cluster` still hold None" in both.message
    assert not any(c in both.hint for c in CODE)
    guessed = check_new_point(right, POINT, centers, distances=None, name="cluster", X=X)
    assert not guessed and "`distances` still holds None" in guessed.message
    assert not any(c in guessed.hint for c in CODE)
    half = check_new_point(None, POINT, centers, distances=d, name="cluster", X=X)
    assert not half and "distances are right" in half.message and "`cluster`" in half.message


@pytest.mark.parametrize(
    "as_given",
    [
        lambda d: d,
        lambda d: d.round(2),
        lambda d: [round(float(v), 2) for v in d],
        lambda d: d.round(3)[None, :],  # (1, k), as cdist or broadcasting with point[None] give
    ],
)
def test_exercise2_right_answers_pass(exercise2, as_given):
    X, centers, d = exercise2
    right = d.argmin()
    for cluster in (right, int(right), float(right), np.array([right])):
        result = check_new_point(cluster, POINT, centers, distances=as_given(d), X=X)
        assert result, (cluster, as_given(d))
        assert f"number {right}" in result.message and "gap of" in result.message


@pytest.mark.parametrize(
    ("slip", "words", "hint_words"),
    [
        (lambda C, p, X: np.linalg.norm(C - p, axis=1) ** 2, "squared distances", "np.sqrt"),
        (lambda C, p, X: np.linalg.norm(C - p), "single number", "axis=1"),
        (lambda C, p, X: np.linalg.norm(C - p, axis=0), "one per feature", "axis=1"),
        (lambda C, p, X: C - p, "differences", "axis=1"),
        (lambda C, p, X: np.linalg.norm(X - p, axis=1), "one per data point", "centres"),
        (lambda C, p, X: np.abs(C - p).sum(axis=1), "city-block", "Square"),
        (lambda C, p, X: np.sort(np.linalg.norm(C - p, axis=1)), "wrong order", "position j"),
        (lambda C, p, X: np.linalg.norm(C - p, axis=1).round(1), "one decimal", "two decimals"),
        (lambda C, p, X: np.linalg.norm(C[:3] - p, axis=1), "4 numbers", "np.linalg.norm"),
        (lambda C, p, X: np.linalg.norm(C - p, axis=1) + 0.5, "not the distances", "axis=1"),
        (lambda C, p, X: "1.5, 1.6", "should hold numbers", "axis=1"),
    ],
)
def test_exercise2_distance_slips_are_diagnosed(exercise2, slip, words, hint_words):
    X, centers, d = exercise2
    result = check_new_point(
        int(d.argmin()), POINT, centers, distances=slip(centers, POINT, X), X=X
    )
    assert not result, words
    assert words in result.message and hint_words in result.hint


def test_exercise2_index_slips_are_diagnosed(exercise2):
    X, centers, d = exercise2
    to_x = np.linalg.norm(X - POINT, axis=1)
    labels = np.linalg.norm(X[:, None] - centers[None], axis=2).argmin(axis=1)
    neighbour = check_new_point(labels[to_x.argmin()], POINT, centers, distances=d, X=X)
    assert not neighbour and "data point nearest" in neighbour.message
    assert "centre" in neighbour.hint
    farthest = check_new_point(d.argmax(), POINT, centers, distances=d, X=X)
    assert not farthest and "farthest" in farthest.message
    a_distance = check_new_point(d.min(), POINT, centers, distances=d, X=X)
    assert not a_distance and "looks like a distance" in a_distance.message
