"""The browser shared by the browser tests (tests/test_browser.py, tests/test_slides.py).

One Chromium for the whole session: Playwright's sync API allows one running instance per thread, so two
modules that each started their own would collide. Locally the browser tests skip, with the reason, when
Playwright or Chromium is missing; with CI=true that is a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

# Debian's chromium, headless, on a machine with no network but loopback: no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason}. CI=true is set, so the browser test must run.", pytrace=False)
    pytest.skip(f"{reason} (the browser test runs in CI, where a missing browser is a failure)")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable(
            "Playwright is not installed: pip install -r requirements-browser.txt (pins playwright)"
        )
    executable = chromium_path()
    if executable is None:
        unavailable("Chromium is not installed: apt-get install -y chromium (Debian/Ubuntu)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
