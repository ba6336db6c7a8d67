"""The installed kernel starts ND4J with the native thread settings of environment/kernel_layout.py."""
import os

import nbformat
from nbclient import NotebookClient

import kernel_layout
import nbrun


def test_kernelspec_carries_the_native_thread_settings(kernelspec):
    expected = kernel_layout.native_threads_env(os.cpu_count() or 1)
    assert {k: kernelspec.env.get(k) for k in expected} == expected


def test_nd4j_in_the_kernel_has_the_thread_settings_and_onednn(kernelspec):
    # The last term loads JavaCPP's oneDNN presets, which kernel-lib calls directly (org.relnet.rn.OneDnn):
    # their jars must be in the kernel's lib folder (the pom's dnnl profile).
    probe = ('var info = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation();\n'
             'System.getenv("OPENBLAS_NUM_THREADS") + " " + info.get("omp.threads") + " "\n'
             '    + org.nd4j.linalg.factory.Nd4j.getEnvironment().helpersAllowed() + " "\n'
             '    + org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN") + " "\n'
             '    + (org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class) != null)')
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    NotebookClient(nb, kernel_name=nbrun.KERNEL_NAME, timeout=300).execute()
    shown = nb.cells[0].outputs[-1]["data"]["text/plain"].strip().strip('"')
    # OpenBLAS on all cores, libnd4j on one, helpers off, libnd4j's oneDNN build, oneDNN's own presets
    assert shown == f"{os.cpu_count() or 1} 1 false true true"
