package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FastDenseLayerTest {

    /** 7 -> 16 ReLU -> 12 ReLU (50 % dropout on its output) -> 3 softmax. */
    private static MultiLayerNetwork net(Function<DenseLayer.Builder, Layer> dense) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(dense.apply(new DenseLayer.Builder().nOut(16).activation(Activation.RELU)))
                .layer(dense.apply(new DenseLayer.Builder().nOut(12).activation(Activation.RELU)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .dropOut(0.5).build())
                .setInputType(InputType.feedForward(7)).build());
        net.init();
        return net;
    }

    /** Same parameters, data and dropout masks: training steps give DL4J's DenseLayer's parameters exactly. */
    @Test
    void trainsExactlyLikeDl4jsDenseLayer() {
        MultiLayerNetwork dl4j = net(DenseLayer.Builder::build);
        MultiLayerNetwork fast = net(FastDenseLayer::of);
        assertInstanceOf(FastDenseLayer.ReluLayer.class, fast.getLayer(0));
        assertInstanceOf(FastDenseLayer.ReluLayer.class, fast.getLayer(1));
        assertEquals(dl4j.params(), fast.params());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 20, 7);
        INDArray y = Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 7).getRows(java.util.stream.IntStream.range(0, 20).toArray());
        for (int step = 0; step < 5; step++) {
            Nd4j.getRandom().setSeed(100 + step); // the same dropout masks on both sides
            dl4j.fit(x, y);
            Nd4j.getRandom().setSeed(100 + step);
            fast.fit(x, y);
        }
        assertEquals(5, ((FastDenseLayer.ReluLayer) fast.getLayer(0)).reuses);
        assertEquals(5, ((FastDenseLayer.ReluLayer) fast.getLayer(1)).reuses);
        assertTrue(dl4j.params().equalsWithEps(fast.params(), 1e-6), dl4j.params() + "\nvs\n" + fast.params());
        assertFalse(dl4j.params().equalsWithEps(net(DenseLayer.Builder::build).params(), 1e-3), "the steps trained");
    }

    @Test
    void otherActivationsAreDl4jsOwnLayerAndCheckpointsRoundTrip() throws Exception {
        assertFalse(FastDenseLayer.of(new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.TANH)).takesFastPath());
        assertFalse(FastDenseLayer.of(new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.LEAKYRELU)).takesFastPath());
        MultiLayerNetwork net = net(FastDenseLayer::of);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertInstanceOf(FastDenseLayer.ReluLayer.class, back.getLayer(0));
        assertEquals(net.params(), back.params());
    }
}
