package org.relnet.lenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.relnet.data.mnist.Mnist;
import org.relnet.data.mnist.MnistData;
import org.relnet.train.EvalSet;
import org.relnet.train.LrSchedule;
import org.relnet.train.TrainConfig;
import org.relnet.train.TrainResult;
import org.relnet.train.Trainer;

/** LeNet trained by the shared trainer on the synthetic digits, as the study does, but tiny. */
class LeNetTrainingTest {
    private static final double GAMMA = 0.001, POWER = 0.75;

    /** Caffe's inv policy written out independently of LrSchedule: base * exp(-power * ln(1 + gamma t)). */
    private static double caffeInv(double base, long t) {
        return base * Math.exp(-POWER * Math.log1p(GAMMA * t));
    }

    @Test
    void invScheduleHasCaffesValues() {
        LrSchedule s = LrSchedule.inv(0.01, GAMMA, POWER);
        for (long t : new long[] {0, 1, 100, 500, 999, 1000}) {
            assertEquals(caffeInv(0.01, t), s.valueAt(t), 1e-12, "step " + t);
        }
        assertEquals(0.01 / Math.pow(2, 0.75), s.valueAt(1000), 1e-12); // 1 + 0.001 * 1000 = 2
        assertEquals(0.005946, s.valueAt(1000), 1e-6);
    }

    @Test
    void shortRunLearnsWellAboveChanceAndUsesTheInvRates() {
        MnistData data = Mnist.synthetic(640, 200, 5);
        ComputationGraph net = LeNet.builder().seed(11).weightDecay(5e-4).build();
        EvalSet test = EvalSet.builder("test").iterator(data.test().batches(100, false, false, 0), 200).build();
        TrainConfig config = TrainConfig.builder().name("lenet-test").momentum()
                .schedule(LrSchedule.inv(0.01, GAMMA, POWER)).steps(40).evalEvery(40).seed(11).progress(false).build();

        TrainResult r = new Trainer(config).fit(net, data.train().batches(16, true, true, 11), test);

        assertEquals(TrainResult.Status.COMPLETED, r.status(), r.message());
        double acc = r.finalAccuracy("test");
        assertTrue(acc >= 0.1 + 0.4, "10 classes: chance is 0.1; after 40 steps LeNet should be past 0.5, got " + acc);
        // Caffe's classical momentum, and the rate DL4J applies at step t is Caffe's inv value, for every layer.
        for (String layer : new String[] {"conv1", "ip1", LeNet.OUTPUT}) {
            BaseLayer conf = (BaseLayer) net.getLayer(layer).conf().getLayer();
            assertTrue(conf.getIUpdater() instanceof org.relnet.train.ClassicalMomentum, layer + ": " + conf.getIUpdater());
            for (int t : new int[] {0, 39, 1000}) {
                assertEquals(caffeInv(0.01, t), conf.getIUpdater().getLearningRate(t, 0), 1e-12, layer + " step " + t);
            }
        }
    }
}
