package org.relnet.lenet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.relnet.rn.FastConvolutionLayer;
import org.relnet.rn.FastDenseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Caffe's LeNet for MNIST as a {@link ComputationGraph}:
 * conv 20@5x5 -> max-pool 2x2/2 -> conv 50@5x5 -> max-pool 2x2/2 -> dense 500 ReLU -> softmax 10.
 * The convolutions are {@link FastConvolutionLayer}s: DL4J's layer, computed by oneDNN; ip1 is a
 * {@link FastDenseLayer} (DL4J's, without the forward recomputed in backprop).
 *
 * <p>Caffe details kept because they change what the study measures: the convolutions have no
 * non-linearity of their own (only the dense layer has ReLU); weights use Caffe's "xavier" filler,
 * uniform on [-a, a] with a = sqrt(3 / fan_in), so variance 1 / fan_in; biases start at 0. (DL4J's
 * {@code VAR_SCALING_UNIFORM_FAN_IN} and {@code LECUN_UNIFORM} draw with a = 3 / sqrt(fan_in), three
 * times that variance: measured here, it tripled the initial loss and made lr 0.04 diverge.) Caffe's doubled bias learning rate is not reproduced (the shared trainer gives every
 * parameter the same rule). The optimiser set here is a default: the trainer replaces it.
 * Immutable builder, like DL4J's configurations.
 */
public final class LeNet {
    public static final String INPUT = "image";
    public static final String OUTPUT = "digit";

    private LeNet() {}

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private long seed = 1;
        private IUpdater updater = new Sgd(0.01);
        private double weightDecay = 0;
        private int height = 28;
        private int width = 28;
        private int classes = 10;

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.seed = seed; b.updater = updater; b.weightDecay = weightDecay;
            b.height = height; b.width = width; b.classes = classes;
            return b;
        }

        /** Seed of the weight initialisation. */
        public Builder seed(long seed) { Builder b = copy(); b.seed = seed; return b; }

        /** The optimiser, learning-rate schedule included. */
        public Builder updater(IUpdater u) { Builder b = copy(); b.updater = u; return b; }

        /** L2 weight decay on weights (Caffe's lenet solver: 5e-4). */
        public Builder weightDecay(double wd) { Builder b = copy(); b.weightDecay = wd; return b; }

        public Builder inputSize(int h, int w) { Builder b = copy(); b.height = h; b.width = w; return b; }

        public Builder classes(int n) { Builder b = copy(); b.classes = n; return b; }

        public ComputationGraphConfiguration configuration() {
            int pooledH = ((height - 4) / 2 - 4) / 2;
            int pooledW = ((width - 4) / 2 - 4) / 2;
            NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                    .seed(seed)
                    .updater(updater)
                    .biasInit(0);
            if (weightDecay > 0) base.l2(weightDecay);
            return base.graphBuilder()
                    .addInputs(INPUT)
                    .setInputTypes(InputType.convolutional(height, width, 1))
                    .addLayer("conv1", FastConvolutionLayer.of(new ConvolutionLayer.Builder(5, 5).nOut(20).stride(1, 1)
                            .weightInit(caffeXavier(5 * 5)).activation(Activation.IDENTITY)), INPUT)
                    .addLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(2, 2).stride(2, 2).build(), "conv1")
                    .addLayer("conv2", FastConvolutionLayer.of(new ConvolutionLayer.Builder(5, 5).nOut(50).stride(1, 1)
                            .weightInit(caffeXavier(20 * 5 * 5)).activation(Activation.IDENTITY)), "pool1")
                    .addLayer("pool2", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(2, 2).stride(2, 2).build(), "conv2")
                    .addLayer("ip1", FastDenseLayer.of(new DenseLayer.Builder().nOut(500)
                            .weightInit(caffeXavier(50 * pooledH * pooledW)).activation(Activation.RELU)), "pool2")
                    .addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nOut(classes).weightInit(caffeXavier(500)).activation(Activation.SOFTMAX).build(), "ip1")
                    .setOutputs(OUTPUT)
                    .build();
        }

        /** A new, initialised network. */
        public ComputationGraph build() {
            ComputationGraph net = new ComputationGraph(configuration());
            net.init();
            return net;
        }
    }

    /** Caffe's "xavier" filler: uniform with variance 1 / fanIn. */
    private static UniformDistribution caffeXavier(int fanIn) {
        double a = Math.sqrt(3.0 / fanIn);
        return new UniformDistribution(-a, a);
    }

    /**
     * Multiply-adds of one forward pass for one 28x28 image (conv1 288k, conv2 1.6M, ip1 400k,
     * ip2 5k): about 2.3 M; a training step costs about three times that per image.
     */
    public static long forwardMacsPerImage() {
        long conv1 = 24L * 24 * 20 * (5 * 5 * 1);
        long conv2 = 8L * 8 * 50 * (5 * 5 * 20);
        long ip1 = 800L * 500;
        long ip2 = 500L * 10;
        return conv1 + conv2 + ip1 + ip2;
    }
}
