"""Runs notebooks headless through the installed RelNet kernel and keeps what they produced.

Shared by environment/run-notebooks.sh (the main job) and tests/test_notebooks_execute.py, so the
README's command and CI execute notebooks the same way.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
KERNEL_NAME = "relnet-java"


def full_mode() -> bool:
    return os.environ.get("RELNET_FULL", "") not in ("", "0", "false")


def find_notebooks(folder: Path = ROOT / "notebooks") -> list[Path]:
    """Every notebook under folder, in a stable order, skipping Jupyter's checkpoint copies."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@dataclass
class CellError:
    cell: int          # index in the notebook, 0-based
    ename: str
    evalue: str

    def __str__(self) -> str:
        return f"cell {self.cell}: {self.ename}: {self.evalue}"


@dataclass
class Result:
    notebook: Path
    seconds: float
    executed: Path | None = None
    html: Path | None = None
    errors: list[CellError] = field(default_factory=list)
    failure: str | None = None   # why execution stopped (timeout, dead kernel), if it did

    @property
    def ok(self) -> bool:
        return not self.errors and self.failure is None


def error_outputs(nb) -> list[CellError]:
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(CellError(i, out.get("ename", "?"), out.get("evalue", "")))
    return found


def cell_timeout() -> int | None:
    """Seconds one cell may take: generous in quick mode (catches a hang), none in full mode."""
    if "RELNET_CELL_TIMEOUT" in os.environ:
        t = int(os.environ["RELNET_CELL_TIMEOUT"])
        return None if t <= 0 else t
    return None if full_mode() else 1800


def execute(notebook: Path, out_dir: Path, kernel_name: str = KERNEL_NAME, html: bool = True) -> Result:
    """Executes a notebook top to bottom in its own folder; writes the executed copy (and an HTML
    copy) under out_dir even when a cell fails, so the failure can be inspected."""
    notebook = notebook.resolve()
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=cell_timeout(),
        startup_timeout=180,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    failure = None
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError:
        pass  # the error output is in the notebook; reported via error_outputs
    except CellTimeoutError as e:
        failure = f"cell timed out after {cell_timeout()} s: {str(e).splitlines()[0]}"
    except DeadKernelError as e:
        failure = f"kernel died: {e}"
    seconds = time.monotonic() - start

    name = notebook.stem
    executed = out_dir / "notebooks" / f"{name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, executed)
    result = Result(notebook, seconds, executed=executed, errors=error_outputs(nb), failure=failure)
    if html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        result.html = out_dir / "html" / f"{name}.html"
        result.html.parent.mkdir(parents=True, exist_ok=True)
        result.html.write_text(body, encoding="utf-8")
    return result


def record_timing(timings_file: Path, result: Result) -> None:
    """Adds one notebook's wall time to a JSON file the quality gate reads."""
    data = json.loads(timings_file.read_text()) if timings_file.is_file() else {}
    data[str(result.notebook.relative_to(ROOT)) if result.notebook.is_relative_to(ROOT) else str(result.notebook)] = {
        "seconds": round(result.seconds, 1),
        "full": full_mode(),
        "ok": result.ok,
    }
    timings_file.parent.mkdir(parents=True, exist_ok=True)
    timings_file.write_text(json.dumps(data, indent=2, sort_keys=True))


def table(results: list[Result]) -> str:
    """Per-notebook timing as a plain text table."""
    rows = [("notebook", "status", "seconds", "executed copy")]
    for r in results:
        status = "ok" if r.ok else ("FAILED" if r.errors else "STOPPED")
        rows.append((r.notebook.name, status, f"{r.seconds:.1f}", str(r.executed.relative_to(ROOT)) if r.executed and r.executed.is_relative_to(ROOT) else str(r.executed)))
    rows.append(("total", "", f"{sum(r.seconds for r in results):.1f}", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    line = "-+-".join("-" * w for w in widths)
    out = []
    for j, row in enumerate(rows):
        out.append(" | ".join(c.ljust(w) if i != 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if j == 0 or j == len(rows) - 2:
            out.append(line)
    return "\n".join(out)
