package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;

import java.util.List;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FastConvolutionLayerTest {

    private static MultiLayerNetwork net(DataType type, Function<ConvolutionLayer.Builder, Layer> conv,
            ConvolutionMode mode, int stride, int padding) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(new Sgd(0.1)).convolutionMode(mode).list()
                .layer(conv.apply(new ConvolutionLayer.Builder(5, 5).nOut(6).stride(stride, stride)
                        .padding(padding, padding).activation(Activation.IDENTITY)))
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(conv.apply(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(17, 15, 2)).build());
        net.init();
        return net;
    }

    /** The fast layers compute DL4J's layers' outputs, loss and every parameter gradient (same parameters). */
    @ParameterizedTest
    @CsvSource({"FLOAT, Truncate, 1, 0", "FLOAT, Same, 2, 0", "DOUBLE, Truncate, 2, 1", "DOUBLE, Same, 1, 0"})
    void equalsDl4jsConvolutionLayer(DataType type, ConvolutionMode mode, int stride, int padding) {
        MultiLayerNetwork dl4j = net(type, ConvolutionLayer.Builder::build, mode, stride, padding);
        MultiLayerNetwork fast = net(type, FastConvolutionLayer::of, mode, stride, padding);
        assertInstanceOf(FastConvolutionLayer.OneDnnLayer.class, fast.getLayer(0));
        assertInstanceOf(FastConvolutionLayer.OneDnnLayer.class, fast.getLayer(2));
        fast.setParams(dl4j.params());
        INDArray x = Nd4j.rand(type, 5, 2, 17, 15).subi(0.5);
        INDArray y = Nd4j.eye(3).castTo(type).repeat(0, 2).getRows(0, 1, 2, 3, 4);
        double tol = type == DataType.FLOAT ? 1e-4 : 1e-10;
        assertTrue(dl4j.output(x).equalsWithEps(fast.output(x), tol));
        dl4j.setInput(x);
        dl4j.setLabels(y);
        fast.setInput(x);
        fast.setLabels(y);
        dl4j.computeGradientAndScore();
        fast.computeGradientAndScore();
        assertEquals(dl4j.score(), fast.score(), tol);
        Gradient expected = dl4j.gradient();
        Gradient actual = fast.gradient();
        assertEquals(expected.gradientForVariable().keySet(), actual.gradientForVariable().keySet());
        for (String key : expected.gradientForVariable().keySet()) {
            INDArray e = expected.getGradientFor(key);
            INDArray a = actual.getGradientFor(key);
            double scale = Math.max(1, e.amaxNumber().doubleValue());
            assertTrue(e.equalsWithEps(a, tol * scale), key + ": " + e + " vs " + a);
        }
        if (type == DataType.FLOAT && Conv2d.ONEDNN_UNAVAILABLE == null) { // else libnd4j's ops, by design
            for (int layer : new int[] {0, 2}) {
                List<String> used = ((FastConvolutionLayer.OneDnnLayer) fast.getLayer(layer)).conv().oneDnnImplementations();
                assertFalse(used.isEmpty(), "layer " + layer + " did not call oneDNN directly");
            }
        }
    }

    @Test
    void otherCasesAreBuiltAsDl4jsOwnLayerAndCheckpointsRoundTrip() throws Exception {
        FastConvolutionLayer relu = FastConvolutionLayer.of(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU));
        assertFalse(relu.takesFastPath());
        MultiLayerNetwork net = net(DataType.FLOAT, FastConvolutionLayer::of, ConvolutionMode.Truncate, 1, 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertInstanceOf(FastConvolutionLayer.OneDnnLayer.class, back.getLayer(0));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 17, 15);
        assertEquals(net.output(x), back.output(x));
    }
}
