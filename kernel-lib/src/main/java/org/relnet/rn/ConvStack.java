package org.relnet.rn;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The papers' image encoder: conv layers of {@code channels} kernels, each followed by batch norm and
 * ReLU, with "same" padding so every layer maps a side s to ceil(s / stride).
 *
 * <p>By default the whole stack is one {@link ConvEncoder} vertex (channels-last oneDNN convolutions, fused
 * BN + ReLU backward: several times faster than DL4J's layers here, see that class). {@link #withDl4jLayers()}
 * builds the same function from DL4J's own layers instead (vertices conv1, bn1, relu1, ...), kept as the
 * reference the fast path is tested against. ReLU is then a separate {@link ActivationLayer} because
 * DL4J's {@link BatchNormalization} ignores {@code .activation()}: conv -> BN -> ReLU would silently
 * become conv -> BN.
 */
public final class ConvStack {

    private final int kernel;
    private final int channels;
    private final int[] strides;
    private final boolean dl4jLayers;

    private ConvStack(int kernel, int channels, int[] strides) {
        this(kernel, channels, strides, false);
    }

    private ConvStack(int kernel, int channels, int[] strides, boolean dl4jLayers) {
        if (kernel <= 0 || channels <= 0 || strides.length == 0 || Arrays.stream(strides).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("ConvStack needs positive kernel, channels and strides, got kernel="
                    + kernel + ", channels=" + channels + ", strides=" + Arrays.toString(strides));
        }
        this.kernel = kernel;
        this.channels = channels;
        this.strides = strides.clone();
        this.dl4jLayers = dl4jLayers;
    }

    /** The same stack built from DL4J's ConvolutionLayer / BatchNormalization / ActivationLayer (slower). */
    public ConvStack withDl4jLayers() {
        return new ConvStack(kernel, channels, strides, true);
    }

    public boolean usesDl4jLayers() {
        return dl4jLayers;
    }

    public static ConvStack of(int kernel, int channels, int... strides) {
        return new ConvStack(kernel, channels, strides);
    }

    /** 75x75 images: 4 x (3x3, stride 2, 24 kernels) -> 5x5 = 25 objects (the PyTorch reference). */
    public static ConvStack for75px() {
        return of(3, 24, 2, 2, 2, 2);
    }

    /** 128x128 images: 4 x (5x5, 24 kernels), strides 3, 3, 2, 2 -> 4x4 = 16 objects (the TensorFlow reference). */
    public static ConvStack coarse128px() {
        return of(5, 24, 3, 3, 2, 2);
    }

    /** 128x128 images: 4 x (3x3, stride 2, 24 kernels) -> 8x8 = 64 objects (4096 pairs: the expensive one). */
    public static ConvStack fine128px() {
        return of(3, 24, 2, 2, 2, 2);
    }

    public int kernel() { return kernel; }

    public int channels() { return channels; }

    public int[] strides() { return strides.clone(); }

    /** Side of the output feature map for a square image of side {@code imageSize}. */
    public long outputSize(long imageSize) {
        long s = imageSize;
        for (int stride : strides) {
            s = (s + stride - 1) / stride;
        }
        return s;
    }

    /**
     * Adds the conv/BN/ReLU stack after {@code input} (NCHW images of {@code inChannels} x {@code height}
     * x {@code width}); returns the name of the vertex producing the feature map.
     */
    String addTo(GraphBuilder g, String input, long inChannels, long height, long width) {
        if (!dl4jLayers) {
            g.addVertex("conv", new ConvEncoder(kernel, channels, strides, inChannels, height, width), input);
            return "conv";
        }
        String prev = input;
        for (int i = 0; i < strides.length; i++) {
            String conv = "conv" + (i + 1);
            g.addLayer(conv, new ConvolutionLayer.Builder(kernel, kernel).stride(strides[i], strides[i])
                    .nOut(channels).convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), prev);
            g.addLayer("bn" + (i + 1), new BatchNormalization.Builder().build(), conv);
            g.addLayer("relu" + (i + 1), new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn" + (i + 1));
            prev = "relu" + (i + 1);
        }
        return prev;
    }

    @Override
    public String toString() {
        return "ConvStack(" + (dl4jLayers ? "DL4J layers, " : "") + strides.length + " x " + kernel + "x" + kernel + "x" + channels + ", strides "
                + Arrays.toString(strides) + ")";
    }
}
