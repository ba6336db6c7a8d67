package org.relnet.rn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link DenseLayer}, same configuration, parameters and checkpoints, with two costs of DL4J M2.1's
 * training step removed: its three matrix products per layer run on {@link Gemm} (oneDNN's sgemm) instead of
 * ND4J's OpenBLAS, and backprop does not recompute the forward product {@code z = xW + b} to take the
 * activation's derivative. For ReLU that derivative depends only on where {@code z > 0}, which is where the
 * forward's output {@code relu(z) > 0}, so the output kept from the forward pass serves instead.
 *
 * <p>Only plain ReLU layers (no threshold, slope or cap; no layer norm or weight noise) take this path, and
 * backprop only when it follows the training forward on the same input, without a mask; everything else
 * runs DL4J's own code. A dropout applied in place to the output by the next layer keeps the sign of every
 * unit it keeps, and the gradient of a dropped unit is 0 either way.
 */
public class FastDenseLayer extends DenseLayer {

    /** For JSON deserialisation only. */
    protected FastDenseLayer() {
    }

    /** {@code builder}'s configuration (built and validated by its own {@code build()}) as a fast layer. */
    public static FastDenseLayer of(DenseLayer.Builder builder) {
        DenseLayer built = builder.build();
        FastDenseLayer fast = new FastDenseLayer();
        // DenseLayer's constructor from a builder is private: copy what it set, field by field.
        for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    try {
                        f.setAccessible(true);
                        f.set(fast, f.get(built));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot copy DenseLayer." + f.getName(), e);
                    }
                }
            }
        }
        return fast;
    }

    boolean takesFastPath() {
        return new ActivationReLU().equals(getActivationFn()) && !hasLayerNorm() && getWeightNoise() == null;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        if (!takesFastPath()) {
            return super.instantiate(conf, listeners, index, paramsView, initializeParams, dataType);
        }
        return RuntimeLayers.wire(new ReluLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    @Override
    public FastDenseLayer clone() {
        return (FastDenseLayer) super.clone();
    }

    /** The runtime layer: DL4J's, with its products on {@link Gemm} and z's sign taken from the kept output. */
    static final class ReluLayer extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        private INDArray output;      // relu(z) of the last training forward
        private INDArray outputInput; // the (dropped-out) input it was computed from
        int reuses;                   // backprops that took z's sign from the output (for the tests)

        ReluLayer(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            applyDropOutIfNecessary(training, workspaceMgr); // once per input: DL4J's code below skips it then
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            output = null;
            if (maskArray != null || input.rank() != 2 || input.size(1) != w.size(0)) {
                return super.activate(training, workspaceMgr); // masks; DL4J's message for a wrong input
            }
            INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.size(0), w.size(1));
            Gemm.gemm(input.castTo(dataType), w, z, false, false, 1.0, 0.0);
            if (hasBias()) {
                z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
            }
            INDArray out = layerConf().getActivationFn().getActivation(z, training); // in place
            if (training) {
                output = out;
                outputInput = input;
            }
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (output == null || input != outputInput || maskArray != null) {
                return super.backpropGradient(epsilon, workspaceMgr); // no matching training forward
            }
            assertInputSet(true);
            // The activation's backprop overwrites its argument with the result: hand it a copy.
            INDArray delta = layerConf().getActivationFn()
                    .backprop(workspaceMgr.dup(ArrayType.ACTIVATIONS, output), epsilon).getFirst();
            reuses++;
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGrad, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Gemm.gemm(input.castTo(dataType), delta, weightGrad, true, false, 1.0, 0.0);
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                    new long[] {delta.size(0), w.size(0)}, 'f');
            Gemm.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
            return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
        }

        @Override
        public void clear() {
            super.clear();
            output = null;
            outputInput = null;
        }
    }
}
