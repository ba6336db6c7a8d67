"""Every notebook runs top to bottom through the installed kernelspec with no error output.

Executed copies go to output/test-run/notebooks/, wall times to output/test-run/timings.json
(the quality gate compares them with the times the notebooks state; the e2e suite reads the
executed copies to know which cells draw figures).
"""
import json

import nbformat
import pytest

import nbrun
from conftest import FIXTURES, RUN_DIR, TIMINGS, all_notebooks, nb_id

PLOTLY = "application/vnd.plotly.v1+json"


def setup_module():
    if TIMINGS.exists():
        TIMINGS.unlink()  # timings of this run only


@pytest.mark.parametrize("notebook", all_notebooks(), ids=nb_id)
def test_notebook_runs_without_errors(notebook, kernelspec):
    result = nbrun.execute(notebook, RUN_DIR, kernel_name=nbrun.KERNEL_NAME, html=False)
    nbrun.record_timing(TIMINGS, result)
    problems = [str(e) for e in result.errors] + ([result.failure] if result.failure else [])
    assert not problems, f"{nb_id(notebook)} (executed copy: {result.executed}):\n  " + "\n  ".join(problems)
    executed = json.loads(result.executed.read_text())
    code = [c for c in executed["cells"] if c["cell_type"] == "code" and c["source"]]
    assert all(c["execution_count"] for c in code), "every code cell ran"


def _outputs(name):
    nb = nbformat.read(RUN_DIR / "notebooks" / name, as_version=4)  # joins multi-line strings
    return [c.get("outputs", []) for c in nb.cells]


def test_fixture_figures_and_progress_reach_the_notebook(kernelspec):
    """What the kernel sent for the fixture: a Plotly figure with its fallbacks, an XChart PNG and a
    progress display that ended as ONE output showing the last step."""
    fixture = FIXTURES / "display-smoke.ipynb"
    if not (RUN_DIR / "notebooks" / fixture.name).exists():
        nbrun.execute(fixture, RUN_DIR, html=False)
    cells = _outputs(fixture.name)

    plotly = [o for outs in cells for o in outs if PLOTLY in o.get("data", {})]
    assert len(plotly) == 1, "one Plotly figure"
    data = plotly[0]["data"]
    assert isinstance(data[PLOTLY], dict), "Plotly JSON must be sent as a JSON object, not a string"
    assert data[PLOTLY]["data"][0]["type"] == "scatter"
    assert "text/html" in data and "data:image/png;base64," in data["text/html"], "HTML with the static picture inside"

    pngs = [o for outs in cells for o in outs if "image/png" in o.get("data", {}) and PLOTLY not in o["data"]]
    assert len(pngs) == 1, "the XChart figure renders as PNG"

    progress = cells[-1]
    displays = [o for o in progress if o["output_type"] in ("display_data", "execute_result")]
    assert len(displays) == 1, f"progress updated in place, got {len(displays)} outputs"
    assert displays[0]["data"]["text/plain"].strip() == "step 40/40"
