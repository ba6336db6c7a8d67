"""Shared set-up of the Python test suite: where the notebooks are and where runs write."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "environment"))
sys.path.insert(0, str(ROOT / "tests"))

import nbrun  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# Executed copies and timings of the test run; the e2e suite reads them too.
RUN_DIR = ROOT / "output" / "test-run"
TIMINGS = RUN_DIR / "timings.json"


def all_notebooks():
    """The project's notebooks, then the fixture notebooks that keep the harness itself tested."""
    return nbrun.find_notebooks(ROOT / "notebooks") + nbrun.find_notebooks(FIXTURES)


def nb_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="session")
def kernelspec():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        return KernelSpecManager().get_kernel_spec(nbrun.KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail(f"kernelspec '{nbrun.KERNEL_NAME}' is not installed for this Python "
                    f"({sys.prefix}); run environment/setup.sh first", pytrace=False)
