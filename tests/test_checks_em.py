"""The self-checks of notebook 02: right answers pass, typical mistakes fail with a hint, never raise."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from fig_code import kmeans_steps, make_dataset
from fig_code.checks import CheckResult, check_assign_step, check_update_step
from fig_code.kmeans import _assign


# --- right answers, written the ways a learner might --------------------------------------------
def assign_broadcast(X, centers):
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def assign_norm(X, centers):
    return np.linalg.norm(X[:, np.newaxis] - centers, axis=2).argmin(axis=1)


def assign_loop(X, centers):
    return np.array([int(np.argmin([np.sum((x - c) ** 2) for c in centers])) for x in X])


def assign_list(X, centers):
    return assign_broadcast(X, centers).tolist()


def update_loop(X, labels, n_clusters):
    return np.array([X[labels == j].mean(axis=0) for j in range(n_clusters)])


def update_bincount(X, labels, n_clusters):
    onehot = labels[:, None] == np.arange(n_clusters)
    return (onehot.T @ X) / onehot.sum(axis=0)[:, None]


def update_list(X, labels, n_clusters):
    return [list(X[labels == j].mean(axis=0)) for j in range(n_clusters)]


@pytest.mark.parametrize("func", [assign_broadcast, assign_norm, assign_loop, assign_list, _assign])
def test_assign_right_answers_pass(func):
    result = check_assign_step(func)
    assert isinstance(result, CheckResult)
    assert result.passed, result
    assert repr(result).startswith("✅ Correct")


@pytest.mark.parametrize("func", [update_loop, update_bincount, update_list])
def test_update_right_answers_pass(func):
    result = check_update_step(func)
    assert result.passed, result


# --- typical mistakes -----------------------------------------------------------------------------
def _table(X, centers):
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


@pytest.mark.parametrize(
    ("func", "message", "hint"),
    [
        (lambda X, c: _table(X, c).argmax(axis=1), "farthest", "argmin"),
        (lambda X, c: _table(X, c), "whole", "index (column) of the smallest"),
        (lambda X, c: _table(X, c).argmin(axis=0), "one per centre", "axis of the centres"),
        (lambda X, c: _table(X, c).min(axis=1), "whole numbers", "argmin"),
        (lambda X, c: np.zeros(len(X), dtype=int), "did not get their nearest", "smallest entry"),
        (lambda X, c: _table(X, c).argmin(), "single number", "each row"),
        (lambda X, c: None, "returned None", "closest centre"),
        (
            lambda X, c: (X[:, None, :] - c[None, :, :]).sum(axis=2).argmin(axis=1),
            "signed",
            "Square",
        ),
        (
            lambda X, c: ((X[:, None, :] - c[None, :, :]) ** 2).sum(axis=1),
            "per feature",
            "last axis",
        ),
        (
            lambda X, c: ((X[:, None, :] - c[None, :, :]) ** 2).sum(axis=1).argmin(axis=1),
            "instead of the features",
            "last axis",
        ),
        (lambda X, c: _table(X[:, :2], c[:, :2]).argmin(axis=1), "first two features", "every"),
        (lambda X, c: ((X - c) ** 2).sum(axis=1), "could not subtract", "X[:, None, :]"),
        (lambda X, c: "labels", "expected an array", "table of squared distances"),
        (
            lambda X, c: np.abs(X[:, None, :] - c[None, :, :]).sum(axis=2).argmin(axis=1),
            "L1",
            "squared Euclidean",
        ),
        (lambda X, c: X.sort(axis=0), "changed its input", "new arrays"),
        (lambda X, c: 1 / 0, "ZeroDivisionError", "small example"),
        (lambda X: X, "TypeError", "small example"),  # wrong signature
    ],
)
def test_assign_typical_mistakes_fail_with_a_hint(func, message, hint):
    result = check_assign_step(func)
    assert not result
    assert message in result.message, result.message
    assert hint in result.hint, result.hint
    assert "Hint:" in repr(result)


def test_assign_placeholder_as_shipped_says_none():
    def assign_points(X, centers):
        # your code here
        return None

    result = check_assign_step(assign_points)
    assert not result and "returned None" in result.message


def test_assign_with_sqrt_and_ties_to_lower_index_still_passes():
    # unsquared distances give the same argmin: a correct answer
    assert check_assign_step(lambda X, c: np.sqrt(_table(X, c)).argmin(axis=1))


def test_assign_mistake_only_visible_in_high_dimension_is_caught():
    # uses only the first two coordinates: right in 2-D, wrong in the 64-D test
    result = check_assign_step(lambda X, c: _table(X[:, :2], c[:, :2]).argmin(axis=1))
    assert not result and "64-D" in result.message


def _means(X, labels, k):
    return np.array([X[labels == j].mean(axis=0) for j in range(k)])


@pytest.mark.parametrize(
    ("func", "message", "hint"),
    [
        (
            lambda X, lab, k: np.array([np.median(X[lab == j], axis=0) for j in range(k)]),
            "medians",
            "mean",
        ),
        (lambda X, lab, k: np.array([X[lab == j].sum(axis=0) for j in range(k)]), "sums", "Divide"),
        (lambda X, lab, k: np.tile(X.mean(axis=0), (k, 1)), "mean of all", "label is j"),
        (lambda X, lab, k: _means(X, lab, k)[::-1], "wrong rows", "label order"),
        (lambda X, lab, k: _means(X, lab, k).T, "one column per centre", "one row per centre"),
        (lambda X, lab, k: _means(X, lab, k).mean(axis=1), "shape", "axis 0"),
        (lambda X, lab, k: X[:k], "not the mean", "label is j"),
        (lambda X, lab, k: _means(X, lab, k)[:, :1], "expected shape", "one number per feature"),
        (lambda X, lab, k: None, "returned None", "average"),
        (
            lambda X, lab, k: np.array([X[lab == j].sum(axis=0) / len(X) for j in range(k)]),
            "number of all the points",
            "that cluster only",
        ),
        (
            lambda X, lab, k: _means(X, lab, 4) if k != 4 else _means(X, lab, 5),
            "n_clusters is",
            "argument",
        ),
        (lambda X, lab, k: {"centres": 1}, "expected an array", "boolean mask"),
        (  # mean over the features: rows of different lengths, NumPy's "inhomogeneous" error
            lambda X, lab, k: np.array([X[lab == j].mean(axis=1) for j in range(k)]),
            "different lengths",
            "not over the features",
        ),
        (lambda X, lab, k: X.__setitem__(0, 0.0), "changed its input", "new array"),
        (
            lambda X, lab, k: np.array([X[lab == j + 1].mean(axis=0) for j in range(k)]),
            "Mean of empty slice",  # the learner's warning is reported, not shown on stderr
            "labels start at 0",
        ),
        (lambda X, lab: X, "TypeError", "small example"),
    ],
)
def test_update_typical_mistakes_fail_with_a_hint(func, message, hint):
    result = check_update_step(func)  # filterwarnings=error: a warning leaking out would fail
    assert not result
    assert message in result.message, result.message
    assert hint in result.hint, result.hint


def test_update_other_errors_are_reported_as_they_are():
    def broken(X, labels, n_clusters):
        raise ValueError("something else")

    result = check_update_step(broken)
    assert not result and "ValueError: something else" in result.message


#: The lines of the solutions: no hint gives them away (the solution is in the notebook, folded).
_SOLUTION_IN_HINT = re.compile(r"argmin\(|\.mean\(|\.sum\(|axis=")


def _every_hint():
    mistakes = [
        lambda X, c: _table(X, c),
        lambda X, c: _table(X, c).argmin(axis=0),
        lambda X, c: _table(X, c).argmin(),
        lambda X, c: np.zeros(len(X), dtype=int),
        lambda X, c: "labels",
        lambda X, c: np.abs(X[:, None, :] - c[None, :, :]).sum(axis=2).argmin(axis=1),
        lambda X, c: (X[:, None, :] - c[None, :, :]).sum(axis=2).argmin(axis=1),
        lambda X, c: ((X - c) ** 2).sum(axis=1),
    ]
    hints = [check_assign_step(f).hint for f in mistakes]
    updates = [
        lambda X, lab, k: np.tile(X.mean(axis=0), (k, 1)),
        lambda X, lab, k: X[:k],
        lambda X, lab, k: _means(X, lab, k)[:, :1],
        lambda X, lab, k: _means(X, lab, k).mean(axis=1),
        lambda X, lab, k: np.array([X[lab == j].mean(axis=1) for j in range(k)]),
        lambda X, lab, k: np.array([np.median(X[lab == j], axis=0) for j in range(k)]),
        lambda X, lab, k: np.array([X[lab == j].sum(axis=0) for j in range(k)]),
        lambda X, lab, k: np.array([X[lab == j + 1].mean(axis=0) for j in range(k)]),
    ]
    return hints + [check_update_step(f).hint for f in updates]


def test_hints_explain_without_giving_the_solution_away():
    hints = _every_hint()
    assert all(hints)
    for hint in hints:
        assert not _SOLUTION_IN_HINT.search(hint), hint


@pytest.mark.parametrize("check", [check_assign_step, check_update_step])
def test_no_answer_yet_gets_a_nudge_in_words_and_no_code(check):
    def as_shipped(*args):
        # your code here
        return None

    result = check(as_shipped)
    assert not result and "no answer yet" in result.message
    assert result.hint
    for code in ("`", "[", "=", "np.", "axis", "argmin", "mean("):
        assert code not in result.hint, (code, result.hint)


def test_update_uses_shuffled_labels_so_sorting_mistakes_fail():
    def assumes_sorted(X, labels, k):  # splits X into k consecutive chunks
        return np.array([chunk.mean(axis=0) for chunk in np.array_split(X, k)])

    assert not check_update_step(assumes_sorted)


@pytest.mark.parametrize("not_a_function", [None, 3, np.zeros((3, 2)), "assign_points"])
def test_checks_want_the_function_itself(not_a_function):
    for check in (check_assign_step, check_update_step):
        result = check(not_a_function)
        assert not result
        assert "function itself" in result.message
        assert "without calling it" in result.hint


def test_checks_are_repeatable():
    calls = []

    def spy(X, centers):
        calls.append(X.copy())
        return assign_broadcast(X, centers)

    check_assign_step(spy)
    first = [c.copy() for c in calls]
    calls.clear()
    check_assign_step(spy)
    assert len(first) == len(calls) == 4
    assert all(np.array_equal(a, b) for a, b in zip(first, calls, strict=True))
    assert {c.shape[1] for c in calls} == {2, 3, 64}


# --- what the checks pass, the notebook's next cell can use ------------------------------------------
def assign_float(X, centers):  # whole numbers stored as floats: accepted
    return assign_broadcast(X, centers).astype(float)


def _payoff_cell(root) -> str:
    nb = nbformat.read(root / "notebooks" / "02-Expectation-Maximization.ipynb", as_version=4)
    (source,) = [c.source for c in nb.cells if c.get("id") == "ex-payoff"]
    return source


def _run_payoff(root, assign_points, update_centers, capsys) -> str:
    X, _ = make_dataset("blobs")
    namespace = {
        "np": np,
        "KMeans": KMeans,
        "adjusted_rand_score": adjusted_rand_score,
        "check_assign_step": check_assign_step,
        "check_update_step": check_update_step,
        "X": X,
        "steps": kmeans_steps(X, 4, init="random", random_state=3),
        "assign_points": assign_points,
        "update_centers": update_centers,
    }
    exec(_payoff_cell(root), namespace)  # noqa: S102 - the notebook's own cell
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "assign", [assign_broadcast, assign_norm, assign_loop, assign_list, assign_float, _assign]
)
@pytest.mark.parametrize("update", [update_loop, update_bincount, update_list])
def test_every_answer_the_checks_pass_runs_in_the_notebooks_next_cell(root, assign, update, capsys):
    """A check never says "Correct" for an answer the following cell then crashes on."""
    assert check_assign_step(assign) and check_update_step(update)
    out = _run_payoff(root, assign, update, capsys)
    assert "agreement (ARI) 1.00" in out, out


def test_the_next_cell_waits_for_both_checks(root, capsys):
    out = _run_payoff(root, assign_broadcast, lambda X, labels, n_clusters: None, capsys)
    assert out.startswith("Not yet")
