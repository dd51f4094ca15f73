"""The self-checks of notebook 05: right answers pass, typical slips fail with a diagnosis, None gets
a nudge in words (no code), bad data raise."""

from __future__ import annotations

import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import make_blobs

from fig_code.checks import (
    CheckResult,
    check_chunk_size,
    check_kmeans_parallel_saving,
    check_partial_fit_loop,
)

CODE_MARKS = ("(", "=", "[", "//", "\n")


def _no_code(hint: str) -> bool:
    return not any(mark in hint for mark in CODE_MARKS)


# --- check_partial_fit_loop ---------------------------------------------------------------------

CHUNK = 4_000


@pytest.fixture(scope="module")
def X_disk(tmp_path_factory):
    X, _ = make_blobs(n_samples=18_500, n_features=8, centers=8, cluster_std=2.0, random_state=0)
    path = tmp_path_factory.mktemp("data") / "blobs.npy"
    np.save(path, X.astype(np.float32))
    return np.load(path, mmap_mode="r")


def _model(**kwargs):
    params = {"n_clusters": 8, "n_init": 1, "random_state": 0} | kwargs
    return MiniBatchKMeans(**params)


def _stream(X, starts, chunk=CHUNK, model=None):
    model = _model() if model is None else model
    for start in starts:
        model.partial_fit(X[start : start + chunk])
    return model


def test_loop_right_answers_pass(X_disk):
    right = _stream(X_disk, range(0, len(X_disk), CHUNK))
    result = check_partial_fit_loop(right, X_disk, CHUNK)
    assert isinstance(result, CheckResult) and result, result
    n_chunks = math.ceil(len(X_disk) / CHUNK)  # the last, shorter chunk counts too
    assert n_chunks * CHUNK > len(X_disk)  # ... and there is one
    assert "Correct" in repr(result) and f"{n_chunks} chunks" in result.message
    # the same loop over the rows loaded into memory is right too
    in_memory = _stream(np.asarray(X_disk), range(0, len(X_disk), CHUNK))
    assert check_partial_fit_loop(in_memory, X_disk, CHUNK)


def test_loop_unanswered_gets_a_nudge_in_words(X_disk):
    result = check_partial_fit_loop(None, X_disk, CHUNK)
    assert not result and "None" in result.message
    assert result.hint and _no_code(result.hint)


def test_loop_model_made_inside_the_loop(X_disk):
    model = None
    for start in range(0, len(X_disk), CHUNK):
        model = _model().partial_fit(X_disk[start : start + CHUNK])
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    assert not result and "only one chunk" in result.message and "inside the loop" in result.message
    assert "for start in range" in result.hint


def test_loop_everything_at_once(X_disk):
    result = check_partial_fit_loop(_model().partial_fit(X_disk), X_disk, CHUNK)
    assert not result and "once, on all the rows" in result.message


def test_loop_last_chunk_left_out(X_disk):
    model = _stream(X_disk, range(0, len(X_disk) - CHUNK, CHUNK))
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    assert not result and "last, shorter chunk" in result.message


def test_loop_wrong_chunk_size(X_disk):
    model = _stream(X_disk, range(0, len(X_disk), 2_000), chunk=2_000)
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    steps, want = math.ceil(len(X_disk) / 2_000), math.ceil(len(X_disk) / CHUNK)
    assert not result and f"{steps} partial_fit steps where the reference makes {want}" in (
        result.message
    )


def test_loop_cell_run_twice(X_disk):
    model = _stream(X_disk, range(0, len(X_disk), CHUNK))
    model = _stream(X_disk, range(0, len(X_disk), CHUNK), model=model)
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    assert not result and "ran twice" in result.message


def test_loop_chunks_in_another_order(X_disk):
    model = _stream(X_disk, reversed(range(0, len(X_disk), CHUNK)))
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    assert not result and "different order" in result.message


def test_loop_fit_instead_of_partial_fit(X_disk):
    model = _model()
    for start in range(0, len(X_disk), CHUNK):
        model.fit(X_disk[start : start + CHUNK])
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    assert not result and "fitted with fit" in result.message
    assert "partial_fit" in result.hint


@pytest.mark.parametrize(
    ("model", "word"),
    [
        (_model(random_state=1), "random_state=1"),
        (_model(n_clusters=4), "n_clusters=4"),
    ],
)
def test_loop_other_parameters(X_disk, model, word):
    model = _stream(X_disk, range(0, len(X_disk), CHUNK), model=model)
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    assert not result and word in result.message


@pytest.mark.parametrize(
    ("answer", "word"),
    [
        (_model(), "not been fitted"),
        (MiniBatchKMeans, "class itself"),
        (KMeans(n_clusters=8, n_init=1, random_state=0), "KMeans model"),
        (3.5, "float"),
        ("model", "str"),
    ],
)
def test_loop_not_a_fitted_model(X_disk, answer, word):
    result = check_partial_fit_loop(answer, X_disk, CHUNK)
    assert not result and word in result.message
    assert result.hint


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"X": [[1.0]], "chunk_size": 10}, "NumPy array"),
        ({"X": np.ones((5, 2)), "chunk_size": 0}, "chunk_size"),
        ({"X": np.ones((5, 2)), "chunk_size": 2, "n_clusters": 0}, "n_clusters"),
        ({"X": np.ones((5, 2)), "chunk_size": 2, "random_state": None}, "random_state"),
    ],
)
def test_loop_bad_data_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_partial_fit_loop(None, **kwargs)


# --- check_chunk_size ---------------------------------------------------------------------------

BUDGET = {"budget_mb": 6, "n_features": 8, "bytes_per_value": 4, "factor": 3}


@pytest.mark.parametrize("answer", [62_500, np.int64(62_500), 6_000_000 // (3 * 8 * 4)])
def test_chunk_right_answers_pass(answer):
    result = check_chunk_size(answer, **BUDGET)
    assert result and "62,500 rows" in result.message


def test_chunk_unanswered_gets_a_nudge_in_words():
    result = check_chunk_size(None, **BUDGET)
    assert not result and result.hint and _no_code(result.hint)


@pytest.mark.parametrize(
    ("answer", "word"),
    [
        (187_500, "no more than the chunk itself"),  # factor left out
        (31_250, "8 bytes per value"),  # float64
        (65_536, "mebibyte"),  # 1 MB = 2**20 bytes
        (500_000, "one value per row"),  # n_features left out
        (2_000_000, "bytes, not of rows"),
        (250_000, "size of a value"),  # bytes per value left out
        (62_501, "round down"),
        (60_000, "more would too"),
        (100_000, "over the"),
    ],
)
def test_chunk_typical_slips(answer, word):
    result = check_chunk_size(answer, **BUDGET)
    assert not result and word in result.message, result
    assert result.hint


@pytest.mark.parametrize("answer", [62_500.0, 6e6 / 96])
def test_chunk_floats_never_pass_as_later_slicing_would_crash(answer):
    result = check_chunk_size(answer, **BUDGET)
    assert not result and "TypeError" in result.message and "//" in result.hint


@pytest.mark.parametrize("answer", [62_500.5, "62500", [62_500], 0, -5, np.nan, True])
def test_chunk_non_answers_give_feedback_not_errors(answer):
    result = check_chunk_size(answer, **BUDGET)
    assert isinstance(result, CheckResult) and not result


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"budget_mb": 0, "n_features": 8}, "budget_mb"),
        ({"budget_mb": "6", "n_features": 8}, "budget_mb"),
        ({"budget_mb": True, "n_features": 8}, "budget_mb must be a positive number"),
        ({"budget_mb": np.inf, "n_features": 8}, "budget_mb must be a positive number"),
        ({"budget_mb": 6, "n_features": 0}, "n_features"),
        ({"budget_mb": 6, "n_features": 8, "factor": 0}, "factor"),
        ({"budget_mb": 6, "n_features": 8, "bytes_per_value": 2.5}, "bytes_per_value"),
        ({"budget_mb": 1e-6, "n_features": 8}, "not hold even one row"),
    ],
)
def test_chunk_bad_data_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        check_chunk_size(62_500, **kwargs)


# --- check_kmeans_parallel_saving ---------------------------------------------------------------


@pytest.mark.parametrize("answer", ["b", "B", " (b) ", "b)", "b."])
def test_saving_right_answer_passes(answer):
    result = check_kmeans_parallel_saving(answer)
    assert result and "passes" in result.message


@pytest.mark.parametrize(
    ("answer", "word"),
    [("a", "only the seeding"), ("c", "still reads every point"), ("d", "local minimum")],
)
def test_saving_each_wrong_choice_is_explained(answer, word):
    result = check_kmeans_parallel_saving(answer)
    assert not result and word in result.message and result.hint


def test_saving_unanswered_gets_a_nudge_in_words():
    result = check_kmeans_parallel_saving(None)
    assert not result and _no_code(result.hint)


@pytest.mark.parametrize("answer", ["e", "bc", "", 2, ["b"]])
def test_saving_non_answers_give_feedback_not_errors(answer):
    result = check_kmeans_parallel_saving(answer)
    assert isinstance(result, CheckResult) and not result and result.hint


# --- the notebook's folded solutions ------------------------------------------------------------

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "05-K-Means-at-Scale.ipynb"


def test_the_notebooks_solutions_pass_its_checks(X_disk):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    solutions = [
        re.search(r"```python\n(.*?)```", cell.source, flags=re.S).group(1)
        for cell in nb.cells
        if cell.cell_type == "markdown" and "<details>" in cell.source
    ]
    assert len(solutions) == 3
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert (
        "check_chunk_size(chunk_size, budget_mb=6, n_features=8, bytes_per_value=4, factor=3)"
        in (code)
    )
    namespace = {"MiniBatchKMeans": MiniBatchKMeans, "X_disk": X_disk, "chunk_rows": CHUNK}
    for solution in solutions:
        exec(solution, namespace)
    assert check_partial_fit_loop(namespace["my_model"], X_disk, CHUNK)
    assert check_chunk_size(namespace["chunk_size"], **BUDGET)
    assert check_kmeans_parallel_saving(namespace["answer"])


@pytest.mark.parametrize(
    ("setting", "value"),
    [("batch_size", CHUNK), ("init", "random"), ("init_size", 500), ("reassignment_ratio", 0.1)],
)
def test_loop_settings_that_change_partial_fit_are_named(X_disk, setting, value):
    """A model made with another batch_size (or seeding setting) streams right but lands elsewhere:
    the check names the setting instead of blaming the chunks."""
    model = _stream(X_disk, range(0, len(X_disk), CHUNK), model=_model(**{setting: value}))
    result = check_partial_fit_loop(model, X_disk, CHUNK)
    assert not result
    assert f"{setting}=" in result.message and "chunks" not in result.message


@pytest.mark.parametrize(
    "settings",
    [{"n_init": "auto"}, {"max_iter": 5, "tol": 0.5, "max_no_improvement": 2}, {"verbose": 0}],
)
def test_loop_settings_that_only_fit_uses_may_differ(X_disk, settings):
    model = _stream(X_disk, range(0, len(X_disk), CHUNK), model=_model(**settings))
    assert check_partial_fit_loop(model, X_disk, CHUNK)


def test_loop_numpy_integer_settings_are_the_same_setting(X_disk):
    model = _model(batch_size=np.int64(1024), n_init=np.int64(1))
    model = _stream(X_disk, range(0, len(X_disk), CHUNK), model=model)
    assert check_partial_fit_loop(model, X_disk, CHUNK)
