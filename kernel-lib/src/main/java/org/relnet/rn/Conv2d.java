package org.relnet.rn;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One 2-d convolution (kernel, stride, padding and layouts fixed; sizes taken from the arrays) and its
 * gradients, for {@link ConvEncoder} (channels-last, "same" padding, no bias, weights {@code [k, k, iC, oC]})
 * and {@link FastConvolutionLayer} (DL4J's NCHW layout and {@code [oC, iC, kH, kW]} weights, bias).
 *
 * <p>Float arrays go to oneDNN's JIT kernels called directly ({@link OneDnnConvolution}, primitives built
 * once per input shape and kept), which read channels-last activations as they are. For the papers' 75 px
 * CNN (four 3x3, 24-kernel layers, batch 64, 2 cores) forward + backward takes ~11 ms that way, against
 * ~23 ms for the same kernels through libnd4j's conv2d ops (whose helper converts every input, gradient and
 * output to oneDNN's blocked layouts and back: in a training step the conversions cost more than the
 * convolutions), ~130 ms for the im2col + GEMM loops kernel-lib had before and ~370 ms for libnd4j's
 * generic conv2d. Double precision (gradient checks), CUDA, and platforms without oneDNN natives use
 * libnd4j's {@code conv2d} / {@code conv2d_bp} ops instead.
 *
 * <p>The kernel and the tests run with {@code OMP_NUM_THREADS=1} (small element-wise ops are faster on one
 * thread) and libnd4j's platform helpers off ({@code SD_FORBID_HELPERS}, so that DL4J's own layers keep
 * their matrix products on OpenBLAS). Convolutions want all cores: each call runs in {@link AllCores#run}.
 */
final class Conv2d {

    private static final boolean HELPERS_AT_START_UP = Nd4j.getEnvironment().helpersAllowed();
    static final String ONEDNN_UNAVAILABLE = oneDnnUnavailable(); // read once: one path per process
    private static boolean warned;

    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean same;
    private final boolean nhwc;
    private final boolean oihw;
    private final OneDnn.PerShape<OneDnnConvolution> primitives = new OneDnn.PerShape<>(this);

    /**
     * @param padding ignored in same mode (where it follows from the sizes, as in DL4J and TensorFlow)
     * @param nhwc    activations channels-last (else NCHW)
     * @param oihw    weights {@code [oC, iC, kH, kW]} (else {@code [kH, kW, iC, oC]})
     */
    Conv2d(int[] kernel, int[] stride, int[] padding, boolean same, boolean nhwc, boolean oihw) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.same = same;
        this.nhwc = nhwc;
        this.oihw = oihw;
    }

    /** A square, "same"-padded, channels-last convolution with {@code [k, k, iC, oC]} weights. */
    static Conv2d sameNhwc(int k, int stride) {
        return new Conv2d(new int[] {k, k}, new int[] {stride, stride}, new int[] {0, 0}, true, true, false);
    }

    /**
     * Null when oneDNN is called directly for float arrays, else why not; it decides for all of kernel-lib's
     * direct calls (convolutions, batch norm, reorders, {@link Gemm}). {@code -Drelnet.onednn=false} turns
     * them off (libnd4j's conv ops, kernel-lib's Java batch-norm loops and ND4J's OpenBLAS products
     * instead): an escape hatch, and the "before" of benchmarks/rn-step's {@code @libnd4j} variants.
     */
    private static String oneDnnUnavailable() {
        if ("false".equals(System.getProperty("relnet.onednn"))) {
            return "turned off with -Drelnet.onednn=false";
        }
        try {
            return OneDnn.unavailable();
        } catch (LinkageError e) { // the dnnl presets are not on the classpath
            return e.toString();
        }
    }

    /** out = input (*) w (+ bias; null: none). */
    void forward(INDArray input, INDArray w, INDArray bias, INDArray out) {
        OneDnnConvolution c = oneDnn(bias != null, input, out, w, bias);
        AllCores.run(() -> {
            if (c != null) {
                c.forward(input, w, bias, out);
            } else {
                INDArray[] in = bias == null ? new INDArray[] {input, w} : new INDArray[] {input, w, bias};
                withHelpers(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(out)
                        .addIntegerArguments(arguments()).build());
            }
        });
    }

    /** From dOut: dInput (null: not wanted), dW and (with a bias) dBias, all overwritten. */
    void backward(INDArray input, INDArray w, INDArray bias, INDArray dOut, INDArray dInput, INDArray dW, INDArray dBias) {
        OneDnnConvolution c = oneDnn(bias != null, input, dOut, w, bias, dInput, dW, dBias);
        AllCores.run(() -> {
            if (c != null) {
                c.backward(input, w, dOut, dInput, dW, dBias);
            } else {
                INDArray[] in = bias == null ? new INDArray[] {input, w, dOut} : new INDArray[] {input, w, bias, dOut};
                INDArray dIn = dInput != null ? dInput : input.ulike();
                INDArray[] out = bias == null ? new INDArray[] {dIn, dW} : new INDArray[] {dIn, dW, dBias};
                withHelpers(DynamicCustomOp.builder("conv2d_bp").addInputs(in).addOutputs(out)
                        .addIntegerArguments(arguments()).build());
            }
        });
    }

    /** The primitives for these arrays' shapes (built on first use), or null for the libnd4j path. */
    private OneDnnConvolution oneDnn(boolean withBias, INDArray input, INDArray output, INDArray... others) {
        boolean fits = OneDnn.fitsIfPresent(input) && OneDnn.fitsIfPresent(output);
        for (INDArray a : others) {
            fits &= OneDnn.fitsIfPresent(a);
        }
        if (!fits) {
            return null;
        }
        if (ONEDNN_UNAVAILABLE != null) {
            warnOnce();
            return null;
        }
        long[] in = nchwSizes(input);
        long[] out = nchwSizes(output);
        return primitives.get(LongStream.concat(Arrays.stream(in), Arrays.stream(out)).toArray(), () -> {
            long[] padLeft = new long[2];
            long[] padRight = new long[2];
            for (int d = 0; d < 2; d++) {
                long total = (out[2 + d] - 1) * stride[d] + kernel[d] - in[2 + d];
                padLeft[d] = same ? Math.max(total, 0) / 2 : padding[d];
                padRight[d] = same ? Math.max(total, 0) - padLeft[d] : padding[d];
            }
            return new OneDnnConvolution(in, out, kernel, stride, padLeft, padRight, nhwc, oihw, withBias);
        });
    }

    /** oneDNN's implementation names of the primitives built so far (e.g. "jit:avx2/jit:avx2/jit:avx2"). */
    List<String> oneDnnImplementations() {
        return primitives.values().stream().map(c -> c.implementation).collect(Collectors.toList());
    }

    private long[] nchwSizes(INDArray a) {
        return nhwc ? new long[] {a.size(0), a.size(3), a.size(1), a.size(2)} : a.shape();
    }

    /** libnd4j's conv2d integer arguments (dilation 1). */
    private int[] arguments() {
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], 1, 1, same ? 1 : 0,
                nhwc ? 1 : 0, oihw ? 1 : 0};
    }

    /**
     * Runs a libnd4j conv op with its platform helpers allowed (its oneDNN kernels, where it was built with
     * them). The switch is process-wide and put back to its start-up value, so a concurrent op elsewhere can
     * at worst run on the slower path, never compute something different.
     */
    private static void withHelpers(DynamicCustomOp op) {
        Nd4j.getEnvironment().allowHelpers(true);
        try {
            Nd4j.exec(op);
        } finally {
            Nd4j.getEnvironment().allowHelpers(HELPERS_AT_START_UP);
        }
    }

    private static synchronized void warnOnce() {
        if (!warned) {
            warned = true;
            System.err.println("kernel-lib: convolutions, batch norm and matrix products run on libnd4j's conv2d ops,"
                    + " Java loops and OpenBLAS, not oneDNN directly (several times slower): " + ONEDNN_UNAVAILABLE);
        }
    }
}
