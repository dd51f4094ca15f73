"""Shared pytest configuration.

Widget views are never compared by nbval: their model ids are random per run. nbval already leaves out
``application/vnd.jupyter.widget-view+json`` and PNG images; ``pytest_collection_modifyitems`` below
makes that explicit so a change in nbval's defaults cannot silently start comparing them. The widgets'
own ``text/plain`` is stable by design (fig_code._frames.FrameWidget) and IS compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
NOT_COMPARED = (
    "application/vnd.jupyter.widget-view+json",
    "application/vnd.jupyter.widget-state+json",
)


def pytest_collection_modifyitems(session, config, items):
    seen = set()
    for item in items:
        parent = getattr(item, "parent", None)
        if parent is None or id(parent) in seen or not hasattr(parent, "skip_compare"):
            continue
        seen.add(id(parent))
        parent.skip_compare = tuple(parent.skip_compare) + tuple(
            k for k in NOT_COMPARED if k not in parent.skip_compare
        )


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
