package org.relnet.rn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A convolution and its gradients as libnd4j's {@code conv2d} and {@code conv2d_bp} ops (for
 * {@link ConvEncoder}: channels-last, "same" padding, no bias; for {@link FastConvolutionLayer}: DL4J's
 * NCHW layout and weights). On linux-x86_64 the project ships libnd4j's oneDNN build (the pom's
 * {@code -onednn} classifier), where these ops run oneDNN's JIT kernels, the library PyTorch's CPU
 * convolutions use. For the papers' 75 px CNN (four 3x3, 24-kernel layers, batch 64) forward + backward
 * took 37 ms alone against ~130 ms for kernel-lib's earlier im2col + OpenBLAS GEMM loops and ~370 ms for
 * the same ops in libnd4j's plain build (2 cores); inside a training step about twice that, most of it
 * libnd4j converting layouts to and from oneDNN's blocked ones around every call (see
 * benchmarks/rn-step/README.md).
 *
 * <p>Two switches are turned on only for the duration of these calls. The kernel and the tests run with
 * libnd4j's platform helpers off ({@code SD_FORBID_HELPERS}) so that matrix products stay on OpenBLAS (with
 * helpers on, every {@code mmul} goes to oneDNN's matmul, which follows the OpenMP thread count) and with
 * {@code OMP_NUM_THREADS=1} (small element-wise ops are faster on one thread); oneDNN's convolution,
 * though, wants the helpers and all cores. The OpenMP thread count is per calling thread; the helper switch
 * is process-wide and is put back to its start-up value, so a concurrent call elsewhere can at worst run
 * one op on the slower path, never compute something different.
 */
final class Conv2d {

    private static final boolean HELPERS_AT_START_UP = Nd4j.getEnvironment().helpersAllowed();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static boolean checked;

    private Conv2d() {
    }

    /** True when the loaded libnd4j was built with oneDNN (the fast path of this class). */
    static boolean hasOneDnn() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }

    /** z [b, oh, ow, cout] = input [b, h, w, cin] (*) w [k, k, cin, cout], "same" padding, no bias. */
    static void forward(INDArray input, INDArray w, INDArray z, int stride) {
        forward(input, w, null, z, sameNhwc(w, stride));
    }

    /** From dz (the gradient w.r.t. z): dInput (overwritten) and dW (overwritten). */
    static void backward(INDArray input, INDArray w, INDArray dz, INDArray dInput, INDArray dW, int stride) {
        backward(input, w, null, dz, dInput, dW, null, sameNhwc(w, stride));
    }

    /** conv2d with libnd4j's integer arguments ({@code arguments}); bias may be null. */
    static void forward(INDArray input, INDArray w, INDArray bias, INDArray out, int[] arguments) {
        INDArray[] in = bias == null ? new INDArray[] {input, w} : new INDArray[] {input, w, bias};
        run(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(out).addIntegerArguments(arguments).build());
    }

    /** conv2d_bp: dInput, dW and (with a bias) dBias, all overwritten. */
    static void backward(INDArray input, INDArray w, INDArray bias, INDArray dOut, INDArray dInput, INDArray dW,
            INDArray dBias, int[] arguments) {
        INDArray[] in = bias == null ? new INDArray[] {input, w, dOut} : new INDArray[] {input, w, bias, dOut};
        INDArray[] out = bias == null ? new INDArray[] {dInput, dW} : new INDArray[] {dInput, dW, dBias};
        run(DynamicCustomOp.builder("conv2d_bp").addInputs(in).addOutputs(out).addIntegerArguments(arguments).build());
    }

    /**
     * libnd4j's conv2d arguments: kernel, stride, padding (ignored in same mode), dilation 1, same mode,
     * data format (NHWC or NCHW) and weight layout ({@code [kH, kW, iC, oC]} or {@code [oC, iC, kH, kW]}).
     */
    static int[] arguments(int[] kernel, int[] stride, int[] padding, boolean same, boolean nhwc, boolean oihw) {
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], 1, 1, same ? 1 : 0,
                nhwc ? 1 : 0, oihw ? 1 : 0};
    }

    private static int[] sameNhwc(INDArray w, int stride) {
        int k = (int) w.size(0);
        return arguments(new int[] {k, k}, new int[] {stride, stride}, new int[] {0, 0}, true, true, false);
    }

    private static void run(DynamicCustomOp op) {
        if (!checked) {
            checked = true;
            if (!hasOneDnn()) {
                System.err.println("kernel-lib: this libnd4j build has no oneDNN, so ConvEncoder's and FastConvolutionLayer's"
                        + " convolutions run on libnd4j's generic loops (~10x slower); see nd4j.cpu.build in pom.xml");
            }
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(CORES);
        Nd4j.getEnvironment().allowHelpers(true);
        try {
            Nd4j.exec(op);
        } finally {
            Nd4j.getEnvironment().allowHelpers(HELPERS_AT_START_UP);
            ops.setOmpNumThreads(threads);
        }
    }
}
