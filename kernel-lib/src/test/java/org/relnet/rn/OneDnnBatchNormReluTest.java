package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.rn.BatchNormRelu.Activation;

/** oneDNN's fused training batch norm + ReLU computes what kernel-lib's Java loops compute. */
class OneDnnBatchNormReluTest {

    @Test
    void matchesTheJavaLoops() {
        assumeTrue(Conv2d.ONEDNN_UNAVAILABLE == null, "oneDNN not usable here");
        int b = 5;
        int c = 7; // not a multiple of oneDNN's 8-channel blocks
        int h = 3;
        int w = 4;
        int rows = b * h * w;
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.randn(DataType.FLOAT, b, h, w, c).muli(2).addi(0.5);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 1, c).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.FLOAT, 1, c).muli(0.3);
        INDArray gradAct = Nd4j.randn(DataType.FLOAT, b, h, w, c);

        OneDnnBatchNormRelu bn = new OneDnnBatchNormRelu(new long[] {b, c, h, w}, ConvEncoder.EPS);
        INDArray act = z.ulike();
        INDArray mean = Nd4j.create(DataType.FLOAT, c);
        INDArray var = Nd4j.create(DataType.FLOAT, c);
        bn.forward(z, gamma, beta, act, mean, var);
        INDArray dz = z.ulike();
        INDArray dGamma = gamma.ulike();
        INDArray dBeta = beta.ulike();
        bn.backward(z, gamma, beta, mean, var, gradAct, dz, dGamma, dBeta);
        bn.close();

        double[][] stats = BatchNormRelu.channelStatistics(z, rows, c);
        double[] g = gamma.toDoubleVector();
        double[] bt = beta.toDoubleVector();
        double[] invStd = new double[c];
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int j = 0; j < c; j++) {
            invStd[j] = 1 / Math.sqrt(stats[1][j] + ConvEncoder.EPS);
            scale[j] = g[j] * invStd[j];
            shift[j] = bt[j] - stats[0][j] * scale[j];
        }
        Activation folded = new Activation(scale, shift);
        INDArray expectedAct = z.ulike();
        BatchNormRelu.activate(z, expectedAct, rows, c, folded);
        INDArray expectedDz = gradAct.dup();
        double[][] d = BatchNormRelu.backward(expectedDz, z, rows, c, folded, stats[0], invStd, g);

        assertClose(Nd4j.createFromArray(stats[0]), mean, 1e-5, "batch mean");
        assertClose(Nd4j.createFromArray(stats[1]), var, 1e-4, "batch variance (biased)");
        assertTrue(expectedAct.gt(0).castTo(DataType.FLOAT).sumNumber().doubleValue() > rows * c / 4.0, "ReLU lets some through");
        assertClose(expectedAct, act, 1e-5, "activation");
        assertClose(expectedDz, dz, 1e-4, "gradient w.r.t. z");
        assertClose(Nd4j.createFromArray(d[0]), dGamma, 1e-4, "dGamma");
        assertClose(Nd4j.createFromArray(d[1]), dBeta, 1e-4, "dBeta");
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        double scale = Math.max(1, e.amaxNumber().doubleValue());
        assertEquals(0.0, e.sub(a).amaxNumber().doubleValue() / scale, tolerance, what);
    }
}
