"""K-means (Lloyd's algorithm) written out in NumPy: the engine behind notebook 02 and its widget.

Two public functions:

- ``lloyd(X, init)`` runs the algorithm to convergence and returns what scikit-learn's ``KMeans``
  returns (centres, labels, inertia, number of iterations);
- ``kmeans_steps(X, n_clusters)`` records every half-step (initialise, assign, update, assign, ...)
  as a list of ``Step`` objects, for pictures and the step-through widget.

Both are built from the same small private functions, the two steps notebook 02's exercises have
the learner write, plus the handling of empty clusters:

- ``_assign(X, centers)``: the E-step (each point goes to its nearest centre);
- ``_update(X, labels, centers)``: the M-step (each centre moves to the mean of its points),
  with ``_reseed_empty`` handing a point to a cluster that got none;
- ``_lloyd(X, centers, max_iter)``: the loop that alternates them until the labels stop changing.

No plotting here: pure NumPy (scikit-learn only for the k-means++ seeding).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import check_init, check_int, check_n_clusters, check_points, check_random_state

__all__ = ["INIT_METHODS", "Step", "kmeans_steps", "lloyd"]

#: The names ``kmeans_steps`` accepts for ``init`` (besides an array of centres).
INIT_METHODS = ("k-means++", "random")


# --- the algorithm, as a learner reads it ---------------------------------------------------------
def _assign(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """E-step: the index of the nearest centre for every point, shape (n_samples,)."""
    # squared distance from every point (axis 0) to every centre (axis 1)
    sq_dist = ((X[:, np.newaxis, :] - centers[np.newaxis, :, :]) ** 2).sum(axis=2)
    return sq_dist.argmin(axis=1)


def _update(X: np.ndarray, labels: np.ndarray, centers: np.ndarray):
    """M-step: move each centre to the mean of its points. Returns (new_centers, labels)."""
    counts = np.bincount(labels, minlength=len(centers))  # points per cluster
    sums = np.zeros_like(centers)
    np.add.at(sums, labels, X)  # sum of the points of each cluster
    if (counts == 0).any():  # an empty cluster: give it a point (see _reseed_empty)
        sums, counts, labels = _reseed_empty(X, labels, centers, sums, counts)
    new_centers = centers.copy()  # a cluster still empty keeps its centre
    filled = counts > 0
    new_centers[filled] = sums[filled] / counts[filled, np.newaxis]
    return new_centers, labels


def _reseed_empty(X, labels, centers, sums, counts):
    """Give every empty cluster one point, as scikit-learn does. Returns new (sums, counts, labels).

    The mean of no points is undefined, so each empty cluster takes the point farthest from the
    centre it is currently assigned to (several empty clusters: the farthest points, handed out in
    scikit-learn's order). That point leaves its old cluster, so the returned labels differ from
    the input labels exactly there. If every point sits exactly on its centre there is nothing to
    gain: nothing changes and an empty centre stays where it was (scikit-learn overwrites it with
    the largest cluster's row instead; see :func:`lloyd`). The inputs are not modified.
    """
    empty = np.flatnonzero(counts == 0)
    dist = ((X - centers[labels]) ** 2).sum(axis=1)  # each point to its own centre
    if dist.max() == 0:
        return sums, counts, labels
    far = np.argpartition(dist, -empty.size)[: -empty.size - 1 : -1]  # farthest first
    sums, counts, labels = sums.copy(), counts.copy(), labels.copy()
    np.subtract.at(sums, labels[far], X[far])  # take them out of their old clusters
    np.subtract.at(counts, labels[far], 1)
    sums[empty], counts[empty], labels[far] = X[far], 1, empty  # each opens a cluster
    return sums, counts, labels


def _inertia(X: np.ndarray, centers: np.ndarray, labels: np.ndarray) -> float:
    """Sum of squared distances from each point to the centre of its cluster."""
    return float(((X - centers[labels]) ** 2).sum())


def _lloyd(X: np.ndarray, centers: np.ndarray, max_iter: int):
    """Lloyd's algorithm: alternate E- and M-steps until the labels stop changing."""
    labels = None  # nothing assigned yet
    for n_iter in range(1, max_iter + 1):
        new_labels = _assign(X, centers)  # E-step: every point to its nearest centre
        centers, _ = _update(X, new_labels, centers)  # M-step: every centre to its cluster's mean
        if np.array_equal(new_labels, labels):  # no point changed cluster: converged
            return centers, new_labels, _inertia(X, centers, new_labels), n_iter
        labels = new_labels
    labels = _assign(X, centers)  # max_iter reached: the labels of the final centres
    return centers, labels, _inertia(X, centers, labels), max_iter


# --- public API -------------------------------------------------------------------------------------
def lloyd(X, init, *, max_iter: int = 300) -> tuple[np.ndarray, np.ndarray, float, int]:
    """K-means by Lloyd's algorithm, from given initial centres.

    Repeats two steps: assign every point to its nearest centre (E-step), then move every centre to
    the mean of its points (M-step). It stops when an assignment gives exactly the same labels as
    the previous one (the centres then no longer move), or after ``max_iter`` iterations.

    This is the short vectorised code of notebook 02's two exercises, plus the handling of empty
    clusters (``fig_code.kmeans._lloyd``; this function only checks the arguments). From the same
    initial centres it gives the same result as ``KMeans(n_clusters=len(init), init=init, n_init=1,
    tol=0, algorithm="lloyd", max_iter=max_iter)`` (identical labels, centres equal to rounding
    error, about 1e-12, the same inertia and the same number of iterations), because it copies
    scikit-learn's choices:

    - With ``tol=0`` scikit-learn stops when the labels of one iteration equal those of the
      previous one (or when no centre moves at all, which needs an exact tie). The centres
      returned are those of that last M-step.
    - If ``max_iter`` is reached first, the labels are recomputed once for the final centres.
    - An empty cluster (a centre with no point) is re-seeded with the point farthest from the centre
      it is currently assigned to; that point leaves its old cluster. With several empty clusters
      the farthest points are handed out in scikit-learn's order.

    There are two exceptions, both corner cases:

    - **(Near-)ties**: a point (almost) exactly as far from two centres. The two codes compute
      distances differently, so rounding can pick either centre: this function sums
      ``(x - c)**2`` on the data as given (an exact tie goes to the lower centre index), while
      scikit-learn first centres the data (``X -= X_mean`` in ``KMeans.fit``) and ranks centres by
      ``||c||**2 - 2 x.c``, computed with a BLAS matrix product (``_update_chunk_dense`` in
      ``sklearn/cluster/_k_means_lloyd.pyx``). Two distances that differ by less than the
      rounding error can therefore be ordered differently. Exact ties are common with integer
      data and centres that are data points (e.g. ``load_digits`` with ``init="random"``), near
      ties rare once centres are means.
    - **More clusters than distinct points.** Then some cluster must end up empty while every point
      sits exactly on its centre, so there is no point to re-seed it with. Here that centre stays
      where it was. scikit-learn 1.9 skips the re-seeding too, but then overwrites the empty centre
      with the row of the largest cluster (``_average_centers`` in
      ``sklearn/cluster/_k_means_common.pyx``): a copy of that cluster's centre, or, when the
      largest cluster has the higher index, a copy of that row before it is divided by the
      cluster's size. It also warns ("Number of distinct clusters ... found smaller than
      n_clusters"). Labels and inertia still agree in this package's tests; the empty cluster's
      centre does not.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points; finite numbers.
    init : array-like of shape (n_clusters, n_features)
        The initial centres, one per row; ``1 <= n_clusters <= n_samples``. Not modified.
    max_iter : int, default=300
        Maximum number of iterations (each is one E-step and one M-step), at least 1.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
        Final centres.
    labels : ndarray of shape (n_samples,)
        Index of the nearest final centre for each point.
    inertia : float
        Sum of squared distances from each point to its centre.
    n_iter : int
        Number of iterations run.

    Raises
    ------
    ValueError
        If X is not a finite 2-D array, if ``init`` is not an array of shape (k, n_features) with
        1 <= k <= n_samples and finite entries, or if ``max_iter < 1``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
    >>> centers, labels, inertia, n_iter = lloyd(X, init=X[[0, 2]])
    >>> labels.tolist(), round(inertia, 2)
    ([0, 0, 1, 1], 1.0)
    """
    X = check_points(X)
    centers = check_init(init, X)
    max_iter = check_int(max_iter, name="max_iter", low=1)
    return _lloyd(X, centers, max_iter)


@dataclass(frozen=True, eq=False)
class Step:
    """One frame of K-means: the state after initialisation, an assignment or an update.

    Attributes
    ----------
    phase : {"init", "assign", "update"}
        What just happened: centres chosen; points assigned to their nearest centre (E-step);
        centres moved to the mean of their points (M-step).
    centers : ndarray of shape (n_clusters, n_features)
        The centres after this step.
    labels : ndarray of shape (n_samples,) or None
        The cluster of each point; None at the "init" step (nothing assigned yet).
    inertia : float or None
        Sum of squared distances from each point to the centre of its cluster (with these
        ``centers`` and ``labels``); None at the "init" step.
    iteration : int
        0 for "init"; the iteration (1, 2, ...) an "assign" or "update" step belongs to.
    converged : bool
        True only on the last step of a run that converged (an assignment that changed nothing).
    """

    phase: str
    centers: np.ndarray
    labels: np.ndarray | None
    inertia: float | None
    iteration: int
    converged: bool = False


def _initial_centers(X: np.ndarray, n_clusters: int, init, rng) -> np.ndarray:
    """The centres ``init`` names (drawn with ``rng``, a ``RandomState``) or gives as an array."""
    if isinstance(init, str):
        n = X.shape[0]
        if init == "random":
            # k distinct data points, drawn exactly as scikit-learn's init="random" draws them
            idx = rng.choice(n, size=n_clusters, replace=False, p=np.full(n, 1.0 / n))
            return X[idx].copy()
        from sklearn.cluster import kmeans_plusplus

        centers, _ = kmeans_plusplus(X, n_clusters, random_state=rng)
        return np.array(centers, dtype=float)
    return init


def kmeans_steps(
    X, n_clusters: int, *, init="random", random_state=None, max_iter: int = 100
) -> list[Step]:
    """Run K-means and record every half-step, for pictures and the step-through widget.

    The list starts with an ``"init"`` step (the initial centres, no labels yet), then alternates
    ``"assign"`` (E-step: every point joins its nearest centre) and ``"update"`` (M-step: every centre
    moves to the mean of its points). It ends with the first ``"assign"`` step that changes no label
    (that step has ``converged=True``), or, if ``max_iter`` iterations pass first, with one last
    ``"assign"`` step for the final centres (``converged=False``).

    It runs the same code as :func:`lloyd`, so from the same initial centres the last step has
    lloyd's centres, labels and inertia. The inertia never increases from one step to the next.

    Empty clusters: if no point is assigned to a centre, the "update" step re-seeds that cluster
    with the point farthest from the centre it is currently assigned to (as scikit-learn does).
    The point moves to the empty cluster, so in that "update" step its label already is the new
    cluster's, and the cluster's centre is exactly that point. No warning is ever raised. (If every
    point sits exactly on its centre, which happens only with more clusters than distinct points, an
    empty centre simply stays where it was; scikit-learn would overwrite it with the largest
    cluster's row, see :func:`lloyd`.)

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points; finite numbers.
    n_clusters : int
        Number of clusters k, ``1 <= k <= n_samples``.
    init : {"random", "k-means++"} or array-like of shape (n_clusters, n_features), default="random"
        "random": k distinct data points chosen at random; "k-means++": careful seeding
        (``sklearn.cluster.kmeans_plusplus``, scikit-learn's default); an array: these initial
        centres. With the same integer ``random_state``, both names give the centres
        ``KMeans(..., n_init=1, random_state=...)`` starts from. The default is "random", as in
        ``plot_kmeans_steps`` and ``plot_kmeans_interactive``: random starts show more steps, and
        the runs that get stuck.
    random_state : None, int or numpy.random.RandomState, default=None
        Seed for "k-means++" and "random"; give an int for reproducible steps. Checked by
        scikit-learn's ``check_random_state``: None uses NumPy's global random state, and a
        ``RandomState`` is drawn from (and advanced) as it is.
    max_iter : int, default=100
        Maximum number of iterations (assign + update), at least 1.

    Returns
    -------
    list of Step
        ``steps[0].phase == "init"``; each step has ``.phase``, ``.centers``, ``.labels``,
        ``.inertia``, ``.iteration`` and ``.converged``.

    Raises
    ------
    ValueError
        If X is not a finite 2-D array; if n_clusters is not an integer in 1..n_samples; if init is
        an unknown name or an array of the wrong shape (or with NaN); if random_state or max_iter is
        invalid.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
    >>> steps = kmeans_steps(X, 2, init=X[[0, 1]])
    >>> [s.phase for s in steps]
    ['init', 'assign', 'update', 'assign', 'update', 'assign']
    >>> steps[-1].converged, round(steps[-1].inertia, 2)
    (True, 1.0)
    """
    X = check_points(X)
    n_clusters = check_n_clusters(n_clusters, X.shape[0])
    max_iter = check_int(max_iter, name="max_iter", low=1)
    init = check_init(init, X, n_clusters=n_clusters, methods=INIT_METHODS)
    rng = check_random_state(random_state)
    centers = _initial_centers(X, n_clusters, init, rng)

    steps = [Step("init", centers, None, None, 0)]
    labels = None
    for iteration in range(1, max_iter + 1):
        new_labels = _assign(X, centers)
        converged = np.array_equal(new_labels, labels)  # False while labels is None
        steps.append(
            Step(
                "assign",
                centers,
                new_labels,
                _inertia(X, centers, new_labels),
                iteration,
                converged,
            )
        )
        if converged:
            return steps
        labels = new_labels
        centers, moved_labels = _update(X, labels, centers)
        steps.append(
            Step("update", centers, moved_labels, _inertia(X, centers, moved_labels), iteration)
        )
    labels = _assign(X, centers)  # max_iter reached: the labels of the final centres
    steps.append(Step("assign", centers, labels, _inertia(X, centers, labels), max_iter + 1))
    return steps
