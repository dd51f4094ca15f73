"""Generate the navigation cells, the Colab install cell, the contents table and the README links.

Everything here is derived from ONE setting, the repository URL in pyproject.toml ([project.urls]
Repository), plus each notebook's title (its H1) and its ``metadata["kmeans_in_depth"]`` (``summary``,
``minutes``). Running it twice changes nothing the second time.

    python scripts/navigation.py           # rewrite what drifted
    python scripts/navigation.py --check   # exit 1 and list what drifted, change nothing
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebooks import ROOT, dumps, notebook_paths, read, repository_url  # noqa: E402

SKIP = {"slideshow": {"slide_type": "skip"}}


def title_of(nb) -> str:
    first = nb.cells[0].source if nb.cells else ""
    m = re.search(r"^# (.+)$", first, flags=re.M)
    if not m:
        raise SystemExit("every notebook must open with a markdown cell holding its H1 title")
    return m.group(1).strip()


def _gh_parts(url: str) -> str:
    m = re.match(r"https://github\.com/([^/]+/[^/]+)$", url)
    if not m:
        raise SystemExit(
            f"the repository URL must look like https://github.com/OWNER/NAME; got {url}"
        )
    return m.group(1)


def colab_link(url: str, name: str) -> str:
    return f"https://colab.research.google.com/github/{_gh_parts(url)}/blob/main/notebooks/{name}"


def binder_link(url: str, name: str = "00-Index.ipynb") -> str:
    return f"https://mybinder.org/v2/gh/{_gh_parts(url)}/HEAD?labpath={quote('notebooks/' + name, safe='')}"


def badges(url: str, name: str) -> str:
    return (
        f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_link(url, name)}) "
        f"[![Launch Binder](https://mybinder.org/badge_logo.svg)]({binder_link(url, name)})"
    )


def colab_source(url: str, extras: list[str] | None = None) -> str:
    """The Colab-only setup cell: install fig_code (with ``extras``) and enable third-party widgets.

    pip installs without ``--upgrade``, so nothing Colab preinstalls is upgraded (an upgraded ipywidgets
    would need a runtime restart); ``scripts/run_as_learner.py`` runs this very line against a Colab-shaped
    environment and checks that. Colab shows only its built-in widgets until its custom widget manager is
    enabled; the step-through widget's mouse events (ipyevents) need it.
    """
    name = "kmeans-in-depth" + (f"[{','.join(extras)}]" if extras else "")
    return (
        "# Runs only on Google Colab, which lacks this series' helper package: install it from the\n"
        "# repository and turn on Colab's support for third-party widgets. Everywhere else (JupyterLab,\n"
        "# Binder) it does nothing and prints nothing.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        "    import subprocess\n"
        "\n"
        "    from google.colab import output\n"
        "\n"
        f'    package = "{name} @ git+{url}"\n'
        '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", package], check=True)\n'
        "    output.enable_custom_widget_manager()"
    )


def _link(entry, prefix: str) -> str:
    name, title = entry
    return f"[{prefix}{title}]({name})"


def nav_line(entries, i: int) -> str:
    """previous | contents | next; the contents link is left out where "previous" already is it."""
    parts = []
    if i > 0:
        parts.append(_link(entries[i - 1], "← Previous: "))
    if i > 1:
        parts.append("[Contents](00-Index.ipynb)")
    if i + 1 < len(entries):
        parts.append(_link(entries[i + 1], "Next: ") + " →")
    return " | ".join(parts)


def header_source(entries, i: int, url: str) -> str:
    return nav_line(entries, i) + "\n\n" + badges(url, entries[i][0])


def footer_source(entries, i: int) -> str:
    return "---\n\n" + nav_line(entries, i)


def contents_rows(paths, nbs) -> list[tuple[str, str, str, int]]:
    rows = []
    for p, nb in zip(paths, nbs, strict=True):
        meta = nb.metadata.get("kmeans_in_depth", {})
        if p.name.startswith("00-"):
            continue
        if "summary" not in meta or "minutes" not in meta:
            raise SystemExit(f"{p.name}: metadata.kmeans_in_depth needs 'summary' and 'minutes'")
        rows.append((p.name, title_of(nb), meta["summary"], int(meta["minutes"])))
    return rows


def contents_table(rows, link_prefix: str) -> str:
    lines = ["| # | Notebook | What you will learn | Time |", "|---|---|---|---|"]
    for name, title, summary, minutes in rows:
        lines.append(f"| {name[:2]} | [{title}]({link_prefix}{name}) | {summary} | {minutes} min |")
    total = sum(r[3] for r in rows)
    lines.append(f"| | **Total** | | **{total} min** |")
    return "\n".join(lines)


def _put(nb, index: int, cell_id: str, source: str, kind: str = "markdown") -> None:
    """Make the cell with id ``cell_id`` hold ``source``, inserting it at ``index`` if it is missing."""
    for cell in nb.cells:
        if cell.get("id") == cell_id:
            cell.source = source
            cell.metadata = dict(SKIP)
            if kind == "code":
                cell.setdefault("outputs", [])
            return
    if kind == "code":
        cell = nbformat.v4.new_code_cell(source, id=cell_id, metadata=dict(SKIP))
    else:
        cell = nbformat.v4.new_markdown_cell(source, id=cell_id, metadata=dict(SKIP))
    nb.cells.insert(index if index >= 0 else len(nb.cells), cell)


def _replace_block(text: str, start: str, end: str, body: str, where: str) -> str:
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), flags=re.S)
    if not pattern.search(text):
        raise SystemExit(f"{where}: missing the markers {start} ... {end}")
    return pattern.sub(lambda _m: f"{start}\n{body}\n{end}", text)


def update(root: Path = ROOT, *, write: bool = True) -> list[str]:
    """Bring every generated part up to date; return the files that were (or would be) changed."""
    url = repository_url(root)
    paths = notebook_paths(root)
    nbs = [read(p) for p in paths]
    entries = [(p.name, title_of(nb)) for p, nb in zip(paths, nbs, strict=True)]
    rows = contents_rows(paths, nbs)
    changed = []
    for i, (p, nb) in enumerate(zip(paths, nbs, strict=True)):
        _put(nb, 1, "nav-header", header_source(entries, i, url))
        extras = nb.metadata.get("kmeans_in_depth", {}).get("extras")
        _put(nb, 2, "colab-setup", colab_source(url, extras), kind="code")
        _put(nb, -1, "nav-footer", footer_source(entries, i))
        if i == 0:
            _put(nb, 3, "contents", "## Contents\n\n" + contents_table(rows, ""))
        text = dumps(nb)
        if p.read_text(encoding="utf-8") != text:
            changed.append(str(p.relative_to(root)))
            if write:
                p.write_text(text, encoding="utf-8")

    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = _replace_block(
        text,
        "<!-- contents:start -->",
        "<!-- contents:end -->",
        contents_table(rows, "notebooks/"),
        "README.md",
    )
    new = _replace_block(
        new,
        "<!-- launch:start -->",
        "<!-- launch:end -->",
        badges(url, "00-Index.ipynb"),
        "README.md",
    )
    if new != text:
        changed.append("README.md")
        if write:
            readme.write_text(new, encoding="utf-8")
    return changed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--check", action="store_true", help="report drift, change nothing")
    args = ap.parse_args(argv)
    changed = update(write=not args.check)
    verb = "out of date" if args.check else "updated"
    for name in changed:
        print(f"{verb}: {name}")
    if not changed:
        print("navigation, contents and links are current")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
