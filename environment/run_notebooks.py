"""Executes notebooks headless through the installed kernelspec; prints a timing table.

    python environment/run_notebooks.py [NOTEBOOK ...] [--out DIR] [--no-html]

Without NOTEBOOK arguments: every notebook under notebooks/. Quick mode unless RELNET_FULL=1.
Exit status 1 when any notebook has an error output or did not finish.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nbrun  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, default=nbrun.ROOT / "output")
    ap.add_argument("--no-html", action="store_true")
    args = ap.parse_args()

    notebooks = args.notebooks or nbrun.find_notebooks()
    if not notebooks:
        print(f"no notebooks found under {nbrun.ROOT / 'notebooks'}")
        return 0
    mode = "FULL (paper settings)" if nbrun.full_mode() else "quick (set RELNET_FULL=1 for full-length runs)"
    print(f"running {len(notebooks)} notebook(s) in {mode} mode; outputs under {args.out}")
    results = []
    for nb in notebooks:
        print(f"--> {nb} ...", flush=True)
        r = nbrun.execute(nb, args.out, html=not args.no_html)
        nbrun.record_timing(args.out / "timings.json", r)
        results.append(r)
        for e in r.errors:
            print(f"    ERROR {e}")
        if r.failure:
            print(f"    STOPPED {r.failure}")
        print(f"    {'ok' if r.ok else 'FAILED'} in {r.seconds:.1f} s -> {r.executed}" + (f", {r.html}" if r.html else ""), flush=True)
    print()
    print(nbrun.table(results))
    failed = [r for r in results if not r.ok]
    if failed:
        print(f"\n{len(failed)} notebook(s) failed: " + ", ".join(r.notebook.name for r in failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
