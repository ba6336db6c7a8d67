"""Runs the DL4J and PyTorch training steps interleaved (same machine, same run) and prints a table.

FLOPs are counted for the architecture as specified (explicit pairs: the PyTorch formulation), forward
x 3 for a training step (forward + two backward products); our first-layer trick does less work than
that, so its GFLOP/s is "useful" GFLOP/s. Peak RSS is each process's VmHWM (JVM/python included).
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "environment"))
import kernel_layout  # noqa: E402  (the kernel's native thread settings)
BATCH, Q, ANSWERS, C = 64, 11, 10, 24
GEOMETRY = {"rn75": (75, 3, (2, 2, 2, 2)), "rn128": (128, 3, (2, 2, 2, 2)),
            "rn128coarse": (128, 5, (3, 3, 2, 2)), "cnnmlp75": (75, 3, (2, 2, 2, 2))}
# (warmup, measured steps) per model: enough for a stable median without hogging the shared machine.
# cnnmlp75 warms up for 20 steps (~1 s): after 3, the JVM's JIT was still compiling DL4J's per-step Java code
# and DL4J's median was 56-65 ms against 42-48 ms at steady state (2026-11-24); a training run is thousands of
# steps. The RN steps are long enough that 2 warm-up steps reach steady state within ~2 %.
STEPS = {"rn75": (2, 6), "rn128": (1, 3), "rn128coarse": (2, 8), "cnnmlp75": (20, 30)}


def base(model):
    """'cnnmlp75@dl4jconv' / '@libnd4j' -> 'cnnmlp75': same architecture, other conv implementation on the DL4J side."""
    return model.split("@")[0]


def forward_flops(model):
    size, k, strides = GEOMETRY[base(model)]
    flops, cin, side = 0, 3, size
    for s in strides:
        side = -(-side // s)
        flops += 2 * k * k * cin * C * side * side * BATCH
        cin = C
    if model.startswith("cnnmlp"):
        flops += 2 * BATCH * ((C * side * side + Q) * 256 + 256 * 256 * 2 + 256 * ANSWERS)
    else:
        pairs = (side * side) ** 2
        d = C + 2
        flops += 2 * BATCH * pairs * ((2 * d + Q) * 256 + 3 * 256 * 256)
        flops += 2 * BATCH * (256 * 256 * 2 + 256 * ANSWERS)
    return flops


def run(cmd, env):
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    for l in out.stdout.splitlines():
        if l.startswith("PHASES"):
            print("    " + l, flush=True)
    line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT")), None)
    if line is None:
        sys.stderr.write(out.stdout[-2000:] + out.stderr[-4000:])
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    return dict(kv.split("=", 1) for kv in line.split()[1:])


def main():
    models = sys.argv[1].split(",")
    rounds = int(sys.argv[2])
    threads = os.environ.get("BENCH_THREADS", "2")
    java = os.environ.get("JAVA", "java")
    classpath = os.environ["KERNEL_LIB_CP"]
    env = dict(os.environ, OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    # DL4J runs with the kernel's native thread settings (environment/kernel_layout.py): libnd4j's
    # elementwise ops on 1 thread, BLAS on `threads`.
    dl4j_env = dict(env, **kernel_layout.native_threads_env(int(threads)))
    # BENCH_OMP_WAIT_POLICY overrides both sides' OpenMP wait policy (DL4J's default is the kernel's PASSIVE,
    # PyTorch's its own default, spinning). PASSIVE for both matters on an oversubscribed machine: spinning
    # threads of both processes compete with the working ones.
    wait_policy = os.environ.get("BENCH_OMP_WAIT_POLICY")
    if wait_policy:
        env["OMP_WAIT_POLICY"] = wait_policy
        dl4j_env["OMP_WAIT_POLICY"] = wait_policy
    java_opts = os.environ.get("BENCH_JAVA_OPTS", "-Xmx2g").split()
    results = {}
    for r in range(rounds):
        for m in models:
            warm, steps = STEPS[base(m)]
            for impl in ("dl4j", "pytorch"):  # interleaved: both see the same machine load
                if impl == "dl4j":
                    cmd = [java, *java_opts, "-cp", classpath, os.path.join(HERE, "RnStepBench.java"), m, str(warm), str(steps)]
                else:
                    cmd = [sys.executable, os.path.join(HERE, "torch_rn.py"), base(m), str(warm), str(steps), threads]
                res = run(cmd, dl4j_env if impl == "dl4j" else env)
                print(f"  round {r + 1} {m:12s} {impl:8s} {float(res['ms_median']):9.1f} ms/step  "
                      f"{float(res['rss_mb']):7.0f} MB", flush=True)
                results.setdefault((m, impl), []).append(res)
    print()
    print(f"Training step (forward + backward + Adam), batch {BATCH}, {threads} threads "
          f"(DL4J: BLAS {threads}, libnd4j ops 1), "
          f"OMP_WAIT_POLICY={wait_policy or 'DL4J PASSIVE, PyTorch unset'}, median of per-round medians over {rounds} round(s)")
    print()
    print("| model | GFLOP/step | DL4J ms | PyTorch ms | ratio DL4J/PyTorch | DL4J GFLOP/s | PyTorch GFLOP/s "
          "| DL4J peak RSS MB | PyTorch peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for m in models:
        gflop = 3 * forward_flops(m) / 1e9
        ms = {i: sorted(float(x["ms_median"]) for x in results[(m, i)]) for i in ("dl4j", "pytorch")}
        med = {i: v[len(v) // 2] for i, v in ms.items()}
        rss = {i: max(float(x["rss_mb"]) for x in results[(m, i)]) for i in ("dl4j", "pytorch")}
        print(f"| {m} | {gflop:.1f} | {med['dl4j']:.0f} | {med['pytorch']:.0f} | {med['dl4j'] / med['pytorch']:.2f} "
              f"| {gflop / med['dl4j'] * 1000:.1f} | {gflop / med['pytorch'] * 1000:.1f} "
              f"| {rss['dl4j']:.0f} | {rss['pytorch']:.0f} |")


if __name__ == "__main__":
    main()
