package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.relnet.train.EvalSet;
import org.relnet.train.ShuffledBatches;
import org.relnet.train.TrainConfig;

/** The Trainer-backed objective on a tiny model: 3 Gaussian classes in 4-D, a 4-12-3 MLP. */
class TrainerObjectiveTest {
    @TempDir Path tmp;

    /** n examples of class c centred at 2 * e_c with unit noise: features and one-hot labels. */
    private static INDArray[] blobs(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][4];
        float[][] y = new float[n][3];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int d = 0; d < 4; d++) x[i][d] = (float) (r.nextGaussian() + (d == c ? 2 : 0));
            y[i][c] = 1;
        }
        return new INDArray[] {Nd4j.create(x), Nd4j.create(y)};
    }

    private static ComputationGraph mlp(long seed) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(12).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(12).nOut(3).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    private static final INDArray[] TRAIN = blobs(240, 1);
    private static final INDArray[] TEST = blobs(120, 2);

    private static TrainerObjective objective() {
        return TrainerObjective.builder()
                .train(TrainConfig.builder().adam().steps(30).evalEvery(10).build())
                .model((config, seed) -> mlp(seed))
                .data((config, seed) -> new ShuffledBatches(TRAIN[0], TRAIN[1], 32, seed))
                .evalSets(EvalSet.of("test", TEST[0], TEST[1]))
                .build();
    }

    private static final Space LR = Space.builder().choice("lr", 5e-2, 1e-5, 2e-5).build();

    private Study.Builder study(String name, Strategy strategy) {
        return Study.builder().space(LR).strategy(strategy).objective(objective()).dir(tmp.resolve(name)).progress(false);
    }

    @Test
    void reportsEveryEvaluationAndAshaStopsPoorTrialsAtTheFirstRung() {
        // Rungs: step 10 only (eta 3, full budget 30). Trial 0 (lr 5e-2) goes on; 1e-5 and 2e-5 barely move and are stopped.
        StudyResults r = study("asha", new Asha(new GridSearch(), 10, 30, 3)).build().run();
        TrialResult fast = r.trials().get(0);
        assertEquals(5e-2, fast.config().getDouble("lr"));
        assertEquals(TrialResult.Status.COMPLETED, fast.status());
        assertEquals(List.of(10L, 20L, 30L), fast.curve().stream().map(CurvePoint::step).toList());
        Map<String, Double> m = fast.finalMetrics();
        for (String k : List.of("accuracy", "lr", "loss", "test_loss", "test_acc")) assertTrue(m.containsKey(k), "missing " + k + " in " + m);
        assertEquals(m.get("test_acc"), m.get("accuracy"));
        assertEquals(5e-2, m.get("lr"), 1e-9);
        assertTrue(fast.metric("accuracy") > 0.9, "lr 5e-2 learns the blobs: " + fast.metric("accuracy"));
        assertTrue(fast.peakOffHeapBytes() > 0, "ND4J's off-heap memory is measured");
        for (int i = 1; i <= 2; i++) {
            TrialResult slow = r.trials().get(i);
            assertEquals(TrialResult.Status.PRUNED, slow.status(), "trial " + i);
            assertEquals(10, slow.steps(), "trial " + i + " stopped at the rung");
            assertTrue(fast.curve().get(0).metrics().get("test_loss") < slow.metric("test_loss"),
                    "at step 10 lr " + slow.config().get("lr") + " is behind: " + slow.metric("test_loss"));
        }
    }

    /** A context outside any study: records reports; interrupts its thread after a given step. */
    private static final class Recording implements TrialContext {
        final List<CurvePoint> curve = new ArrayList<>();
        final Path dir;
        final long interruptAfter;

        Recording(Path dir, long interruptAfter) {
            this.dir = dir;
            this.interruptAfter = interruptAfter;
        }

        @Override public long seed() {
            return 5;
        }

        @Override public boolean report(long step, Map<String, Double> metrics) {
            curve.add(new CurvePoint(step, metrics));
            if (step == interruptAfter) Thread.currentThread().interrupt();
            return false;
        }

        @Override public boolean shouldStop() {
            return false;
        }

        @Override public Path workDir() {
            return dir;
        }
    }

    @Test
    void aTrialCutShortResumesFromItsCheckpointWithTheSameCurve() throws Exception {
        Trial trial = new Trial(0, Config.of(Map.of("lr", 1e-2)), 5, 0);
        Recording whole = new Recording(Files.createDirectories(tmp.resolve("whole")), -1);
        objective().run(trial, whole);

        Path dir = Files.createDirectories(tmp.resolve("cut"));
        Recording first = new Recording(dir, 10);
        assertThrows(InterruptedException.class, () -> objective().run(trial, first));
        assertTrue(Thread.interrupted(), "the trainer leaves the interrupt flag set");
        assertTrue(Files.exists(dir.resolve("checkpoint.zip")));
        assertEquals(1, first.curve.size());

        Recording second = new Recording(dir, -1);
        objective().run(trial, second);
        // The resumed run reports the checkpoint's evaluations again, then continues exactly.
        assertEquals(whole.curve.size(), second.curve.size());
        for (int i = 0; i < whole.curve.size(); i++) {
            assertEquals(whole.curve.get(i).step(), second.curve.get(i).step());
            assertEquals(whole.curve.get(i).metrics().get("test_loss"), second.curve.get(i).metrics().get("test_loss"), 1e-6, "point " + i);
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
