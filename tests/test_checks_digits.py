"""The self-checks of notebook 03: right answers pass, typical mistakes fail with a hint, bad data raises."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics.cluster import contingency_matrix

from fig_code import match_labels
from fig_code.checks import CheckResult, check_contingency_table, check_matched_accuracy


@pytest.fixture(scope="module")
def digits():
    """A single K-means run on the digits where the mode mapping differs from the matching."""
    X, y = load_digits(return_X_y=True)
    clusters = KMeans(n_clusters=10, n_init=1, random_state=0).fit(X).labels_
    table = contingency_matrix(y, clusters).T
    assert table.max(axis=1).sum() > table[linear_sum_assignment(-table)].sum()  # a real trap
    return clusters, y, table


def _move_one(table):
    """One sample counted in the wrong cluster: the total is right, two rows are not."""
    moved = table.copy()
    i, j = np.unravel_index(table.argmax(), table.shape)
    moved[i, j] -= 1
    moved[(i + 1) % table.shape[0], j] += 1
    return moved


# --- check_contingency_table --------------------------------------------------------------------


def test_table_right_answers_pass(digits):
    clusters, y, table = digits
    by_add_at = np.zeros((10, 10), dtype=int)
    np.add.at(by_add_at, (clusters, y), 1)
    for answer in (table, by_add_at, by_add_at.astype(float)):
        result = check_contingency_table(answer, clusters, y)
        assert isinstance(result, CheckResult)
        assert result.passed
        assert "Correct" in repr(result) and str(len(y)) in result.message


@pytest.mark.parametrize(
    ("mistake", "words"),
    [
        (lambda t: t.T, "swapped"),
        (lambda t: t / t.sum(axis=1, keepdims=True), "proportions within each cluster"),
        (lambda t: t / t.sum(), "proportions of all samples"),
        (lambda t: t[:, ::-1], "wrong columns"),
        (lambda t: t + 1, "add up to"),
        (lambda t: _move_one(t), "not right"),
        (lambda t: t - 0.5, "whole numbers"),
        (lambda t: t[:9], "expected a 10 x 10 array"),
    ],
)
def test_table_typical_mistakes_fail_with_feedback(digits, mistake, words):
    clusters, y, table = digits
    result = check_contingency_table(mistake(table), clusters, y)
    assert not result
    assert words in result.message
    assert result.hint
    assert "Not yet" in repr(result)


def test_a_non_square_transposed_table_is_recognised():
    clusters = np.array([0, 0, 1, 1, 2])
    y = np.array([0, 0, 1, 1, 1])
    right = np.array([[2, 0], [0, 2], [0, 1]])
    assert check_contingency_table(right, clusters, y)
    result = check_contingency_table(right.T, clusters, y)
    assert not result and "swapped" in result.message and ".T" in result.hint


@pytest.mark.parametrize("answer", [None, "table", {"a": 1}, True, np.full((10, 10), np.nan)])
def test_table_non_answers_give_feedback_not_errors(digits, answer):
    clusters, y, _ = digits
    result = check_contingency_table(answer, clusters, y)
    assert isinstance(result, CheckResult) and not result
    assert result.hint


# --- check_matched_accuracy ---------------------------------------------------------------------


def test_accuracy_right_answers_pass(digits):
    clusters, y, table = digits
    rows, cols = linear_sum_assignment(table, maximize=True)
    by_hand = table[rows, cols].sum() / len(y)
    library = np.mean(match_labels(clusters, y) == y)
    assert by_hand == pytest.approx(library)
    for answer in (by_hand, round(by_hand, 3), np.float32(by_hand), np.array([by_hand])):
        result = check_matched_accuracy(answer, clusters, y)
        assert result.passed, answer
        assert f"{library:.3f}" in result.message


@pytest.mark.parametrize(
    ("mistake", "hint_word"),
    [
        (lambda t, n: t.max(axis=1).sum() / n, "linear_sum_assignment"),  # the mode mapping
        (lambda t, n: t[linear_sum_assignment(t)].sum() / n, "maximize=True"),  # minimised
        (lambda t, n: t[linear_sum_assignment(-t)].sum(), "Divide"),  # a count
        (lambda t, n: 100 * t[linear_sum_assignment(-t)].sum() / n, "fraction"),  # a percentage
        (lambda t, n: 1 - t[linear_sum_assignment(-t)].sum() / n, "1 minus"),  # the error rate
        (lambda t, n: 0.5, "linear_sum_assignment"),  # just wrong
        (lambda t, n: 3.5, "linear_sum_assignment"),  # not even an accuracy
    ],
)
def test_accuracy_typical_mistakes_fail_with_a_hint(digits, mistake, hint_word):
    clusters, y, table = digits
    result = check_matched_accuracy(mistake(table, len(y)), clusters, y)
    assert not result
    assert hint_word in result.hint
    assert "Hint:" in repr(result)


def test_accuracy_per_sample_values_instead_of_one_number(digits):
    clusters, y, _ = digits
    result = check_matched_accuracy(match_labels(clusters, y) == y, clusters, y)
    assert not result and "one per sample" in result.message and "np.mean" in result.hint
    other = check_matched_accuracy(np.ones(3), clusters, y)
    assert not other and "(3,)" in other.message


@pytest.mark.parametrize("answer", [None, "0.9", [0.1, "a"], {"acc": 0.9}, np.nan, np.inf])
def test_accuracy_non_answers_give_feedback_not_errors(digits, answer):
    clusters, y, _ = digits
    result = check_matched_accuracy(answer, clusters, y)
    assert isinstance(result, CheckResult) and not result
    assert result.hint


# --- bad data from the notebook raises ----------------------------------------------------------


@pytest.mark.parametrize("check", [check_contingency_table, check_matched_accuracy])
@pytest.mark.parametrize(
    ("clusters", "y", "words"),
    [
        ([0, 1, 1], [0, 1], "same length"),
        ([], [], "empty"),
        ([[0, 1]], [0, 1], "1-D"),
        ([0.5, 1.5], [0, 1], "labels"),
        ([0, 1], [0, "b"], "mixes strings"),
    ],
)
def test_bad_labels_raise(check, clusters, y, words):
    with pytest.raises(ValueError, match=words):
        check(0.5, clusters, y)


# --- review 03: more mistakes named ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ten_restarts(digits):
    """The notebook's other model: ten restarts, the labels a learner may pick up by mistake."""
    X, _ = load_digits(return_X_y=True)
    return KMeans(n_clusters=10, n_init=10, random_state=1).fit(X).labels_


def test_none_is_named_once(digits):
    clusters, y, _ = digits
    for check in (check_contingency_table, check_matched_accuracy):
        text = repr(check(None, clusters, y))
        assert "holds None" in text
        assert text.count("Not yet") == 1 and "no answer yet" not in text


def test_fancy_index_plus_equals_is_recognised(digits):
    clusters, y, _ = digits
    once_per_pair = np.zeros((10, 10), dtype=int)
    once_per_pair[clusters, y] += 1  # the mistake: one +1 per distinct pair
    result = check_contingency_table(once_per_pair, clusters, y)
    assert not result and "0 or 1" in result.message and "np.add.at" in result.hint


def test_the_other_models_labels_are_named(digits, ten_restarts):
    clusters, y, _ = digits
    wrong_table = contingency_matrix(y, ten_restarts).T
    result = check_contingency_table(wrong_table, clusters, y, other_clusters=ten_restarts)
    assert not result and "ten-restart" in result.message and "labels_one" in result.hint
    # without the other labels the check still fails, with the generic feedback
    assert not check_contingency_table(wrong_table, clusters, y)
    right = contingency_matrix(y, clusters).T
    assert check_contingency_table(right, clusters, y, other_clusters=ten_restarts)

    wrong_accuracy = np.mean(match_labels(ten_restarts, y) == y)
    result = check_matched_accuracy(wrong_accuracy, clusters, y, other_clusters=ten_restarts)
    assert not result and "ten-restart" in result.message and "km.labels_" in result.hint
    truth = np.mean(match_labels(clusters, y) == y)
    assert check_matched_accuracy(truth, clusters, y, other_clusters=ten_restarts)


def test_two_decimals_pass_one_does_not():
    X, y = load_digits(return_X_y=True)
    clusters = KMeans(n_clusters=10, n_init=1, random_state=1).fit(X).labels_
    truth = np.mean(match_labels(clusters, y) == y)
    assert abs(round(truth, 2) - truth) > 5e-4  # otherwise this test proves nothing
    result = check_matched_accuracy(round(truth, 2), clusters, y)
    assert result and "rounded" in result.message
    assert check_matched_accuracy(round(truth, 3), clusters, y)
    result = check_matched_accuracy(round(truth, 1), clusters, y)
    assert not result and "2 decimals" in result.hint


def test_two_decimals_shared_with_a_slip_ask_for_three(digits):
    """In the notebook's single run the per-cluster average rounds to the same 2 decimals as the truth."""
    clusters, y, table = digits
    truth = np.mean(match_labels(clusters, y) == y)
    rows, cols = linear_sum_assignment(table, maximize=True)
    per_cluster = np.mean(table[rows, cols] / table.sum(axis=1)[rows])
    assert round(per_cluster, 2) == round(truth, 2)  # otherwise this test proves nothing
    result = check_matched_accuracy(round(truth, 2), clusters, y)
    assert not result and "3 decimals" in result.hint
    assert check_matched_accuracy(round(truth, 3), clusters, y)


@pytest.mark.parametrize(
    ("slip", "message_word", "hint_word"),
    [
        (lambda t, n, truth, other: t.max(axis=1).sum() / n, "mode mapping", "one cluster only"),
        (lambda t, n, truth, other: 1 - truth, "error rate", "1 minus"),
        (lambda t, n, truth, other: other, "ten-restart", "labels_one"),
        (lambda t, n, truth, other: t.max(axis=0).sum() / n, "wrong axis", "one-to-one"),
    ],
)
def test_slips_rounded_to_two_decimals_keep_their_diagnosis(
    digits, ten_restarts, slip, message_word, hint_word
):
    clusters, y, table = digits
    truth = np.mean(match_labels(clusters, y) == y)
    other = np.mean(match_labels(ten_restarts, y) == y)
    exact = slip(table, len(y), truth, other)
    answer = round(exact, 2)
    assert abs(answer - exact) > 5e-4  # rounding moved it out of the exact comparison
    result = check_matched_accuracy(answer, clusters, y, other_clusters=ten_restarts)
    assert not result, answer
    assert message_word in result.message and f"{exact:.3f} rounded" in result.message
    assert hint_word in result.hint


def test_a_slip_that_gives_the_truth_does_not_block_rounding(ten_restarts):
    """For the ten-restart model the mode mapping is one-to-one: its rounded score is the right answer."""
    _, y = load_digits(return_X_y=True)
    truth = np.mean(match_labels(ten_restarts, y) == y)
    assert abs(round(truth, 2) - truth) > 5e-4
    assert check_matched_accuracy(round(truth, 2), ten_restarts, y)


def test_other_clusters_of_the_wrong_length_raise(digits):
    clusters, y, _ = digits
    with pytest.raises(ValueError, match="same length"):
        check_matched_accuracy(0.5, clusters, y, other_clusters=clusters[:-1])


# --- issue 10: hints grow with the attempt, slips are named, no "Correct" the next cells crash on ---


CODE = ("np.", "(", "=", "[", "linear_sum_assignment", "add.at")


@pytest.mark.parametrize("check", [check_contingency_table, check_matched_accuracy])
def test_an_unanswered_exercise_gets_a_nudge_in_words_not_code(digits, check):
    clusters, y, _ = digits
    result = check(None, clusters, y)
    assert not result and result.hint
    for piece in CODE:
        assert piece not in result.message + result.hint, piece


def test_a_wrong_answer_gets_code_level_help(digits):
    clusters, y, table = digits
    assert "np.add.at" in check_contingency_table(_move_one(table), clusters, y).hint
    assert "linear_sum_assignment" in check_matched_accuracy(0.5, clusters, y).hint


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda t: t.tolist(), "np.array(table)"),
        (lambda t: tuple(map(tuple, t)), "np.array(table)"),
    ],
)
def test_right_counts_in_a_container_the_next_cells_cannot_index_fail(digits, make, words):
    clusters, y, table = digits
    result = check_contingency_table(make(table), clusters, y)
    assert not result and "NumPy array" in result.message and words in result.hint


def test_a_dataframe_table_is_asked_to_become_an_array(digits):
    pd = pytest.importorskip("pandas")
    clusters, y, table = digits
    frame = pd.crosstab(clusters, y)
    result = check_contingency_table(frame, clusters, y)
    assert not result and "DataFrame" in result.message and "to_numpy" in result.hint


@pytest.mark.parametrize(("axis", "words"), [(0, "images per class"), (1, "cluster sizes")])
def test_a_table_summed_over_one_axis_is_named(digits, axis, words):
    clusters, y, table = digits
    result = check_contingency_table(table.sum(axis=axis), clusters, y)
    assert not result and words in result.message


@pytest.mark.parametrize(
    ("mistake", "message_word", "hint_word"),
    [
        (lambda t, n: np.trace(t) / n, "np.trace", "linear_sum_assignment"),
        (lambda t, n: np.trace(t), "np.trace", "divide"),
        (lambda t, n: t.max(axis=0).sum() / n, "wrong axis", "linear_sum_assignment"),
        (lambda t, n: t[linear_sum_assignment(-t)], "matched pairs", ".sum()"),
        (lambda t, n: t[linear_sum_assignment(-t)] / n, "one per cluster", "table.sum()"),
        (lambda t, n: t[linear_sum_assignment(-t)].sum() / len(t), "number of clusters", "images"),
        (
            lambda t, n: np.mean(t[linear_sum_assignment(-t)] / t.sum(axis=1)),
            "average over clusters",
            "divide once",
        ),
    ],
)
def test_common_slips_are_diagnosed(digits, mistake, message_word, hint_word):
    clusters, y, table = digits
    result = check_matched_accuracy(mistake(table, len(y)), clusters, y)
    assert not result
    assert message_word in result.message, result.message
    assert hint_word in result.hint, result.hint


def test_the_trap_is_real_for_the_slips(digits):
    """The slips above give values far enough from the truth that the check can tell them apart."""
    clusters, y, table = digits
    truth = np.mean(match_labels(clusters, y) == y)
    n = len(y)
    for wrong in (np.trace(table) / n, table.max(axis=0).sum() / n, table.max(axis=1).sum() / n):
        assert abs(wrong - truth) > 5e-3


def test_string_labels_work_in_the_checks():
    clusters = np.array(["a", "a", "b", "b"])
    y = np.array(["x", "x", "x", "y"])
    assert check_contingency_table(np.array([[2, 0], [1, 1]]), clusters, y)
    assert check_matched_accuracy(0.75, clusters, y)
