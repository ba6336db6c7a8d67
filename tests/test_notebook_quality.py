"""Notebook quality gate: what a reader sees first, what git stores, and how long a quick run takes.

Every notebook (and fixture) must
- open with a markdown cell: a '# ' title, what it reproduces, and the time of a quick and of a
  full run ("quick ... 5 min", "full ... 3 h", in prose or a small table);
- be committed without outputs or execution counts, with the relnet-java kernelspec and no
  volatile metadata (Python/Java versions, timings, widget state);
- run in quick mode within the time it states (measured by test_notebooks_execute.py in the same
  pytest session, allowing TOLERANCE for a loaded 2-core CI machine);
and all quick runs together must fit the CI budget.
"""
import json
import os
import re

import nbformat
import pytest

from conftest import ROOT, TIMINGS, all_notebooks, nb_id

KERNELSPEC = {"name": "relnet-java", "display_name": "Java (RelNet)", "language": "java"}
# language_info keys that do not change between machines; "version" does, so it must not be stored.
STABLE_LANGUAGE_INFO = {"name", "codemirror_mode", "file_extension", "mimetype", "pygments_lexer"}
VOLATILE_CELL_METADATA = {"execution", "ExecuteTime", "scrolled", "collapsed", "jupyter"}
TOLERANCE = float(os.environ.get("RELNET_TIME_TOLERANCE", "1.5"))
STARTUP_ALLOWANCE_S = 60          # kernel start and DL4J's first use, not counted in a notebook's own estimate
CI_BUDGET_QUICK_S = 25 * 60       # all quick runs together: CI runs each once headless (the browser pass opens only 01, 02), plus build and tests, in 45 min

_UNIT_S = {"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "min": 60, "mins": 60, "minute": 60,
           "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600}
_DURATION = r"(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*(hours?|hrs?|h|minutes?|mins?|min|seconds?|secs?|sec|s)\b"


def stated_seconds(title: str, mode: str):
    """The time a title cell states for 'quick' or 'full' mode, in seconds (upper end of a range)."""
    m = re.search(rf"(?i)\b{mode}\b[^\n]*?{_DURATION}", title)
    if not m:
        return None
    value = float(m.group(2) or m.group(1))
    return value * _UNIT_S[m.group(3).lower()]


def title_cell(nb):
    return "".join(nb.cells[0].source) if nb.cells and nb.cells[0].cell_type == "markdown" else None


NOTEBOOKS = all_notebooks()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=nb_id)
def test_starts_with_title_what_it_reproduces_and_how_long(path):
    nb = nbformat.read(path, as_version=4)
    title = title_cell(nb)
    assert title is not None, "the first cell must be markdown: title, what it reproduces, quick/full times"
    assert re.match(r"#\s+\S", title.lstrip()), "the first cell must start with a '# ' title"
    assert re.search(r"(?i)reproduc", title), "the first cell must say what the notebook reproduces"
    assert stated_seconds(title, "quick") is not None, "the first cell must state how long quick mode takes (e.g. 'quick: 5 min')"
    assert stated_seconds(title, "full") is not None, "the first cell must state how long full mode takes (e.g. 'full: 3 h')"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=nb_id)
def test_committed_clean_with_stable_metadata(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec") == KERNELSPEC
    info = nb.metadata.get("language_info", {})
    assert info.get("name") == "java"
    assert set(info) <= STABLE_LANGUAGE_INFO, f"volatile language_info keys: {sorted(set(info) - STABLE_LANGUAGE_INFO)}"
    assert set(nb.metadata) <= {"kernelspec", "language_info"}, f"extra notebook metadata: {sorted(set(nb.metadata) - {'kernelspec', 'language_info'})}"
    ids = [c.get("id") for c in nb.cells]
    assert len(set(ids)) == len(ids), "cell ids must be unique"
    for i, cell in enumerate(nb.cells):
        assert not (set(cell.metadata) & VOLATILE_CELL_METADATA), f"cell {i} has volatile metadata {sorted(set(cell.metadata) & VOLATILE_CELL_METADATA)}"
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has outputs: commit notebooks without outputs"
            assert cell.execution_count is None, f"cell {i} has an execution count"


def test_quick_runs_fit_the_ci_budget():
    stated = {nb_id(p): stated_seconds(title_cell(nbformat.read(p, as_version=4)) or "", "quick") or 0 for p in NOTEBOOKS}
    total = sum(stated.values())
    assert total <= CI_BUDGET_QUICK_S, f"quick runs together state {total / 60:.0f} min, over the CI budget of {CI_BUDGET_QUICK_S / 60:.0f} min: {stated}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=nb_id)
def test_quick_run_within_stated_time(path):
    timings = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
    measured = timings.get(nb_id(path))
    if measured is None:
        pytest.skip("no timing recorded: run tests/test_notebooks_execute.py first in the same pytest command")
    if measured["full"]:
        pytest.skip("timed in full mode")
    stated = stated_seconds(title_cell(nbformat.read(path, as_version=4)) or "", "quick")
    assert stated is not None
    limit = stated * TOLERANCE + STARTUP_ALLOWANCE_S
    assert measured["seconds"] <= limit, (
        f"quick run took {measured['seconds']:.0f} s; the notebook states {stated:.0f} s "
        f"(limit {limit:.0f} s with tolerance {TOLERANCE}): shrink quick mode or correct the stated time")


@pytest.mark.parametrize("text,mode,seconds", [
    ("| quick | about 1 min |", "quick", 60),
    ("Quick mode: 3-5 minutes; full mode: 2 h", "quick", 300),
    ("Quick mode: 3-5 minutes; full mode: 2 h", "full", 7200),
    ("full (`RELNET_FULL=1`): ~40 s", "full", 40),
    ("no times here", "quick", None),
])
def test_stated_time_parsing(text, mode, seconds):
    assert stated_seconds(text, mode) == seconds


def test_gate_rejects_a_notebook_that_breaks_the_rules(tmp_path):
    """The checks above can fail: a notebook with outputs, a foreign kernel and no title is caught."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output
    nb = new_notebook(metadata={"kernelspec": {"name": "java", "display_name": "Java", "language": "java"},
                                "language_info": {"name": "java", "version": "17.0.15"}})
    cell = new_code_cell("1 + 1", execution_count=1)
    cell.outputs = [new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
    nb.cells = [cell]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(AssertionError, match="first cell must be markdown"):
        test_starts_with_title_what_it_reproduces_and_how_long(path)
    with pytest.raises(AssertionError):
        test_committed_clean_with_stable_metadata(path)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "java"}
    nbformat.write(nb, path)
    with pytest.raises(AssertionError, match="has outputs"):
        test_committed_clean_with_stable_metadata(path)
