package org.relnet.rn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A whole {@link ConvStack} (conv -> batch norm -> ReLU, "same" padding, repeated) as ONE graph vertex
 * with a hand-written forward/backward ({@link ConvEncoderVertex}); the same function as DL4J's
 * {@code ConvolutionLayer + BatchNormalization + ActivationLayer} stack that {@link ConvStack} builds
 * with {@link ConvStack#withDl4jLayers()}.
 *
 * <p>Why: profiling the visual models showed DL4J M2.1's conv layers (im2col written through a permuted
 * 6-d view, epsilon permutes and copies, NCHW batch-norm reductions over dims 0, 2, 3) costing several
 * times PyTorch's oneDNN convolutions (and no faster with libnd4j's oneDNN build loaded).
 * Here every activation stays channels-last: each conv is a oneDNN convolution ({@link Conv2d}), training
 * batch norm + ReLU is oneDNN's fused primitive ({@link OneDnnBatchNormRelu}; single-pass Java loops,
 * {@link BatchNormRelu}, for double precision), and the first layer's input gradient is not
 * computed when the input is the network's image.
 *
 * <p>Input {@code [batch, c, h, w]} (NCHW, like the DL4J layers); output NCHW too, so the RN block and
 * the CNN+MLP flattening see exactly what they saw before.
 *
 * <p>Parameters per layer i: {@code ciW} {@code [k*k*cin, cout]} (row = (ky*k + kx)*cin + c: the
 * {@code [k, k, cin, cout]} kernel conv2d reads, flattened), {@code cib} conv bias, {@code cigamma}, {@code cibeta}, and the BN running
 * statistics {@code cimean}, {@code civar} (in the parameter vector so checkpoints keep them; updater
 * NoOp and gradient 0 — they are updated in the forward pass, decay {@value #DECAY} like DL4J's).
 */
public final class ConvEncoder extends SameDiffVertex {

    static final double EPS = 1e-5;      // DL4J BatchNormalization's default
    static final double DECAY = 0.9;     // DL4J BatchNormalization's default

    // Not final: DL4J's JSON mapper restores configs field by field (checkpoints depend on it).
    @JsonProperty private int kernel;
    @JsonProperty private int channels;
    @JsonProperty private int[] strides;
    @JsonProperty private long inChannels;
    @JsonProperty private long height;
    @JsonProperty private long width;

    /** For JSON deserialisation only. */
    private ConvEncoder() {
    }

    ConvEncoder(int kernel, int channels, int[] strides, long inChannels, long height, long width) {
        if (inChannels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("ConvEncoder needs a positive input size, got [" + inChannels + ", "
                    + height + ", " + width + "]");
        }
        this.kernel = kernel;
        this.channels = channels;
        this.strides = strides.clone();
        this.inChannels = inChannels;
        this.height = height;
        this.width = width;
    }

    public int kernel() { return kernel; }

    public int channels() { return channels; }

    @JsonIgnore
    public int layers() { return strides.length; }

    public int stride(int layer) { return strides[layer]; }

    public long inChannels() { return inChannels; }

    public long height() { return height; }

    public long width() { return width; }

    /** Input channels of layer {@code l} (0-based). */
    long layerInChannels(int l) {
        return l == 0 ? inChannels : channels;
    }

    /** Output side of layer {@code l} for an input side {@code in}: ceil(in / stride), DL4J's "same" mode. */
    long outSide(long in, int l) {
        return (in + strides[l] - 1) / strides[l];
    }

    long outputHeight() {
        long h = height;
        for (int l = 0; l < strides.length; l++) {
            h = outSide(h, l);
        }
        return h;
    }

    long outputWidth() {
        long w = width;
        for (int l = 0; l < strides.length; l++) {
            w = outSide(w, l);
        }
        return w;
    }

    // ---------------------------------------------------------------- parameters
    // Keys without "_": DL4J splits gradient keys at the first underscore.

    static String w(int l) { return "c" + (l + 1) + "W"; }

    static String b(int l) { return "c" + (l + 1) + "b"; }

    static String gamma(int l) { return "c" + (l + 1) + "gamma"; }

    static String beta(int l) { return "c" + (l + 1) + "beta"; }

    static String mean(int l) { return "c" + (l + 1) + "mean"; }

    static String var(int l) { return "c" + (l + 1) + "var"; }

    static boolean isRunningStatistic(String key) {
        return key.endsWith("mean") || key.endsWith("var");
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.defineInputs("image");
        for (int l = 0; l < strides.length; l++) {
            params.addWeightParam(w(l), (long) kernel * kernel * layerInChannels(l), channels);
            params.addBiasParam(b(l), 1, channels);
            params.addBiasParam(gamma(l), 1, channels);
            params.addBiasParam(beta(l), 1, channels);
            params.addBiasParam(mean(l), 1, channels);
            params.addBiasParam(var(l), 1, channels);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (int l = 0; l < strides.length; l++) {
            // He normal on the conv fan-in k*k*cin, as WeightInit.RELU gives DL4J's ConvolutionLayer.
            INDArray wl = params.get(w(l));
            double std = Math.sqrt(2.0 / wl.size(0));
            wl.assign(Nd4j.randn(wl.dataType(), wl.shape()).muli(std));
            params.get(b(l)).assign(0);
            params.get(gamma(l)).assign(1);
            params.get(beta(l)).assign(0);
            params.get(mean(l)).assign(0);
            params.get(var(l)).assign(1);
        }
    }

    /** The running statistics are not trained: the forward pass updates them, the updater must not. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return isRunningStatistic(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public java.util.List<Regularization> getRegularizationByParam(String paramName) {
        return isRunningStatistic(paramName) ? java.util.List.of() : super.getRegularizationByParam(paramName);
    }

    // ---------------------------------------------------------------- graph vertex contract

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new ConvEncoderVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, Map<String, SDVariable> layerInput,
            Map<String, SDVariable> paramTable, Map<String, SDVariable> maskVars) {
        throw new UnsupportedOperationException(
                "ConvEncoder is computed by ConvEncoderVertex (hand-written forward/backward), not by SameDiff");
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... in) throws InvalidInputTypeException {
        if (in.length != 1 || !(in[0] instanceof InputType.InputTypeConvolutional c) || c.getChannels() != inChannels
                || c.getHeight() != height || c.getWidth() != width) {
            throw new InvalidInputTypeException("ConvEncoder '" + getName() + "' was built for images [" + inChannels
                    + ", " + height + ", " + width + "] (c, h, w) but its input is " + Arrays.toString(in));
        }
        return InputType.convolutional(outputHeight(), outputWidth(), channels);
    }

    @Override
    public ConvEncoder clone() {
        return VertexConfigs.withSettingsOf(this, new ConvEncoder(kernel, channels, strides, inChannels, height, width));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConvEncoder e) || !super.equals(o)) {
            return false;
        }
        return kernel == e.kernel && channels == e.channels && Arrays.equals(strides, e.strides)
                && inChannels == e.inChannels && height == e.height && width == e.width;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), kernel, channels, Arrays.hashCode(strides), inChannels, height, width);
    }

    @Override
    public String toString() {
        return "ConvEncoder(" + strides.length + " x " + kernel + "x" + kernel + "x" + channels + ", strides "
                + Arrays.toString(strides) + ", input " + inChannels + "x" + height + "x" + width + ")";
    }
}
