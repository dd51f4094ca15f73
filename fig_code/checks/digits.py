"""Self-checks for the exercises of notebook 03, *K-Means on Handwritten Digits*.

Each check takes the learner's answer plus the labels it was computed from (cluster numbers and true
digits) and returns a ``CheckResult``. A learner's answer never raises: a wrong type or a ``None`` left in
place is feedback too. The label arguments come from the notebook, so bad ones raise ``ValueError`` like
the rest of fig_code.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..labels import contingency_table, match_labels
from ._answers import as_float_array, describe
from ._feedback import CheckResult, failed, passed

__all__ = ["check_contingency_table", "check_matched_accuracy"]

# Unanswered: a nudge in words, no code (the folded solution is the place for code).
_TABLE_NUDGE = (
    "Picture a tally sheet with one row per cluster and one column per digit: every image adds one "
    "mark to the cell of its own cluster and its own digit. Start from a grid of zeros of that shape."
)
_ACCURACY_NUDGE = (
    "Give every cluster a different digit, choosing the naming that gets the most images right: the "
    "solver of the toy example finds it from your table. Then count those images and divide by all."
)
# After a wrong answer: code-level help.
_TABLE_HINT = (
    "Start from np.zeros({shape}, dtype=int) and add 1 at [its cluster, its digit] for every image: "
    "np.add.at(table, (row_indices, column_indices), 1) does that in one call, once per sample."
)
_ACCURACY_HINT = (
    "rows, cols = linear_sum_assignment(table, maximize=True) gives the best one-to-one pairs; "
    "table[rows, cols].sum() / table.sum() is the share of images they get right."
)
_NONE = "{name} still holds None: replace the None with your code and run that cell again."
_OTHER_MESSAGE = "{what} of the other clustering (the ten-restart model), not of the single run."
_OTHER_HINT = "Use labels_one (the single run), not km.labels_."


def check_contingency_table(answer, clusters, y_true, *, other_clusters=None) -> CheckResult:
    """Check a learner's contingency table: one row per cluster, one column per class, of counts.

    Parameters
    ----------
    answer : array-like of shape (n_clusters, n_classes)
        ``answer[k, d]`` should be the number of samples in the k-th cluster whose class is the d-th
        class (clusters and classes in increasing order; for K-means on the digits both are 0 to 9).
    clusters : array-like of int, shape (n_samples,)
        The cluster number of every sample, e.g. ``km.labels_``.
    y_true : array-like of int, shape (n_samples,)
        The true class of every sample.
    other_clusters : array-like of int, shape (n_samples,), optional
        Another clustering of the same samples that a learner may use by mistake (in notebook 03 the
        ten-restart model's ``km.labels_``); a table built from it gets a hint naming the right labels.

    Returns
    -------
    CheckResult
        Passed when every count is right and the table is a NumPy array (the next steps index it
        as ``table[rows, cols]``); otherwise says what the table looks like (a list or DataFrame,
        transposed, proportions, summed over one axis, only 0s and 1s from a fancy-index ``+=``,
        counts that do not add up, ...) and how to fix it. An unanswered ``None`` gets a nudge in
        words, no code.

    Examples
    --------
    >>> import numpy as np
    >>> bool(check_contingency_table(np.array([[2, 0], [1, 1]]), [0, 0, 1, 1], [0, 0, 0, 1]))
    True
    >>> bool(check_contingency_table([[2, 1], [0, 1]], [0, 0, 1, 1], [0, 0, 0, 1]))
    False
    """
    truth, cluster_ids, classes = contingency_table(clusters, y_true)
    n = int(truth.sum())
    hint = _TABLE_HINT.format(shape=truth.shape)
    want = (
        f"a {truth.shape[0]} x {truth.shape[1]} array (one row per cluster, one column per class)"
    )
    if other_clusters is not None:
        other_truth, _, _ = contingency_table(other_clusters, y_true)
    if answer is None:
        return failed(_NONE.format(name="table"), _TABLE_NUDGE)
    arr = as_float_array(answer)
    if arr is None:
        return failed(f"expected {want}; got {describe(answer)}.", hint)
    if arr.ndim == 1 and arr.shape[0] in truth.shape:
        for axis, what in (
            (0, "images per class (summed over the clusters)"),
            (1, "cluster sizes"),
        ):
            if arr.shape == truth.sum(axis=axis).shape and np.allclose(arr, truth.sum(axis=axis)):
                return failed(
                    f"these {arr.size} numbers are the {what}: a sum over one axis of the table.",
                    "Keep the whole table, one count per (cluster, digit) pair: leave out the sum.",
                )
    if arr.shape != truth.shape:
        if arr.shape == truth.T.shape:
            return failed(
                f"your table has shape {arr.shape}: rows and columns are swapped.",
                "Put one row per cluster and one column per class (table[cluster, digit]), "
                "or transpose yours with .T.",
            )
        return failed(f"expected {want}; got {describe(answer)}.", hint)
    if not np.isfinite(arr).all():
        return failed("your table holds NaN or infinite values; counts are whole numbers.", hint)
    if np.array_equal(arr, truth):
        if not isinstance(answer, np.ndarray):
            convert = "table.to_numpy()" if hasattr(answer, "to_numpy") else "np.array(table)"
            return failed(
                f"the counts are right, but table is a {type(answer).__name__}: the next steps "
                "(table[:, 9], table[rows, cols]) need a NumPy array.",
                f"Convert it with table = {convert}.",
            )
        i, j = np.unravel_index(truth.argmax(), truth.shape)
        return passed(
            f"the {truth.size} counts add up to the {n} samples; the largest, {truth[i, j]}, says "
            f"cluster {cluster_ids[i]} holds {truth[i, j]} samples of class {classes[j]}."
        )
    if np.array_equal(arr, truth > 0):
        return failed(
            "every entry is 0 or 1: a fancy-index += such as table[labels_one, y] += 1 adds 1 only "
            "once per distinct (cluster, digit) pair, however many samples share it.",
            "Use np.add.at(table, (labels_one, y), 1), which adds 1 once per sample.",
        )
    if other_clusters is not None and np.array_equal(arr, other_truth):
        return failed(_OTHER_MESSAGE.format(what="these are the counts"), _OTHER_HINT)
    if truth.shape[0] == truth.shape[1] and np.array_equal(arr, truth.T):
        return failed(
            "these are the right counts, but rows and columns are swapped.",
            "Rows are clusters and columns are classes: table[cluster, digit]. Transpose with .T.",
        )
    if np.allclose(arr.sum(axis=1), 1) and np.allclose(
        arr, truth / truth.sum(axis=1, keepdims=True)
    ):
        return failed(
            "each row adds up to 1: these are proportions within each cluster, not counts.",
            "Count the samples instead of dividing by the cluster size.",
        )
    if np.isclose(arr.sum(), 1) and np.allclose(arr, truth / n):
        return failed(
            "the whole table adds up to 1: these are proportions of all samples, not counts.",
            "Leave out the division by the number of samples.",
        )
    if not np.allclose(arr, np.round(arr)) or (arr < 0).any():
        return failed("a table of counts holds whole numbers of 0 or more.", hint)
    total = int(round(arr.sum()))
    if total != n:
        return failed(
            f"your counts add up to {total}, but there are {n} samples: each sample should be "
            "counted exactly once.",
            hint,
        )
    if np.array_equal(arr.sum(axis=1), truth.sum(axis=1)):
        return failed(
            "every row adds up to its cluster's size, but the counts are in the wrong columns.",
            "Column d is for the samples whose TRUE class is d: compare with y, not with the clusters.",
        )
    return failed("some counts are not right.", hint)


def check_matched_accuracy(answer, clusters, y_true, *, other_clusters=None) -> CheckResult:
    """Check a learner's matched accuracy: the share of samples right under the best one-to-one mapping.

    The mapping pairs each cluster with a different class so that as many samples as possible agree
    (``scipy.optimize.linear_sum_assignment``); ``fig_code.match_labels`` applies it. Answers within
    0.0005 pass; an answer rounded to two decimals passes too, unless a known slip rounds to it as well
    (then more decimals are asked for). A known slip, exact or rounded to two decimals, is named.

    Parameters
    ----------
    answer : float
        The learner's accuracy, a fraction between 0 and 1.
    clusters : array-like of int, shape (n_samples,)
        The cluster number of every sample, e.g. ``km.labels_``.
    y_true : array-like of int, shape (n_samples,)
        The true class of every sample.
    other_clusters : array-like of int, shape (n_samples,), optional
        Another clustering of the same samples that a learner may use by mistake (in notebook 03 the
        ten-restart model's ``km.labels_``); its matched accuracy gets a hint naming the right labels.

    Returns
    -------
    CheckResult
        Passed when ``answer`` is the matched accuracy (rounded to two decimals or more); otherwise
        says what the answer looks like (the mode mapping's score, ``np.trace`` of the unmatched
        table, a max over the wrong axis, the minimum matching, a count, a percentage, per-cluster
        values, rounded too far, ...) and gives a hint. An unanswered ``None`` gets a nudge in
        words, no code.

    Examples
    --------
    >>> bool(check_matched_accuracy(0.75, [0, 0, 1, 1], [0, 0, 0, 1]))
    True
    >>> bool(check_matched_accuracy(1.0, [0, 0, 1, 1], [0, 0, 0, 1]))
    False
    """
    predicted = match_labels(clusters, y_true)
    y = np.asarray(y_true)
    n = y.shape[0]
    truth = float(np.mean(predicted == y))
    table, _, _ = contingency_table(clusters, y_true)
    rows, cols = linear_sum_assignment(table, maximize=True)
    per_cluster = table[rows, cols] / table.sum(axis=1)[rows]
    slips = [  # (value, message, hint): what the common slips give, tried in this order
        (
            table.max(axis=1).sum() / n,
            "{v} is the score of the mode mapping, where every cluster takes its majority class and "
            "two clusters may take the same one.",
            "Each digit may be used by one cluster only: let linear_sum_assignment(table, "
            "maximize=True) choose the pairs.",
        ),
        (
            table.max(axis=0).sum() / n,
            "{v} takes the largest count in every COLUMN: for each digit its best cluster, so one "
            "cluster can be counted for several digits (a max over the wrong axis).",
            "Pair clusters and digits one-to-one with linear_sum_assignment(table, maximize=True), "
            "then add up table[rows, cols].",
        ),
        (
            np.trace(table) / n,
            "{v} is the diagonal of the table, np.trace: it names cluster k after digit k, but "
            "cluster numbers are arbitrary names, not digits.",
            "Match first: rows, cols = linear_sum_assignment(table, maximize=True), then sum "
            "table[rows, cols] instead of the diagonal.",
        ),
        (
            table[linear_sum_assignment(table)].sum() / n,
            "{v} is the WORST one-to-one mapping: linear_sum_assignment minimises by default.",
            "Pass maximize=True (or hand it -table).",
        ),
        (
            float(per_cluster.mean()),
            "{v} is the average over clusters of each cluster's share right: a small cluster "
            "weighs as much as a big one.",
            "Count the images right over all clusters and divide once, by the number of images: "
            "table[rows, cols].sum() / table.sum().",
        ),
        (
            1 - truth,
            "{v} is the share of images the mapping gets wrong (the error rate).",
            "Accuracy is the share it gets right: 1 minus your answer.",
        ),
    ]
    if other_clusters is not None:
        other = float(np.mean(match_labels(other_clusters, y_true) == y))
        slips.insert(
            0, (other, _OTHER_MESSAGE.format(what="{v} is the matched accuracy"), _OTHER_HINT)
        )

    if answer is None:
        return failed(_NONE.format(name="accuracy_one"), _ACCURACY_NUDGE)
    arr = as_float_array(answer)
    if arr is None:
        return failed(f"expected a number between 0 and 1; got {describe(answer)}.", _ACCURACY_HINT)
    if arr.size != 1:
        if arr.shape == (n,):
            return failed(
                f"you have {n} values, one per sample, rather than one accuracy.",
                "The accuracy is the share of samples whose mapped class equals the true one: "
                "np.mean(predicted == y).",
            )
        if arr.shape == rows.shape and np.allclose(np.sort(arr), np.sort(table[rows, cols])):
            return failed(
                f"these {arr.size} numbers are the counts of the matched pairs, one per cluster.",
                "Add them up (.sum()) and divide by the number of images.",
            )
        if arr.shape == rows.shape:
            return failed(
                f"you have {arr.size} values, one per cluster, rather than one accuracy.",
                "Sum the matched counts over all clusters first, then divide once by table.sum().",
            )
        return failed(f"expected a single number; got {describe(answer)}.", _ACCURACY_HINT)
    value = float(arr.reshape(-1)[0])
    if not np.isfinite(value):
        return failed(f"your answer is {value}, not a finite number.", _ACCURACY_HINT)

    def near(target: float, tol: float = 5e-4) -> bool:
        return abs(value - target) <= tol + 1e-12

    right = int(round(truth * n))
    if near(truth):
        return passed(
            f"the best one-to-one mapping gets {truth:.3f} of the {n} samples right "
            f"({right} of them)."
        )
    for target, message, hint in slips:
        if near(target):
            return failed(message.format(v=f"{value:.3f}"), hint)
    # Rounded to 2 decimals: the matched accuracy passes, a slip gets its own diagnosis, and a value
    # that rounds both ways asks for more decimals instead of guessing.
    rounded_slips = [  # a slip that gives the matched accuracy itself is no slip here
        (target, message, hint)
        for target, message, hint in slips
        if near(target, 5e-3) and abs(target - truth) > 5e-4
    ]
    if near(truth, 5e-3) and rounded_slips:
        return failed(
            f"{value:g} is the matched accuracy rounded, but also a common slip rounded: two decimals "
            "cannot tell them apart.",
            "Give 3 decimals or more (or no rounding at all).",
        )
    if near(truth, 5e-3):
        return passed(
            f"{value:g} is the matched accuracy rounded ({truth:.4f} unrounded): the best one-to-one "
            f"mapping gets {right} of the {n} samples right."
        )
    if rounded_slips:
        target, message, hint = rounded_slips[0]
        return failed(message.format(v=f"{value:g} ({target:.3f} rounded)"), hint)
    if near(truth, 5e-2) and np.isclose(value, round(value, 1)):
        return failed(
            f"{value:g} is close, but one decimal is too coarse to tell it from nearby answers.",
            "Give 2 decimals or more (or no rounding at all).",
        )
    if abs(value - truth * n) <= 0.5:
        return failed(
            f"{value:g} is the number of samples the mapping gets right, not a share.",
            f"Divide by the number of samples ({n}).",
        )
    n_rows = table.shape[0]
    if abs(value - truth * n / n_rows) <= 0.05:
        return failed(
            f"{value:g} is the number right divided by the number of clusters ({n_rows}).",
            f"Divide by the number of images ({n}): table.sum(), not len(table).",
        )
    if abs(value - 100 * truth) <= 0.5:
        return failed(
            "that is a percentage.",
            "Give the accuracy as a fraction between 0 and 1 (divide by 100).",
        )
    if abs(value - np.trace(table)) <= 0.5:
        return failed(
            f"{value:g} is the diagonal of the table (np.trace), as a count: it names cluster k "
            "after digit k, but cluster numbers are arbitrary.",
            "Match first with linear_sum_assignment(table, maximize=True), sum table[rows, cols], "
            "and divide by the number of images.",
        )
    if not 0 <= value <= 1:
        return failed(f"an accuracy lies between 0 and 1; got {value:g}.", _ACCURACY_HINT)
    return failed(f"{value:.3f} is not the matched accuracy of these clusters.", _ACCURACY_HINT)
