"""fig_code.kmeans (lloyd, kmeans_steps) and fig_code.datasets, checked against scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
import sklearn
from sklearn.cluster import KMeans, kmeans_plusplus
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits

from fig_code import DATASETS, Step, kmeans_steps, lloyd, make_dataset


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    # scikit-learn's OpenMP threads only slow these small fits down on a busy machine
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def digits() -> np.ndarray:
    return load_digits().data


def _sklearn(X, init, max_iter=300):
    km = KMeans(
        n_clusters=len(init), init=init, n_init=1, tol=0, algorithm="lloyd", max_iter=max_iter
    )
    return km.fit(X)


def _assert_same_as_sklearn(X, init, max_iter=300):
    centers, labels, inertia, n_iter = lloyd(X, init, max_iter=max_iter)
    km = _sklearn(X, init, max_iter)
    np.testing.assert_array_equal(labels, km.labels_)
    np.testing.assert_allclose(centers, km.cluster_centers_, rtol=0, atol=1e-8)
    assert inertia == pytest.approx(km.inertia_, rel=1e-10)
    assert n_iter == km.n_iter_


# --- lloyd against scikit-learn ------------------------------------------------------------------
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("k", [1, 3, 6])
def test_lloyd_matches_sklearn_2d(name, k):
    X, _ = make_dataset(name, n_samples=400, random_state=3)
    for seed in range(3):
        init, _ = kmeans_plusplus(X, k, random_state=seed)
        _assert_same_as_sklearn(X, init)
        init = X[np.random.RandomState(seed).permutation(len(X))[:k]]
        _assert_same_as_sklearn(X, init)


@pytest.mark.parametrize("k", [5, 10, 20])
def test_lloyd_matches_sklearn_64_dimensional_digits(digits, k):
    for seed in range(2):
        init, _ = kmeans_plusplus(digits, k, random_state=seed)
        _assert_same_as_sklearn(digits, init)
    # random data points as centres, nudged so that integer pixels give no exact distance ties
    rng = np.random.RandomState(7)
    init = digits[rng.permutation(len(digits))[:k]] + rng.normal(scale=1e-3, size=(k, 64))
    _assert_same_as_sklearn(digits, init)


def test_lloyd_matches_sklearn_when_max_iter_stops_it(digits):
    init, _ = kmeans_plusplus(digits, 10, random_state=0)
    for max_iter in (1, 2, 5):
        _assert_same_as_sklearn(digits, init, max_iter=max_iter)
        assert lloyd(digits, init, max_iter=max_iter)[3] == max_iter


def test_lloyd_matches_sklearn_with_empty_clusters():
    # two centres far beyond the data: nobody is assigned to them in the first E-step
    X, _ = make_dataset("blobs", n_samples=200, random_state=1)
    init = np.vstack([X[:2], [[100.0, 100.0], [-100.0, 90.0]]])
    _assert_same_as_sklearn(X, init)
    centers = lloyd(X, init)[0]
    assert np.abs(centers).max() < np.abs(X).max()  # the far centres were relocated


def test_lloyd_does_not_modify_init_and_matches_sklearn_with_max_iter():
    X, _ = make_dataset("anisotropic", random_state=2)
    init = X[:3].copy()
    kept = init.copy()
    centers, labels, inertia, n_iter = lloyd(X, init, max_iter=50)
    km = _sklearn(X, init, max_iter=50)
    np.testing.assert_array_equal(labels, km.labels_)
    np.testing.assert_allclose(centers, km.cluster_centers_, rtol=0, atol=1e-8)
    assert inertia == pytest.approx(km.inertia_, rel=1e-10)
    assert n_iter == km.n_iter_
    np.testing.assert_array_equal(init, kept)


def test_lloyd_simple_example():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
    centers, labels, inertia, n_iter = lloyd(X, X[[0, 1]])
    assert labels.tolist() == [0, 0, 1, 1]
    np.testing.assert_allclose(centers, [[0.0, 0.5], [5.0, 5.5]])
    assert inertia == pytest.approx(1.0)
    assert n_iter == 3


def test_lloyd_one_cluster_is_the_mean():
    X, _ = make_dataset("two moons", random_state=0)
    centers, labels, inertia, _ = lloyd(X, X[:1])
    np.testing.assert_allclose(centers[0], X.mean(axis=0))
    assert (labels == 0).all()
    assert inertia == pytest.approx(((X - X.mean(axis=0)) ** 2).sum())


# --- lloyd: bad input -----------------------------------------------------------------------------
X4 = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])


@pytest.mark.parametrize(
    ("X", "init", "kwargs", "match"),
    [
        (np.arange(4.0), X4[:2], {}, "2-D"),
        (np.zeros((2, 2, 2)), X4[:2], {}, "2-D"),
        ([["a", "b"]], X4[:1], {}, "numeric"),
        (np.array([[0.0, np.nan], [1.0, 1.0]]), X4[:1], {}, "NaN or infinite"),
        (np.array([[0.0, np.inf], [1.0, 1.0]]), X4[:1], {}, "NaN or infinite"),
        (X4, np.zeros((2, 3)), {}, r"shape \(n_clusters, n_features\)"),
        (X4, np.zeros(2), {}, r"shape \(n_clusters, n_features\)"),
        (X4, np.zeros((0, 2)), {}, "between 1 and"),
        (X4, np.zeros((5, 2)), {}, "between 1 and"),
        (X4, np.array([[0.0, np.nan]]), {}, "init contains NaN"),
        (X4, "k-means++", {}, "as an array"),
        (X4, [["x", "y"]], {}, "array of initial centres"),
        (X4, X4[:2], {"max_iter": 0}, "max_iter must be at least 1"),
        (X4, X4[:2], {"max_iter": 2.5}, "max_iter must be an integer"),
    ],
)
def test_lloyd_bad_input(X, init, kwargs, match):
    with pytest.raises(ValueError, match=match):
        lloyd(X, init, **kwargs)


# --- kmeans_steps -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_steps_structure_and_inertia_never_increases(name, init):
    X, _ = make_dataset(name, random_state=1)
    for seed in range(3):
        steps = kmeans_steps(X, 4, init=init, random_state=seed)
        assert all(isinstance(s, Step) for s in steps)
        assert steps[0].phase == "init"
        assert steps[0].labels is None and steps[0].inertia is None
        assert [s.phase for s in steps[1:]] == ["assign", "update"] * (len(steps) // 2 - 1) + [
            "assign"
        ]
        assert steps[-1].converged and not any(s.converged for s in steps[:-1])
        inertias = [s.inertia for s in steps[1:]]
        assert all(b <= a * (1 + 1e-12) for a, b in zip(inertias, inertias[1:], strict=False))
        for s in steps[1:]:
            assert s.labels.shape == (len(X),)
            assert s.centers.shape == (4, 2)
            assert s.inertia == pytest.approx(((X - s.centers[s.labels]) ** 2).sum())
        # an assign step keeps the centres, an update step keeps (non-empty clusters') labels
        for a, b in zip(steps, steps[1:], strict=False):
            if b.phase == "assign":
                np.testing.assert_array_equal(a.centers, b.centers)
            elif b.phase == "update":
                _assert_update_keeps_labels(X, a, b)


def _assert_update_keeps_labels(X, assign, update):
    """An update step keeps every label, except that a point handed to a cluster the assign step
    left empty now carries that cluster's label; each centre is the mean of its points."""
    k = len(assign.centers)
    empty = np.flatnonzero(np.bincount(assign.labels, minlength=k) == 0)
    moved = update.labels != assign.labels
    assert np.isin(update.labels[moved], empty).all()
    assert moved.sum() <= empty.size
    if empty.size == 0:
        np.testing.assert_array_equal(update.labels, assign.labels)
    for j in np.unique(update.labels):
        np.testing.assert_allclose(
            update.centers[j], X[update.labels == j].mean(axis=0), rtol=0, atol=1e-12
        )


def test_update_step_keeps_labels_and_moves_centres_to_the_means():
    X = np.array([[0.0, 0.0], [0.0, 2.0], [4.0, 0.0], [4.0, 2.0], [10.0, 10.0]])
    steps = kmeans_steps(X, 2, init=X[[0, 2]])
    assign, update = steps[1], steps[2]
    assert (assign.phase, update.phase) == ("assign", "update")
    assert assign.labels.tolist() == [0, 0, 1, 1, 1]
    np.testing.assert_array_equal(update.labels, assign.labels)
    np.testing.assert_allclose(update.centers, [[0.0, 1.0], [6.0, 4.0]])
    _assert_update_keeps_labels(X, assign, update)


def test_update_step_with_an_empty_cluster_moves_only_the_reseeded_point():
    X, _ = make_dataset("blobs", n_samples=120, random_state=0)
    steps = kmeans_steps(X, 3, init=np.vstack([X[:2], [[50.0, 50.0]]]))
    assign, update = steps[1], steps[2]
    assert np.bincount(assign.labels, minlength=3)[2] == 0
    assert (update.labels != assign.labels).sum() == 1
    _assert_update_keeps_labels(X, assign, update)


@pytest.mark.parametrize("name", DATASETS)
def test_steps_end_where_lloyd_ends(name):
    X, _ = make_dataset(name, random_state=5)
    steps = kmeans_steps(X, 5, init="random", random_state=3)
    centers, labels, inertia, n_iter = lloyd(X, steps[0].centers)
    np.testing.assert_array_equal(steps[-1].labels, labels)
    np.testing.assert_array_equal(steps[-1].centers, centers)
    assert steps[-1].inertia == pytest.approx(inertia, rel=1e-12)
    assert steps[-1].iteration == n_iter
    assert len(steps) == 2 * n_iter


def test_steps_named_inits_start_where_sklearn_starts():
    X, _ = make_dataset("blobs", random_state=0)
    for init in ("k-means++", "random"):
        steps = kmeans_steps(X, 4, init=init, random_state=42)
        km = KMeans(4, init=init, n_init=1, random_state=42, tol=0, algorithm="lloyd").fit(X)
        np.testing.assert_array_equal(steps[-1].labels, km.labels_)
        np.testing.assert_allclose(steps[-1].centers, km.cluster_centers_, atol=1e-8)


@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_steps_accept_a_random_state_and_draw_as_its_seed_does(init):
    X, _ = make_dataset("blobs", random_state=0)
    seeded = kmeans_steps(X, 4, init=init, random_state=42)
    rng = np.random.RandomState(42)
    drawn = kmeans_steps(X, 4, init=init, random_state=rng)
    assert len(drawn) == len(seeded)
    for a, b in zip(seeded, drawn, strict=True):
        np.testing.assert_array_equal(a.centers, b.centers)
    # the RandomState was drawn from, so a second run starts elsewhere
    again = kmeans_steps(X, 4, init=init, random_state=rng)
    assert not np.array_equal(again[0].centers, seeded[0].centers)
    # and the seed's draws are scikit-learn's: the same start as KMeans(random_state=42)
    km = KMeans(4, init=init, n_init=1, random_state=42, tol=0, algorithm="lloyd").fit(X)
    np.testing.assert_array_equal(drawn[-1].labels, km.labels_)


def test_random_init_draws_as_numpy_does_for_a_seed():
    X, _ = make_dataset("uneven sizes", random_state=0)
    n = len(X)
    for seed in (0, 7, 2**32 - 1, np.int64(3)):
        rng = np.random.RandomState(seed)
        idx = rng.choice(n, size=5, replace=False, p=np.full(n, 1.0 / n))
        c0 = kmeans_steps(X, 5, init="random", random_state=seed)[0].centers
        np.testing.assert_array_equal(c0, X[idx])


def test_random_state_none_gives_distinct_data_points():
    X, _ = make_dataset("blobs", random_state=0)
    c0 = kmeans_steps(X, 4, init="random", random_state=None)[0].centers
    rows = {tuple(r) for r in c0}
    assert len(rows) == 4 and rows <= {tuple(r) for r in X}


def test_random_init_picks_distinct_data_points():
    X, _ = make_dataset("uneven sizes", random_state=0)
    for seed in range(5):
        c0 = kmeans_steps(X, 8, init="random", random_state=seed)[0].centers
        rows = {tuple(r) for r in c0}
        assert len(rows) == 8
        assert rows <= {tuple(r) for r in X}
    a = kmeans_steps(X, 3, init="random", random_state=1)[0].centers
    b = kmeans_steps(X, 3, init="random", random_state=1)[0].centers
    c = kmeans_steps(X, 3, init="random", random_state=2)[0].centers
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_steps_with_array_init_and_max_iter():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0]])
    steps = kmeans_steps(X, 2, init=X[[0, 1]])
    assert [s.phase for s in steps] == ["init", "assign", "update", "assign", "update", "assign"]
    assert [s.iteration for s in steps] == [0, 1, 1, 2, 2, 3]
    short = kmeans_steps(X, 2, init=X[[0, 1]], max_iter=1)
    assert [s.phase for s in short] == ["init", "assign", "update", "assign"]
    assert not short[-1].converged
    np.testing.assert_array_equal(short[-1].labels, [0, 0, 1, 1])  # labels of the final centres


def test_steps_empty_cluster_is_relocated_without_warning(recwarn):
    X, _ = make_dataset("blobs", n_samples=120, random_state=0)
    init = np.vstack([X[:2], [[50.0, 50.0]]])
    steps = kmeans_steps(X, 3, init=init)
    first_assign, first_update = steps[1], steps[2]
    assert np.bincount(first_assign.labels, minlength=3)[2] == 0  # cluster 2 empty
    # the point farthest from its centre now forms cluster 2, alone, at its own position
    dist = ((X - first_assign.centers[first_assign.labels]) ** 2).sum(axis=1)
    far = int(dist.argmax())
    assert first_update.labels[far] == 2 and (first_update.labels == 2).sum() == 1
    np.testing.assert_array_equal(first_update.centers[2], X[far])
    assert first_update.inertia <= first_assign.inertia
    assert steps[-1].converged
    assert len(recwarn) == 0


def test_more_clusters_than_distinct_points_gives_no_warning(recwarn):
    X = np.array([[0.0, 0.0]] * 5 + [[1.0, 1.0]] * 5)
    steps = kmeans_steps(X, 3, init="k-means++", random_state=0)
    assert steps[-1].converged
    assert steps[-1].inertia == pytest.approx(0.0)
    centers, labels, inertia, _ = lloyd(X, steps[0].centers)
    assert inertia == pytest.approx(0.0)
    assert len(recwarn) == 0


@pytest.mark.skipif(
    tuple(int(p) for p in sklearn.__version__.split(".")[:2]) < (1, 9),
    reason="what scikit-learn does with a cluster it cannot re-seed changed across releases; "
    "notebook 02 describes the pinned release (1.9)",
)
def test_more_clusters_than_distinct_points_is_where_lloyd_and_sklearn_differ():
    """The documented exception: with no point left to re-seed an empty cluster, lloyd keeps its
    centre and scikit-learn 1.9 overwrites it (with the largest cluster's row) and warns."""
    X = np.array([[5.0, 0.0]] * 3 + [[0.0, 0.0], [0.0, 5.0]])  # 3 distinct points, k = 4
    for init in (
        [[5.0, 0.0], [0.0, 0.0], [0.0, 5.0], [9.0, 9.0]],  # largest cluster first
        [[9.0, 9.0], [5.0, 0.0], [0.0, 0.0], [0.0, 5.0]],  # largest cluster later
    ):
        init = np.array(init)
        empty = int(np.flatnonzero((init == 9.0).all(axis=1))[0])
        centers, labels, inertia, _ = lloyd(X, init)
        with pytest.warns(ConvergenceWarning, match="distinct clusters"):
            km = _sklearn(X, init)
        np.testing.assert_array_equal(labels, km.labels_)
        assert inertia == pytest.approx(km.inertia_, abs=1e-12)
        np.testing.assert_array_equal(centers[empty], [9.0, 9.0])  # lloyd: left where it was
        assert not np.allclose(km.cluster_centers_[empty], [9.0, 9.0])  # scikit-learn: moved
        # ... onto the largest cluster's centre when that cluster comes first (notebook 02 says so);
        # otherwise onto that cluster's row before it is divided by its size: not a centre at all
        on_largest = np.allclose(km.cluster_centers_[empty], [5.0, 0.0], atol=1e-12)
        assert on_largest == (empty > 0)
        others = np.delete(np.arange(4), empty)
        np.testing.assert_allclose(centers[others], km.cluster_centers_[others], atol=1e-12)


def test_near_ties_are_where_lloyd_and_sklearn_may_differ():
    """The other documented exception: a point (almost) exactly as far from two centres. lloyd sums
    (x - c)**2; scikit-learn centres X and ranks centres by ||c||**2 - 2 x.c, so rounding can
    send such a point either way. Every disagreement must be such a (near-)tie, and among many
    midpoints some do disagree."""
    rng = np.random.default_rng(1)
    n_differ = 0
    for _ in range(150):
        p, q = np.round(rng.uniform(-10, 10, size=(2, 2)), 1)
        X = np.array([p, q, (p + q) / 2])  # the third point halfway between the two centres
        labels = lloyd(X, X[:2])[1]
        km = _sklearn(X, X[:2])
        if not np.array_equal(labels, km.labels_):
            n_differ += 1
            np.testing.assert_array_equal(labels[:2], km.labels_[:2])  # only the midpoint differs
            sq_dist = ((X[2] - X[:2]) ** 2).sum(axis=1)
            assert abs(sq_dist[0] - sq_dist[1]) <= 1e-12 * sq_dist.max()  # a tie up to rounding
    assert n_differ > 0


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((np.arange(5.0), 2), {}, "2-D"),
        ((np.array([[0.0, np.nan], [1.0, 2.0]]), 1), {}, "NaN or infinite"),
        ((X4, 0), {}, "between 1 and the number of samples"),
        ((X4, 5), {}, "between 1 and the number of samples"),
        ((X4, 2.0), {}, "n_clusters must be an integer"),
        ((X4, 2), {"init": "kmeans++"}, r"init must be 'k-means\+\+', 'random' or an array"),
        ((X4, 2), {"init": np.zeros((3, 2))}, "init has 3 centre"),
        ((X4, 2), {"init": np.zeros((2, 3))}, r"shape \(n_clusters, n_features\) = \(2, 2\)"),
        ((X4, 2), {"init": np.full((2, 2), np.inf)}, "init contains NaN"),
        ((X4, 2), {"random_state": -1}, "random_state must be None"),
        ((X4, 2), {"random_state": "seed"}, "random_state must be None"),
        ((X4, 2), {"random_state": True}, "random_state must be None"),
        ((X4, 2), {"random_state": 2**32}, "random_state must be None"),
        ((X4, 2), {"random_state": 1.5}, "random_state must be None"),
        ((X4, 2), {"init": X4[:2], "random_state": "seed"}, "random_state must be None"),
        ((X4, 2), {"max_iter": 0}, "max_iter must be at least 1"),
    ],
)
def test_steps_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        kmeans_steps(*args, **kwargs)


# --- datasets -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", DATASETS)
def test_make_dataset_shapes_and_seed(name):
    X, y = make_dataset(name, n_samples=150, random_state=4)
    assert X.shape == (150, 2) and y.shape == (150,)
    assert np.isfinite(X).all()
    X2, _ = make_dataset(name, n_samples=150, random_state=4)
    X3, _ = make_dataset(name, n_samples=150, random_state=5)
    np.testing.assert_array_equal(X, X2)
    assert not np.array_equal(X, X3)


def test_make_dataset_groups():
    assert len(np.unique(make_dataset("blobs")[1])) == 4
    assert len(np.unique(make_dataset("two moons")[1])) == 2
    X, y = make_dataset("uneven sizes", n_samples=400)
    sizes = np.bincount(y)
    assert sizes.max() >= 6 * sizes.min()
    # as the docstring says: the biggest cluster is also the widest
    spread = [X[y == j].std(axis=0).mean() for j in range(3)]
    assert np.argmax(spread) == np.argmax(sizes)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (("circles",), {}, "name must be one of"),
        (("blobs",), {"n_samples": 5}, "n_samples must be at least 10"),
        (("blobs",), {"n_samples": 100.0}, "n_samples must be an integer"),
        (("blobs",), {"random_state": -3}, "random_state must be between"),
        (("blobs",), {"random_state": None}, "random_state must be an integer"),
    ],
)
def test_make_dataset_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_dataset(*args, **kwargs)


def test_the_step_through_functions_share_one_init_default():
    import inspect

    from fig_code import kmeans_steps, plot_kmeans_interactive, plot_kmeans_steps

    defaults = {
        f.__name__: inspect.signature(f).parameters["init"].default
        for f in (kmeans_steps, plot_kmeans_steps, plot_kmeans_interactive)
    }
    assert set(defaults.values()) == {"random"}, defaults
