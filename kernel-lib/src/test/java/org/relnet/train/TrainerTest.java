package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import tech.tablesaw.api.Table;

class TrainerTest {
    private static final int CLASSES = 3;
    private final Toy train = new Toy(320, 1);
    private final Toy test = new Toy(150, 2);

    private EvalSet testSet() {
        int[] group = new int[test.cls.length];
        for (int i = 0; i < group.length; i++) group[i] = test.cls[i] == 0 ? 0 : 1;
        return EvalSet.builder("test").data(test.x, test.y)
                .categories(group, "class0", "class1or2")
                .categories(test.cls, "c0", "c1", "c2")
                .build();
    }

    private EvalSet trainSet() {
        return EvalSet.of("train", train.x, train.y);
    }

    private TrainConfig.Builder quick() {
        return TrainConfig.builder().adam().lr(0.01).steps(60).evalEvery(10).seed(7).progress(false);
    }

    @Test
    void learnsASeparableTask() {
        TrainResult r = new Trainer(quick().steps(100).build())
                .fit(Toy.mlp(3), new ShuffledBatches(train.x, train.y, 32, 5), trainSet(), testSet());
        assertEquals(TrainResult.Status.COMPLETED, r.status(), r.message());
        assertTrue(r.finalAccuracy("test") > 0.85, "test accuracy " + r.finalAccuracy("test"));
        assertTrue(r.finalAccuracy("test", "class0") > 0.8);
        Table h = r.history();
        assertEquals(10, h.rowCount());
        assertTrue(h.columnNames().containsAll(List.of("step", "epoch", "lr", "loss", "train_loss", "train_acc",
                "test_loss", "test_acc", "test_acc_class0", "test_acc_class1or2", "test_acc_c0", "wall_s")), h.columnNames().toString());
        // loss went down: last interval's mean mini-batch loss well below the first's
        assertTrue(h.doubleColumn("loss").get(9) < 0.6 * h.doubleColumn("loss").get(0), h.print());
        // 320 examples / 32 per batch = 10 batches per epoch: step 100 is the last batch of epoch 9
        assertEquals(9, h.intColumn("epoch").get(9));
    }

    @Test
    void scheduleDrivesEveryUpdateExactly() {
        // Full-batch SGD without dropout's randomness mattering: p(t+1) = p(t) - lr(t) * grad(p(t)).
        LrSchedule schedule = LrSchedule.stepDecay(0.2, 0.5, 2);
        ComputationGraph g = Toy.mlp(3);
        g.getLayer("hidden").conf().getLayer().setIDropout(null);
        List<INDArray> params = new ArrayList<>();
        params.add(g.params().dup());
        TrainConfig cfg = quick().sgd().schedule(schedule).steps(5).evalEvery(1).build();
        Trainer t = new Trainer(cfg).addListener(p -> {
            params.add(g.params().dup());
            return TrainListener.Decision.CONTINUE;
        });
        MultiDataSet all = new org.nd4j.linalg.dataset.MultiDataSet(train.x, train.y);
        t.fit(g, new ShuffledBatches(new INDArray[] {train.x}, new INDArray[] {train.y}, 320, 1, false), trainSet());
        assertEquals(6, params.size());
        ComputationGraph probe = Toy.mlp(3);
        probe.getLayer("hidden").conf().getLayer().setIDropout(null);
        for (int step = 0; step < 5; step++) {
            probe.setParams(params.get(step));
            probe.setInputs(all.getFeatures());
            probe.setLabels(all.getLabels());
            probe.computeGradientAndScore();
            INDArray grad = probe.gradient().gradient();
            INDArray applied = params.get(step).sub(params.get(step + 1));
            // DL4J's gradient() is summed over the batch; its updater divides by the batch size.
            INDArray expected = grad.mul(schedule.valueAt(step) / 320);
            double err = applied.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
            assertTrue(err < 1e-4, "step " + step + ": relative difference " + err);
        }
    }

    @Test
    void interruptedThenResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        TrainConfig base = quick().steps(60).evalEvery(10).build();
        TrainResult straight = new Trainer(base).fit(Toy.mlp(3), new ShuffledBatches(train.x, train.y, 32, 5), trainSet(), testSet());

        Path ckpt = dir.resolve("run.zip");
        TrainConfig withCkpt = base.toBuilder().checkpoint(ckpt).build();
        // The 37th batch is fetched for step 37; the trainer must stop before step 38 (mid-interval).
        TrainResult first = new Trainer(withCkpt).fit(Toy.mlp(3),
                new InterruptingIterator(new ShuffledBatches(train.x, train.y, 32, 5), 37), trainSet(), testSet());
        assertTrue(Thread.interrupted(), "the interrupt flag must be left set (and is cleared here)");
        assertEquals(TrainResult.Status.INTERRUPTED, first.status());
        assertEquals(37, first.steps());
        assertEquals(3, first.evaluations().size(), "history so far kept");
        assertTrue(Files.exists(ckpt));
        assertFalse(Files.exists(dir.resolve("run.zip.tmp")));

        TrainResult resumed = new Trainer(withCkpt).fit(Toy.mlp(99), new ShuffledBatches(train.x, train.y, 32, 5), trainSet(), testSet());
        assertEquals(TrainResult.Status.COMPLETED, resumed.status(), resumed.message());
        assertSameHistory(straight.history(), resumed.history());
        assertEquals(straight.model().params(), resumed.model().params());
    }

    @Test
    void interruptAtAnEvaluationResumesIdentically(@TempDir Path dir) {
        TrainConfig base = quick().steps(40).evalEvery(10).build();
        TrainResult straight = new Trainer(base).fit(Toy.mlp(3), new ShuffledBatches(train.x, train.y, 32, 5), testSet());
        TrainConfig withCkpt = base.toBuilder().checkpoint(dir.resolve("c.zip")).build();
        TrainResult first = new Trainer(withCkpt).addListener(p -> {
            if (p.step() == 20) Thread.currentThread().interrupt();   // as the notebook's stop button does
            return TrainListener.Decision.CONTINUE;
        }).fit(Toy.mlp(3), new ShuffledBatches(train.x, train.y, 32, 5), testSet());
        assertTrue(Thread.interrupted());
        assertEquals(TrainResult.Status.INTERRUPTED, first.status());
        assertEquals(20, first.steps());
        TrainResult resumed = new Trainer(withCkpt).fit(Toy.mlp(3), new ShuffledBatches(train.x, train.y, 32, 5), testSet());
        assertSameHistory(straight.history(), resumed.history());
    }

    @Test
    void checkpointIsAnOrdinaryDl4jModelFile(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("m.zip");
        TrainResult r = new Trainer(quick().steps(20).checkpoint(ckpt).build())
                .fit(Toy.mlp(3), new ShuffledBatches(train.x, train.y, 32, 5), testSet());
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(ckpt.toFile(), true);
        assertEquals(r.model().params(), restored.params());
        assertEquals(20, Checkpoint.read(ckpt).step());
        assertEquals(2, Checkpoint.read(ckpt).history().points().size());
    }

    @Test
    void nanLossStopsWithAClearMessage() {
        INDArray x = train.x.dup();
        x.putScalar(new long[] {100, 2}, Float.NaN);   // example 100 is in batch 4 (examples 96..127) of an unshuffled pass
        TrainResult r = new Trainer(quick().build())
                .fit(Toy.mlp(3), new ShuffledBatches(new INDArray[] {x}, new INDArray[] {train.y}, 32, 5, false), testSet());
        assertEquals(TrainResult.Status.DIVERGED, r.status());
        assertEquals(4, r.steps());
        assertTrue(r.message().contains("diverged at step 4") && r.message().contains("NaN"), r.message());
        assertTrue(r.message().contains("smaller learning rate"), r.message());
    }

    @Test
    void listenerCanStopTraining() {
        List<Integer> seen = new ArrayList<>();
        TrainResult r = new Trainer(quick().build()).addListener(p -> {
            seen.add(p.step());
            return p.step() >= 30 ? TrainListener.Decision.STOP : TrainListener.Decision.CONTINUE;
        }).fit(Toy.mlp(3), new ShuffledBatches(train.x, train.y, 32, 5), testSet());
        assertEquals(TrainResult.Status.STOPPED_BY_LISTENER, r.status());
        assertEquals(List.of(10, 20, 30), seen);
        assertEquals(30, r.steps());
        assertEquals(3, r.history().rowCount());
    }

    private static void assertSameHistory(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (String c : expected.columnNames()) {
            if (c.equals("wall_s")) continue;
            for (int i = 0; i < expected.rowCount(); i++) {
                assertEquals(expected.column(c).get(i), actual.column(c).get(i), "column " + c + " row " + i);
            }
        }
    }

    /** Sets the thread's interrupt flag when batch {@code at} is fetched, like a stop button pressed during that step. */
    private static final class InterruptingIterator implements SeekableIterator {
        private final SeekableIterator inner;
        private final int at;
        private int fetched;

        InterruptingIterator(SeekableIterator inner, int at) {
            this.inner = inner;
            this.at = at;
        }

        @Override public void seek(int epoch, long batch) { inner.seek(epoch, batch); }
        @Override public MultiDataSet next(int num) { return next(); }
        @Override public MultiDataSet next() {
            if (++fetched == at) Thread.currentThread().interrupt();
            return inner.next();
        }
        @Override public boolean hasNext() { return inner.hasNext(); }
        @Override public void setPreProcessor(MultiDataSetPreProcessor p) { inner.setPreProcessor(p); }
        @Override public MultiDataSetPreProcessor getPreProcessor() { return inner.getPreProcessor(); }
        @Override public boolean resetSupported() { return true; }
        @Override public boolean asyncSupported() { return false; }
        @Override public void reset() { inner.reset(); }
    }
}
