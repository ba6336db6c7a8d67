"""Where the built kernel lives and the kernel.json that starts it (used by setup.sh).

    kernel_layout.py jar ROOT
        prints the absolute path of the kernel's runnable jar under ROOT/kernel/target
    kernel_layout.py kernel-json ROOT JAR DISPLAY_NAME [JAVA_OPTS]
        prints kernel.json for that jar

The kernel module packages a runnable jar, kernel/target/dist/relnet-kernel.jar, whose manifest
names the main class and puts dist/lib/*.jar on the class path, and writes
kernel/target/kernelspec/relnet-java/kernel.json with absolute paths. When that kernel.json exists
its argv wins (only a bare "java" is pinned to the JDK found now); otherwise one is generated.
"""
import json
import os
import shlex
import shutil
import sys
from pathlib import Path

# JVM options for the kernel process. DL4J keeps tensors off-heap, so the heap stays moderate and
# off-heap is bounded explicitly: a runaway cell then fails with a clear OutOfMemoryError instead of
# the machine swapping.
DEFAULT_JAVA_OPTS = "-Xmx4g -Dorg.bytedeco.javacpp.maxbytes=6G -XX:+UseG1GC"


def native_threads_env(cores: int) -> dict:
    """Thread settings for ND4J's native side: libnd4j's own ops on 1 OpenMP thread, BLAS on all cores.

    Measured on 2 cores (benchmarks/rn-step): with the defaults (both on 2 threads) the small elementwise
    ops of a training step pay OpenMP hand-offs and spinning worker threads that also compete with
    kernel-lib's Java loops; this setting made the visual RN step 1,086 -> 986 ms and the CNN+MLP step
    250 -> 172 ms. ND4J_SKIP_BLAS_THREADS stops ND4J from setting BLAS to OMP_NUM_THREADS at start-up;
    OpenBLAS then reads OPENBLAS_NUM_THREADS (and caps it at the cores it may use).

    SD_FORBID_HELPERS: the project's libnd4j is the oneDNN build, whose "platform helpers" would send every
    matrix product to oneDNN's matmul, which follows OMP_NUM_THREADS (one thread here: 1.6x slower than
    OpenBLAS on two). With helpers off, DL4J's own layers keep their products on OpenBLAS; kernel-lib calls
    oneDNN itself, on all cores, for its convolutions, batch norm and matrix products (org.relnet.rn.AllCores:
    oneDNN's sgemm is 1.2-6x faster than this OpenBLAS on the models' shapes, org.relnet.rn.Gemm).

    OMP_WAIT_POLICY=PASSIVE: those convolutions are then the only OpenMP parallel regions; between them the
    idle OpenMP worker would spin on the core that ConvEncoder's batch-norm loops (Java threads) need.
    Sleeping instead made the CNN+MLP step 121-132 -> 115-118 ms (3 alternating runs each).
    """
    return {"OMP_NUM_THREADS": "1", "ND4J_SKIP_BLAS_THREADS": "1", "OPENBLAS_NUM_THREADS": str(cores),
            "SD_FORBID_HELPERS": "1", "OMP_WAIT_POLICY": "PASSIVE"}


def kernel_jar(root: Path) -> Path:
    target = root / "kernel" / "target"
    # The kernel module's packaged layout: target/dist/relnet-kernel.jar + target/dist/lib/.
    dist = target / "dist"
    if (dist / "relnet-kernel.jar").is_file():
        return (dist / "relnet-kernel.jar").resolve()
    candidates = [
        p for p in target.glob("*.jar")
        if not p.name.endswith(("-sources.jar", "-javadoc.jar", "-tests.jar")) and not p.name.startswith("original-")
    ]
    if not candidates:
        raise SystemExit(f"no kernel jar in {target} (run the Maven build first)")
    # Prefer a self-describing name if the module produces several jars (plain + shaded).
    candidates.sort(key=lambda p: (("all" not in p.name and "kernel" not in p.name), -p.stat().st_mtime))
    return candidates[0].resolve()


def kernel_json(root: Path, jar: Path, display_name: str, java_opts: str) -> dict:
    template = root / "kernel" / "target" / "kernelspec" / "relnet-java" / "kernel.json"
    # An absolute java path: Jupyter may be started later from a shell (or a desktop launcher)
    # whose PATH finds another, older Java.
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else os.path.realpath(shutil.which("java") or "java")
    if template.is_file():
        spec = json.loads(template.read_text())
        # Written by the kernel's own build with absolute paths; only pin which java runs it.
        spec["argv"] = [java if a == "java" else a for a in spec["argv"]]
    else:
        spec = {
            "argv": [java, *shlex.split(java_opts or DEFAULT_JAVA_OPTS), "-jar", str(jar), "{connection_file}"],
            "language": "java",
            "interrupt_mode": "message",
        }
    env = spec.setdefault("env", {})
    for key, value in native_threads_env(os.cpu_count() or 1).items():
        env.setdefault(key, value)  # values already in the template win
    spec["display_name"] = display_name
    spec.setdefault("language", "java")
    spec.setdefault("interrupt_mode", "message")
    spec.setdefault("metadata", {})["relnet_root"] = str(root)
    return spec


def main(argv):
    if len(argv) >= 3 and argv[1] == "jar":
        print(kernel_jar(Path(argv[2]).resolve()))
    elif len(argv) >= 5 and argv[1] == "kernel-json":
        root, jar, name = Path(argv[2]).resolve(), Path(argv[3]), argv[4]
        opts = argv[5] if len(argv) > 5 else ""
        print(json.dumps(kernel_json(root, jar, name, opts), indent=2))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
