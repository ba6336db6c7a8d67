package org.relnet.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.train.TrainResult.Status;

/**
 * The one training loop of the notebooks: trains a DL4J {@link ComputationGraph} on a
 * {@link MultiDataSetIterator} for {@link TrainConfig#steps()} updates, evaluating on the given
 * {@link EvalSet}s every {@link TrainConfig#evalEvery()} steps.
 *
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.builder().adam().lr(2.5e-4).steps(2000).evalEvery(100).seed(1).build();
 * TrainResult r = new Trainer(cfg).fit(model, trainIterator, trainSubset, testSet);
 * r.history();             // Tablesaw table: step, lr, loss, train_acc, test_acc, test_acc_relational, ...
 * }</pre>
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The config's optimiser, schedule and clipping replace whatever the graph was built with.
 *       The graph's iteration counter is kept equal to the step, so DL4J applies exactly
 *       {@code schedule.valueAt(step)}.</li>
 *   <li>Reproducible: each step reseeds ND4J's generator from (seed, step) (dropout), and a
 *       {@link SeekableIterator} is positioned by (epoch, batch). So a run resumed from a checkpoint
 *       produces the same history as an uninterrupted one (wall time aside).</li>
 *   <li>The thread's interrupt flag is checked before every step (and between evaluation batches):
 *       training ends at that step boundary with status INTERRUPTED, history kept, a checkpoint
 *       written, and the flag left set for the caller.</li>
 *   <li>A NaN/infinite mini-batch loss, or one above {@code divergenceFactor x max(first loss, 1)},
 *       ends training with status DIVERGED and a message saying when and what to try.</li>
 *   <li>Listeners see every evaluation and may stop training (status STOPPED_BY_LISTENER).</li>
 * </ul>
 */
public final class Trainer {
    private final TrainConfig config;
    private final List<TrainListener> listeners = new CopyOnWriteArrayList<>();

    public Trainer(TrainConfig config) {
        this.config = config;
    }

    public TrainConfig config() {
        return config;
    }

    public Trainer addListener(TrainListener listener) {
        listeners.add(listener);
        return this;
    }

    public TrainResult fit(ComputationGraph graph, MultiDataSetIterator data, EvalSet... evalSets) {
        return fit(graph, data, List.of(evalSets));
    }

    public TrainResult fit(ComputationGraph graph, MultiDataSetIterator data, List<EvalSet> evalSets) {
        Set<String> names = new HashSet<>();
        for (EvalSet s : evalSets) {
            if (!names.add(s.name())) throw new IllegalArgumentException("two eval sets are named '" + s.name() + "'");
        }
        if (graph.params() == null) graph.init();
        UpdaterSetup.apply(graph, config);
        Checkpoint.State st = startState(graph);
        graph.getConfiguration().setIterationCount(st.step);
        graph.getConfiguration().setEpochCount(st.epoch);
        position(data, st);

        Progress progress = Progress.create(config);
        long sessionStart = System.nanoTime();
        double elapsedBefore = st.elapsedSeconds;
        int lastCheckpoint = st.step;
        Status status = null;
        String message = null;
        progress.start(st.step, config.steps(), st.history);
        while (true) {
            st.elapsedSeconds = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
            if (needsEvaluation(st)) {
                EvalPoint p = evaluate(graph, evalSets, st);
                if (p == null) {
                    status = Status.INTERRUPTED;
                    message = interruptedMessage(st);
                    break;
                }
                st.history.add(p);
                st.lossSum = 0;
                st.lossCount = 0;
                for (TrainListener l : listeners) {
                    if (l.onEvaluation(p) == TrainListener.Decision.STOP && status == null) {
                        status = Status.STOPPED_BY_LISTENER;
                        message = "a listener stopped training at step " + st.step + " (" + p + ")";
                    }
                }
                if (status != null) break;
            }
            if (config.checkpoint() != null && st.step > lastCheckpoint && st.step % config.checkpointEvery() == 0) {
                writeCheckpoint(graph, st);
                lastCheckpoint = st.step;
            }
            if (st.step >= config.steps()) {
                status = Status.COMPLETED;
                message = String.format(Locale.ROOT, "%d steps in %s", st.step, Progress.duration(st.elapsedSeconds));
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                message = interruptedMessage(st);
                break;
            }
            MultiDataSet batch = nextBatch(data, st);
            // Dropout etc. draw from ND4J's generator: seeding it per step makes step t's
            // randomness independent of whether the run was resumed.
            Nd4j.getRandom().setSeed(st.seed * 0x5DEECE66DL + st.step);
            graph.getConfiguration().setIterationCount(st.step);
            graph.fit(batch);
            double loss = graph.score();
            st.step++;
            st.batchInEpoch++;
            if (st.step == 1) st.firstLoss = loss;
            String divergence = divergence(loss, st);
            if (divergence != null) {
                status = Status.DIVERGED;
                message = divergence;
                break;
            }
            st.lossSum += loss;
            st.lossCount++;
            progress.step(st.step, loss, st.history, false);
        }
        st.elapsedSeconds = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
        if (config.checkpoint() != null && status != Status.DIVERGED && st.step > lastCheckpoint) {
            writeCheckpoint(graph, st);
        }
        TrainResult result = new TrainResult(status, message, st.step, st.history, graph);
        progress.finish(st.step, st.history, result);
        return result;
    }

    private String interruptedMessage(Checkpoint.State st) {
        return "interrupted at step " + st.step + " of " + config.steps()
                + (config.checkpoint() != null ? "; checkpoint " + config.checkpoint() + " lets fit() resume" : "");
    }

    private boolean needsEvaluation(Checkpoint.State st) {
        if (st.step == 0 || (st.step % config.evalEvery() != 0 && st.step != config.steps())) return false;
        return st.history.last().map(p -> p.step() != st.step).orElse(true);
    }

    private EvalPoint evaluate(ComputationGraph graph, List<EvalSet> sets, Checkpoint.State st) {
        LinkedHashMap<String, EvalResult> results = new LinkedHashMap<>();
        for (EvalSet s : sets) {
            EvalResult r = s.evaluate(graph, true);
            if (r == null) return null;
            results.put(s.name(), r);
        }
        double trainLoss = st.lossCount > 0 ? st.lossSum / st.lossCount : Double.NaN;
        return new EvalPoint(st.step, st.epoch, config.schedule().valueAt(st.step - 1), trainLoss, st.elapsedSeconds, results);
    }

    private String divergence(double loss, Checkpoint.State st) {
        double lr = config.schedule().valueAt(st.step - 1);
        String hint = String.format(Locale.ROOT, " (lr %.3g, %s). Try a smaller learning rate or gradient clipping (clipNorm).",
                lr, config.optimizer());
        if (!Double.isFinite(loss)) {
            return "training diverged at step " + st.step + ": the loss is " + loss + hint;
        }
        double limit = config.divergenceFactor() * Math.max(Math.abs(st.firstLoss), 1.0);
        if (loss > limit) {
            return String.format(Locale.ROOT, "training diverged at step %d: loss %.4g exceeds %.3g x the first step's loss %.4g",
                    st.step, loss, config.divergenceFactor(), st.firstLoss) + hint;
        }
        return null;
    }

    private Checkpoint.State startState(ComputationGraph graph) {
        if (config.checkpoint() != null && config.resume() && Files.exists(config.checkpoint())) {
            Checkpoint cp;
            try {
                cp = Checkpoint.read(config.checkpoint());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage() + " (delete it or call resume(false) to start afresh)", e);
            }
            Checkpoint.State st = cp.state();
            if (st.seed != config.seed()) {
                throw new IllegalStateException("checkpoint " + config.checkpoint() + " was written with seed " + st.seed
                        + " but this config has seed " + config.seed() + ": use the same seed, or delete the checkpoint");
            }
            restoreInto(graph, cp.model());
            return st;
        }
        Checkpoint.State st = new Checkpoint.State();
        st.seed = config.seed();
        st.history = new History(config.name());
        return st;
    }

    /** Copies parameters and updater state into the caller's graph, so the caller's reference stays the trained model. */
    private void restoreInto(ComputationGraph graph, ComputationGraph saved) {
        if (saved.params().length() != graph.params().length()) {
            throw new IllegalStateException("checkpoint " + config.checkpoint() + " holds a model with " + saved.params().length()
                    + " parameters but the graph passed to fit() has " + graph.params().length()
                    + ": build the same architecture, or delete the checkpoint");
        }
        graph.setParams(saved.params());
        INDArray from = saved.getUpdater() == null ? null : saved.getUpdater().getStateViewArray();
        INDArray to = graph.getUpdater().getStateViewArray();
        long fromLen = from == null ? 0 : from.length();
        long toLen = to == null ? 0 : to.length();
        if (fromLen != toLen) {
            throw new IllegalStateException("checkpoint " + config.checkpoint() + " has updater state of size " + fromLen
                    + " but " + config.optimizer() + " needs " + toLen + ": it was written with another optimizer");
        }
        if (to != null && fromLen > 0) to.assign(from);
    }

    private void position(MultiDataSetIterator data, Checkpoint.State st) {
        if (data instanceof SeekableIterator) {
            ((SeekableIterator) data).seek(st.epoch, st.batchInEpoch);
            return;
        }
        if (data.resetSupported()) data.reset();
        if (st.batchInEpoch > 0) {
            System.err.println("resuming: " + data.getClass().getSimpleName() + " is not a SeekableIterator, so "
                    + st.batchInEpoch + " batches are skipped; the run repeats exactly only if the iterator's order is the same after every reset");
            for (long i = 0; i < st.batchInEpoch && data.hasNext(); i++) data.next();
        }
    }

    private MultiDataSet nextBatch(MultiDataSetIterator data, Checkpoint.State st) {
        if (!data.hasNext()) {
            if (st.batchInEpoch == 0) throw new IllegalStateException("the training iterator yields no batches");
            st.epoch++;
            st.batchInEpoch = 0;
            if (data instanceof SeekableIterator) {
                ((SeekableIterator) data).seek(st.epoch, 0);
            } else if (data.resetSupported()) {
                data.reset();
            } else {
                throw new IllegalStateException("the training iterator ran out after " + st.step
                        + " steps and does not support reset(); give fewer steps or a resettable iterator");
            }
            if (!data.hasNext()) throw new IllegalStateException("the training iterator is empty after reset()");
        }
        return data.next();
    }

    private void writeCheckpoint(ComputationGraph graph, Checkpoint.State st) {
        try {
            Checkpoint.write(config.checkpoint(), graph, st);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + config.checkpoint() + ": " + e.getMessage(), e);
        }
    }
}
