"""Small 2-D data sets where K-means works, and where its assumptions break.

All are generated with scikit-learn (nothing is downloaded) and seeded, so a notebook shows the
same points every run.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_choice, check_int

__all__ = ["DATASETS", "make_dataset"]

#: The names ``make_dataset`` knows, in the order the widget's dropdown lists them.
DATASETS = ("blobs", "anisotropic", "unequal variance", "uneven sizes", "two moons")


def make_dataset(name: str, *, n_samples: int = 300, random_state: int = 0):
    """Generate one of the series' 2-D data sets.

    - ``"blobs"``: four round, well separated clusters of the same size: K-means' home ground;
    - ``"anisotropic"``: three blobs sheared by a linear map into long, tilted ellipses;
    - ``"unequal variance"``: three round clusters with very different spreads;
    - ``"uneven sizes"``: three round clusters holding about 75 %, 20 % and 5 % of the points, with
      standard deviations 1.3, 0.7 and 0.4 (size and spread go together: the biggest cluster is
      also the widest);
    - ``"two moons"``: two interleaved half circles (clusters that are not convex).

    Parameters
    ----------
    name : str
        One of ``DATASETS``.
    n_samples : int, default=300
        Total number of points, at least 10.
    random_state : int, default=0
        Seed (0 <= random_state < 2**32); the same seed gives the same points.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points.
    y : ndarray of shape (n_samples,)
        The true group of each point (0, 1, ...), for comparing with a clustering.

    Raises
    ------
    ValueError
        For an unknown name, ``n_samples < 10`` or a seed that is not an integer in range.

    Examples
    --------
    >>> X, y = make_dataset("two moons", n_samples=100)
    >>> X.shape, sorted(set(y.tolist()))
    ((100, 2), [0, 1])
    """
    name = check_choice(name, DATASETS, name="name")
    n_samples = check_int(n_samples, name="n_samples", low=10)
    random_state = check_int(random_state, name="random_state", low=0, high=2**32 - 1)
    # Imported here, not at module level: sklearn.datasets is slow to import, and `import fig_code`
    # should stay quick (tests/test_quantize.py checks that it does not import it).
    from sklearn.datasets import make_blobs, make_moons

    if name == "blobs":
        X, y = make_blobs(n_samples, centers=4, cluster_std=0.7, random_state=random_state)
    elif name == "anisotropic":
        X, y = make_blobs(n_samples, centers=3, cluster_std=0.8, random_state=random_state)
        X = X @ np.array([[0.7, -0.5], [-0.3, 0.9]])  # shear: round blobs become slanted ellipses
    elif name == "unequal variance":
        X, y = make_blobs(
            n_samples,
            centers=[[-4.0, 0.0], [0.0, 3.0], [3.0, -2.0]],
            cluster_std=[2.0, 0.4, 0.9],
            random_state=random_state,
        )
    elif name == "uneven sizes":
        small = max(n_samples // 20, 1)
        middle = n_samples // 5
        X, y = make_blobs(
            [n_samples - middle - small, middle, small],
            centers=[[-3.0, -1.0], [2.5, 2.5], [3.0, -3.0]],
            cluster_std=[1.3, 0.7, 0.4],
            random_state=random_state,
        )
    else:  # two moons
        X, y = make_moons(n_samples, noise=0.07, random_state=random_state)
    return X, y
