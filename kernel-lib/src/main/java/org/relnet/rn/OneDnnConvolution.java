package org.relnet.rn;

import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relnet.rn.OneDnn.Call;
import org.relnet.rn.OneDnn.Resources;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * oneDNN's convolution primitives (forward, backward data, backward weights) for one input shape, bound to
 * the caller's layouts: activations NHWC or NCHW, weights {@code [kH, kW, iC, oC]} or {@code [oC, iC, kH, kW]}.
 * oneDNN's JIT kernels read channels-last activations as they are; only the weights (a few thousand
 * values) are converted to the kernels' blocked layout, per call. Float only (oneDNN has no f64 convolution).
 */
final class OneDnnConvolution extends OneDnn.Computation {

    private final dnnl_memory src;
    private final dnnl_memory weights;
    private final dnnl_memory bias;
    private final dnnl_memory dst;
    private final dnnl_memory diffSrc;
    private final dnnl_memory diffWeights;
    private final dnnl_memory diffBias;
    private final dnnl_memory diffDst;
    private final Call[] forward;
    private final Call[] backwardData;
    private final Call[] backwardWeights;
    final String implementation;

    /**
     * @param in      {batch, channels, height, width}; {@code out} likewise
     * @param kernel  {kH, kW}; {@code stride}, {@code padLeft}, {@code padRight} likewise
     */
    OneDnnConvolution(long[] in, long[] out, int[] kernel, int[] stride, long[] padLeft, long[] padRight, boolean nhwc,
            boolean oihw, boolean withBias) {
        int act = nhwc ? dnnl_nhwc : dnnl_nchw;
        long[] w = {out[1], in[1], kernel[0], kernel[1]};
        dnnl_memory_desc_t srcMd = Resources.desc(act, in);
        dnnl_memory_desc_t dstMd = Resources.desc(act, out);
        dnnl_memory_desc_t userW = Resources.desc(oihw ? dnnl_oihw : dnnl_hwio, w);
        dnnl_memory_desc_t anyW = Resources.desc(dnnl_format_tag_any, w);
        dnnl_memory_desc_t biasMd = withBias ? Resources.desc(dnnl_a, out[1]) : null;
        long[] strides = {stride[0], stride[1]};

        dnnl_convolution_desc_t fd = new dnnl_convolution_desc_t();
        OneDnn.check(dnnl_convolution_forward_desc_init(fd, dnnl_forward_training, dnnl_convolution_direct, srcMd, anyW,
                biasMd, dstMd, strides, padLeft, padRight), "convolution forward descriptor");
        dnnl_primitive_desc fpd = resources.describe(fd, null, "convolution forward");
        dnnl_convolution_desc_t dd = new dnnl_convolution_desc_t();
        OneDnn.check(dnnl_convolution_backward_data_desc_init(dd, dnnl_convolution_direct, srcMd, anyW, dstMd, strides,
                padLeft, padRight), "convolution backward data descriptor");
        dnnl_primitive_desc dpd = resources.describe(dd, fpd, "convolution backward data");
        dnnl_convolution_desc_t wd = new dnnl_convolution_desc_t();
        OneDnn.check(dnnl_convolution_backward_weights_desc_init(wd, dnnl_convolution_direct, srcMd, anyW, biasMd,
                dstMd, strides, padLeft, padRight), "convolution backward weights descriptor");
        dnnl_primitive_desc wpd = resources.describe(wd, fpd, "convolution backward weights");
        implementation = OneDnn.implementation(fpd) + "/" + OneDnn.implementation(dpd) + "/" + OneDnn.implementation(wpd);

        src = resources.memory(srcMd);
        dst = resources.memory(dstMd);
        diffSrc = resources.memory(srcMd);
        diffDst = resources.memory(dstMd);
        weights = resources.memory(userW);
        diffWeights = resources.memory(userW);
        bias = withBias ? resources.memory(biasMd) : null;
        diffBias = withBias ? resources.memory(biasMd) : null;

        dnnl_memory_desc_t fwMd = dnnl_primitive_desc_query_md(fpd, dnnl_query_weights_md, 0);
        dnnl_memory fw = converted(weights, userW, fwMd);
        Call f = new Call(resources.primitive(fpd, "convolution forward"))
                .with(DNNL_ARG_SRC, src).with(DNNL_ARG_WEIGHTS, fw).with(DNNL_ARG_DST, dst);
        forward = calls(reorder(weights, userW, fw, fwMd), withBias ? f.with(DNNL_ARG_BIAS, bias) : f);

        dnnl_memory_desc_t dwMd = dnnl_primitive_desc_query_md(dpd, dnnl_query_weights_md, 0);
        dnnl_memory dw = converted(weights, userW, dwMd);
        backwardData = calls(reorder(weights, userW, dw, dwMd),
                new Call(resources.primitive(dpd, "convolution backward data"))
                        .with(DNNL_ARG_DIFF_DST, diffDst).with(DNNL_ARG_WEIGHTS, dw).with(DNNL_ARG_DIFF_SRC, diffSrc));

        dnnl_memory_desc_t gwMd = dnnl_primitive_desc_query_md(wpd, dnnl_query_diff_weights_md, 0);
        dnnl_memory gw = converted(diffWeights, userW, gwMd);
        Call g = new Call(resources.primitive(wpd, "convolution backward weights"))
                .with(DNNL_ARG_SRC, src).with(DNNL_ARG_DIFF_DST, diffDst).with(DNNL_ARG_DIFF_WEIGHTS, gw);
        backwardWeights = calls(withBias ? g.with(DNNL_ARG_DIFF_BIAS, diffBias) : g,
                reorder(gw, gwMd, diffWeights, userW));
    }

    /** {@code user} itself when the primitive takes the user's layout, else a buffer in the primitive's. */
    private dnnl_memory converted(dnnl_memory user, dnnl_memory_desc_t userMd, dnnl_memory_desc_t wanted) {
        return dnnl_memory_desc_equal(userMd, wanted) != 0 ? user : resources.ownedMemory(wanted);
    }

    /** The layout conversion from one memory to another, or null when they are the same memory. */
    private Call reorder(dnnl_memory from, dnnl_memory_desc_t fromMd, dnnl_memory to, dnnl_memory_desc_t toMd) {
        return from == to ? null : new Call(resources.reorder(fromMd, toMd)).with(DNNL_ARG_FROM, from).with(DNNL_ARG_TO, to);
    }

    private static Call[] calls(Call... calls) {
        return java.util.Arrays.stream(calls).filter(java.util.Objects::nonNull).toArray(Call[]::new);
    }

    void forward(INDArray input, INDArray w, INDArray b, INDArray out) {
        resources.bind(src, input);
        resources.bind(weights, w);
        if (bias != null) {
            resources.bind(bias, b);
        }
        resources.bind(dst, out);
        run(forward);
    }

    /** dInput may be null (not needed: the backward-data primitive is skipped). */
    void backward(INDArray input, INDArray w, INDArray dOut, INDArray dInput, INDArray dW, INDArray dBias) {
        resources.bind(diffDst, dOut);
        if (dInput != null) {
            resources.bind(weights, w);
            resources.bind(diffSrc, dInput);
            run(backwardData);
        }
        resources.bind(src, input);
        resources.bind(diffWeights, dW);
        if (diffBias != null) {
            resources.bind(diffBias, dBias);
        }
        run(backwardWeights);
    }

    static void run(Call... calls) {
        for (Call c : calls) {
            c.run();
        }
    }
}
