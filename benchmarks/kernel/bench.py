"""Kernel latency benchmark: prints a table (see run.sh). Uses jupyter_client, as JupyterLab does."""
import os
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

CELLS = int(os.environ.get("BENCH_CELLS", "200"))
STARTS = int(os.environ.get("BENCH_STARTS", "3"))


def start(env_extra=None):
    """Launches a kernel; returns (manager, client, seconds from launch to the first kernel_info reply)."""
    env = dict(os.environ)
    env.update(env_extra or {})
    km = KernelManager(kernel_name="relnet-java")
    t0 = time.perf_counter()
    # The kernel's own log (stderr) would interleave with the table.
    km.start_kernel(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc, time.perf_counter() - t0


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def run(kc, code, timeout=300):
    """Seconds from sending the cell to its reply (the kernel's idle comes right after)."""
    t0 = time.perf_counter()
    reply = kc.execute(code, reply=True, timeout=timeout)
    dt = time.perf_counter() - t0
    if reply["content"]["status"] != "ok":
        sys.exit(f"cell failed: {code!r}: {reply['content']}")
    return dt


def kernel_info_rtt(kc):
    t0 = time.perf_counter()
    kc.kernel_info(reply=True, timeout=30)
    return time.perf_counter() - t0


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


DL4J_CELL = "Nd4j.create(new float[] {1, 2, 3, 4}, new int[] {2, 2}).mmul(Nd4j.eye(2)).sumNumber()"


def main():
    rows = []
    starts = []
    for _ in range(STARTS):
        km, kc, t = start()
        starts.append(t)
        stop(km, kc)
    rows.append(("kernel start -> first kernel_info reply (median of %d)" % STARTS, statistics.median(starts), "s"))

    km, kc, _ = start()
    first_cell = run(kc, "1 + 1")
    rows.append(("first trivial cell after start (waits for JShell + imports)", first_cell, "s"))
    infos = [kernel_info_rtt(kc) for _ in range(CELLS)]
    cells = [run(kc, "1 + 1") for _ in range(CELLS)]
    rows.append(("kernel_info round trip p50 (protocol only)", pct(infos, 50) * 1000, "ms"))
    rows.append(("trivial cell `1 + 1` round trip p50 (%d cells)" % CELLS, pct(cells, 50) * 1000, "ms"))
    rows.append(("trivial cell `1 + 1` round trip p99 (%d cells)" % CELLS, pct(cells, 99) * 1000, "ms"))
    stop(km, kc)

    dl4j = {}
    for warm in ("1", "0"):
        km, kc, _ = start({"RELNET_KERNEL_WARMUP": warm})
        run(kc, "1 + 1")  # JShell ready; the ND4J warm-up (if on) runs in the background meanwhile
        dl4j[warm] = run(kc, DL4J_CELL)
        stop(km, kc)
    rows.append(("first DL4J cell (Nd4j.create + 2x2 mmul), background warm-up ON", dl4j["1"], "s"))
    rows.append(("first DL4J cell, warm-up OFF (RELNET_KERNEL_WARMUP=0)", dl4j["0"], "s"))

    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)} | value")
    print("-" * width + "-|---------")
    for name, value, unit in rows:
        print(f"{name.ljust(width)} | {value:8.3f} {unit}")
    print()
    print("ratios (same run, same machine):")
    print(f"  trivial cell p50 / kernel_info p50 (JShell compile+run cost over the protocol) = {pct(cells, 50) / pct(infos, 50):.1f}x")
    print(f"  first DL4J cell, warm-up OFF / ON = {dl4j['0'] / dl4j['1']:.1f}x")


if __name__ == "__main__":
    main()
