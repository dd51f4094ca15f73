"""A setup check for learners: are the libraries this series needs installed, and recent enough?"""

from __future__ import annotations

import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.version import Version

#: The distribution that ships fig_code; its declared dependency ranges are the single source of truth.
DISTRIBUTION = "kmeans-in-depth"
MIN_PYTHON = (3, 11)


def _requirements() -> list[Requirement] | None:
    """fig_code's declared dependencies, or None when fig_code was not installed with pip."""
    try:
        declared = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return None
    return [Requirement(r) for r in declared if "extra ==" not in r]


def check_environment(*, verbose: bool = True) -> bool:
    """Print one line per required library (installed version, required range, ok or not).

    The required ranges are those ``kmeans-in-depth`` declares (its installed metadata), so this
    says "PLEASE INSTALL" when fig_code was copied or put on ``sys.path`` rather than installed.

    Parameters
    ----------
    verbose : bool, default True
        Print the table and a one-line verdict; with False, only return the verdict.

    Returns
    -------
    bool
        True when Python is recent enough and every required library is installed in a suitable
        version.

    Examples
    --------
    >>> check_environment(verbose=False)
    True
    """
    lines = []
    ok_all = sys.version_info[:2] >= MIN_PYTHON
    py = f"{sys.version_info[0]}.{sys.version_info[1]}"
    need = ".".join(map(str, MIN_PYTHON))
    lines.append(f"{'python':<14}{py:<10}>={need:<12}{'ok' if ok_all else 'TOO OLD'}")
    requirements = _requirements()
    if requirements is None:
        # fig_code imported from a folder (copied, or on sys.path) rather than installed: its
        # dependency ranges are unknown, so say how to install it instead of crashing.
        ok_all = False
        lines.append(
            f"{DISTRIBUTION:<14}{'missing':<10}{'any':<14}PLEASE INSTALL (pip install -r requirements.txt)"
        )
        requirements = []
    for req in requirements:
        try:
            have = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            have, ok = "missing", False
        else:
            ok = req.specifier.contains(Version(have), prereleases=True)
        ok_all &= ok
        spec = (
            ",".join(sorted(map(str, req.specifier), key=lambda s: not s.startswith(">"))) or "any"
        )
        lines.append(
            f"{req.name:<14}{have:<10}{spec:<14}{'ok' if ok else 'PLEASE INSTALL OR UPGRADE'}"
        )
    if verbose:
        print(f"{'library':<14}{'version':<10}{'required':<14}status")
        print("\n".join(lines))
        if ok_all:
            print("Everything is in place: on to notebook 01.")
        else:
            print(
                "Something is missing: run the install command from the README, then restart the kernel."
            )
    return ok_all
