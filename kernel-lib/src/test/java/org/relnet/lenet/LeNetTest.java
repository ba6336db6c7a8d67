package org.relnet.lenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LeNetTest {
    @Test
    void hasCaffesLayersAndParameterCount() {
        ComputationGraph net = LeNet.builder().seed(3).build();
        // conv1 20x(1x5x5)+20, conv2 50x(20x5x5)+50, ip1 800x500+500, ip2 500x10+10 (Caffe's LeNet)
        long expected = (20 * 25 + 20) + (50 * 20 * 25 + 50) + (800 * 500 + 500) + (500 * 10 + 10);
        assertEquals(expected, net.numParams());
        assertEquals(20, net.getLayer("conv1").getParam("W").size(0));
        assertEquals(50, net.getLayer("conv2").getParam("W").size(0));
        assertEquals(500, net.getLayer("ip1").getParam("W").size(1));
    }

    @Test
    void outputsAProbabilityPerDigit() {
        ComputationGraph net = LeNet.builder().seed(3).build();
        INDArray out = net.outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 28, 28));
        assertArrayEquals(new long[] {4, 10}, out.shape());
        INDArray sums = out.sum(1);
        for (int i = 0; i < 4; i++) assertEquals(1.0, sums.getDouble(i), 1e-5);
    }

    @Test
    void forwardCostMatchesLayerArithmetic() {
        // conv1: 24*24 outputs x 20 maps x 25 taps; conv2: 8*8 x 50 x (20*25); ip1 800*500; ip2 500*10
        assertEquals(288_000 + 1_600_000 + 400_000 + 5_000, LeNet.forwardMacsPerImage());
    }

    @Test
    void weightsFollowCaffesXavierFillerAndStartAtChanceLoss() {
        ComputationGraph net = LeNet.builder().seed(5).build();
        String[] layers = {"conv1", "conv2", "ip1", LeNet.OUTPUT};
        int[] fanIn = {25, 500, 800, 500};
        for (int i = 0; i < layers.length; i++) {
            double std = net.getLayer(layers[i]).getParam("W").stdNumber().doubleValue();
            assertEquals(Math.sqrt(1.0 / fanIn[i]), std, 0.1 * Math.sqrt(1.0 / fanIn[i]), layers[i]);
            assertEquals(0.0, net.getLayer(layers[i]).getParam("b").sumNumber().doubleValue(), 0.0, layers[i] + " bias");
        }
        // Variance-preserving init: outputs start near uniform, so the loss starts near ln 10.
        var digits = org.relnet.data.mnist.SyntheticDigits.generate(128, 2).batches(128, false, false, 0).next();
        assertEquals(Math.log(10), net.score(digits), 0.15);
    }
}
