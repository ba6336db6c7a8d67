package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Caffe's classical momentum, checked against the formulas written out by hand. */
class ClassicalMomentumTest {
    private static final double MU = 0.9;
    private static final LrSchedule LR = LrSchedule.inv(0.1, 0.5, 0.75); // a fast decay, so a wrong step index shows

    @Test
    void updaterFollowsCaffesFormulasStepByStep() {
        ClassicalMomentum cfg = new ClassicalMomentum(LR.toDl4j(), MU);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        GradientUpdater<?> u = cfg.instantiate(state, true);

        double[][] grads = {{1, -2, 0.5}, {0.25, 1, -1}, {-3, 0, 2}};
        double[] w = {0.3, -0.1, 0.7};
        double[] v = new double[3];     // Caffe: v = mu v - lr g; w += v
        double[] wDl4j = w.clone();     // DL4J: w -= update
        for (int t = 0; t < grads.length; t++) {
            double lr = 0.1 * Math.pow(1 + 0.5 * t, -0.75);
            for (int i = 0; i < 3; i++) {
                v[i] = MU * v[i] - lr * grads[t][i];
                w[i] += v[i];
            }
            INDArray g = Nd4j.createFromArray(new double[][] {grads[t]});
            u.applyUpdater(g, t, 0);
            for (int i = 0; i < 3; i++) wDl4j[i] -= g.getDouble(0, i);
            assertArrayEquals(w, wDl4j, 1e-12, "weights after step " + t);
        }
        // by hand for the first coordinate: lr0 = 0.1, lr1 = 0.1 * 1.5^-0.75, lr2 = 0.1 * 2^-0.75
        double lr1 = 0.1 * Math.pow(1.5, -0.75), lr2 = 0.1 * Math.pow(2, -0.75);
        double v0 = -0.1 * 1, v1 = MU * v0 - lr1 * 0.25, v2 = MU * v1 - lr2 * -3;
        assertEquals(0.3 + v0 + v1 + v2, wDl4j[0], 1e-12);
        // the velocity lives in DL4J's state array (what checkpoints save), with DL4J's sign
        assertEquals(-v2, state.getDouble(0, 0), 1e-12);
    }

    @Test
    void differsFromNesterovOnTheSameGradients() {
        GradientUpdater<?> classical = new ClassicalMomentum(0.1, MU).instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 1), true);
        GradientUpdater<?> nesterov = new org.nd4j.linalg.learning.config.Nesterovs(0.1, MU)
                .instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 1), true);
        double sumC = 0, sumN = 0;
        for (int t = 0; t < 3; t++) {
            INDArray gc = Nd4j.ones(DataType.DOUBLE, 1, 1), gn = gc.dup();
            classical.applyUpdater(gc, t, 0);
            nesterov.applyUpdater(gn, t, 0);
            sumC += gc.getDouble(0);
            sumN += gn.getDouble(0);
        }
        // constant gradient 1: classical moves 0.1 (1 + 1.9 + 2.71) = 0.561 in three steps
        assertEquals(0.561, sumC, 1e-12);
        // DL4J's Nesterov (v = mu v - lr g; w += mu v - lr g) runs ahead: 0.19 + 0.271 + 0.3439
        assertEquals(0.8049, sumN, 1e-12);
    }

    /** A linear layer with MSE: DL4J computes the gradient, the test checks the steps taken with it. */
    private static ComputationGraph tinyNet(org.nd4j.linalg.learning.config.IUpdater updater) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(updater).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build(), "in")
                .setOutputs("out").build());
        net.init();
        return net;
    }

    private static MultiDataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new MultiDataSet(Nd4j.rand(DataType.DOUBLE, 4, 3), Nd4j.rand(DataType.DOUBLE, 4, 2));
    }

    /** The gradient the updater receives: DL4J's summed gradient divided by the batch size, as fit() does first. */
    private static INDArray gradientAt(ComputationGraph net, MultiDataSet ds) {
        net.setInputs(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup().divi(ds.getFeatures(0).size(0));
    }

    @Test
    void inANetworkEachStepIsMomentumTimesLastStepMinusLrTimesGradient(@TempDir Path dir) throws IOException {
        ComputationGraph net = tinyNet(new ClassicalMomentum(LR.toDl4j(), MU));
        INDArray prevStep = Nd4j.zeros(DataType.DOUBLE, net.params().shape());
        for (int t = 0; t < 3; t++) {
            MultiDataSet ds = batch(10 + t);
            INDArray before = net.params().dup();
            INDArray g = gradientAt(net, ds);
            net.fit(ds);
            INDArray step = net.params().sub(before);
            INDArray expected = prevStep.mul(MU).sub(g.mul(LR.valueAt(t)));
            assertArrayEquals(expected.toDoubleVector(), step.toDoubleVector(), 1e-10, "step " + t);
            prevStep = step;
        }

        // ModelSerializer keeps the rule and the velocity: the restored net takes the same next step
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(file, true);
        BaseLayer conf = (BaseLayer) back.getLayer("out").conf().getLayer();
        ClassicalMomentum restored = assertInstanceOf(ClassicalMomentum.class, conf.getIUpdater());
        assertEquals(MU, restored.getMomentum());
        assertEquals(LR.valueAt(7), restored.getLearningRate(7, 0), 1e-15);
        assertArrayEquals(net.getUpdater().getStateViewArray().toDoubleVector(),
                back.getUpdater().getStateViewArray().toDoubleVector(), 0);
        MultiDataSet next = batch(99);
        net.fit(next);
        back.fit(next);
        assertArrayEquals(net.params().toDoubleVector(), back.params().toDoubleVector(), 1e-12);
    }

    @Test
    void trainConfigMomentumPutsItIntoEveryLayer() {
        ComputationGraph net = tinyNet(new org.nd4j.linalg.learning.config.Sgd(0.5));
        TrainConfig cfg = TrainConfig.builder().momentum().schedule(LR).steps(1).evalEvery(1).progress(false).build();
        UpdaterSetup.apply(net, cfg);
        BaseLayer conf = (BaseLayer) net.getLayer("out").conf().getLayer();
        ClassicalMomentum m = assertInstanceOf(ClassicalMomentum.class, conf.getIUpdater());
        assertEquals(MU, m.getMomentum());
        assertEquals(LR.valueAt(2), m.getLearningRate(2, 0), 1e-15);
    }
}
