package org.relnet.rn;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionLayer}, same configuration, parameters and checkpoints, whose forward and
 * backward passes are oneDNN's convolution ({@link Conv2d}) instead of DL4J M2.1's im2col + GEMM
 * (which writes its im2col matrix through a permuted 6-d view: ~60 % of a LeNet training step).
 *
 * <p>Only the plain case takes the fast path: NCHW, no dilation, identity activation (a conv followed by
 * pooling, as in LeNet), no dropout or weight noise, mode Same, Truncate or Strict. Anything else is built
 * as DL4J's own layer, so the configuration never computes something different.
 */
public class FastConvolutionLayer extends ConvolutionLayer {

    /** For JSON deserialisation only. */
    protected FastConvolutionLayer() {
    }

    private FastConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    /** Builds {@code builder}'s configuration (validated by its own {@code build()}) as a fast layer. */
    public static FastConvolutionLayer of(ConvolutionLayer.Builder builder) {
        builder.build();
        return new FastConvolutionLayer(builder);
    }

    boolean takesFastPath() {
        return getCnn2dDataFormat() == CNN2DFormat.NCHW && getDilation()[0] == 1 && getDilation()[1] == 1
                && getActivationFn() instanceof ActivationIdentity && getIDropout() == null && getWeightNoise() == null
                && getConvolutionMode() != ConvolutionMode.Causal;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        if (!takesFastPath()) {
            return super.instantiate(conf, listeners, index, paramsView, initializeParams, dataType);
        }
        return RuntimeLayers.wire(new OneDnnLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    @Override
    public FastConvolutionLayer clone() {
        return (FastConvolutionLayer) super.clone();
    }

    /** The runtime layer: DL4J's, with activate and backprop on {@link Conv2d}. */
    static final class OneDnnLayer extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {

        OneDnnLayer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private Conv2d conv;

        /** The convolution (package-private for the tests: which implementation oneDNN chose). */
        Conv2d conv() {
            if (conv == null) {
                ConvolutionLayer c = layerConf();
                conv = new Conv2d(c.getKernelSize(), c.getStride(), c.getPadding(),
                        c.getConvolutionMode() == ConvolutionMode.Same, false, true);
            }
            return conv;
        }

        private INDArray bias(java.util.Map<String, INDArray> table) {
            INDArray b = table.get(ConvolutionParamInitializer.BIAS_KEY);
            return layerConf().hasBias() ? b.reshape(b.length()) : null;
        }

        private INDArray typedInput() {
            return input.dataType() == dataType ? input : input.castTo(dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            validateInputRank();
            validateInputDepth(layerConf().getNIn());
            ConvolutionLayer c = layerConf();
            int[] out = ConvolutionUtils.getOutputSize(input, c.getKernelSize(), c.getStride(), c.getPadding(),
                    c.getConvolutionMode(), c.getDilation(), CNN2DFormat.NCHW);
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                    new long[] {input.size(0), c.getNOut(), out[0], out[1]}, 'c');
            conv().forward(typedInput(), getParam(ConvolutionParamInitializer.WEIGHT_KEY), bias(params), z);
            return z;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray dInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
            INDArray dW = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
            INDArray dz = epsilon.dataType() == dataType ? epsilon : epsilon.castTo(dataType);
            conv().backward(typedInput(), getParam(ConvolutionParamInitializer.WEIGHT_KEY), bias(params), dz,
                    dInput, dW, bias(gradientViews));
            Gradient gradient = new DefaultGradient();
            if (layerConf().hasBias()) {
                gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY,
                        gradientViews.get(ConvolutionParamInitializer.BIAS_KEY));
            }
            gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, dW, 'c');
            return new Pair<>(gradient, dInput);
        }
    }
}
