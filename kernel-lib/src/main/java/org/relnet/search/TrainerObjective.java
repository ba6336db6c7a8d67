package org.relnet.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.relnet.train.Checkpoint;
import org.relnet.train.EvalPoint;
import org.relnet.train.EvalResult;
import org.relnet.train.EvalSet;
import org.relnet.train.History;
import org.relnet.train.TrainConfig;
import org.relnet.train.TrainListener;
import org.relnet.train.TrainResult;
import org.relnet.train.Trainer;

/**
 * A study objective that trains a model with the shared {@link Trainer}: per trial it builds the
 * model and data for the trial's config and seed, derives the {@link TrainConfig} (seed, length =
 * the strategy's budget if it sets one, checkpoint in the trial's work directory), and reports
 * every evaluation to the study, so ASHA can stop a poor trial at its next evaluation.
 *
 * <p>Metrics reported per evaluation use the Trainer's history names ({@code lr}, {@code loss} =
 * training loss, {@code S_loss}, {@code S_acc}, {@code S_acc_<category>} for each eval set S) plus
 * {@code accuracy}: the accuracy on the {@linkplain Builder#goalSet goal set} (default: the last
 * eval set), which is what studies maximise by default. A diverged run adds {@code diverged = 1}.
 *
 * <p>A trial cut short by a crash or an interrupt resumes from its checkpoint on the next run; its
 * earlier evaluations are read back from the checkpoint and reported again, so its curve is whole.
 */
public final class TrainerObjective implements Objective {
    /** Builds something for a trial from its hyperparameters and seed. */
    @FunctionalInterface
    public interface PerTrial<T> {
        T create(Config config, long seed) throws Exception;
    }

    private final TrainConfig base;
    private final BiFunction<TrainConfig.Builder, Config, TrainConfig.Builder> configure;
    private final PerTrial<ComputationGraph> model;
    private final PerTrial<MultiDataSetIterator> data;
    private final Function<Config, List<EvalSet>> evalSets;
    private final String goalSet;
    private final boolean checkpoints;

    private TrainerObjective(Builder b) {
        this.base = Objects.requireNonNull(b.base, "TrainerObjective needs a base TrainConfig (train(...))");
        this.configure = b.configure;
        this.model = Objects.requireNonNull(b.model, "TrainerObjective needs a model factory (model(...))");
        this.data = Objects.requireNonNull(b.data, "TrainerObjective needs a training data factory (data(...))");
        this.evalSets = Objects.requireNonNull(b.evalSets, "TrainerObjective needs eval sets (evalSets(...))");
        this.goalSet = b.goalSet;
        this.checkpoints = b.checkpoints;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TrainConfig trial {@code trial} trains with. */
    public TrainConfig trainConfig(Trial trial, Path checkpoint) {
        TrainConfig.Builder b = configure.apply(base.toBuilder(), trial.config())
                .seed(trial.seed())
                .name("trial " + trial.index() + " " + trial.config())
                .progress(false);
        if (trial.budget() > 0) b.steps(Math.toIntExact(trial.budget()));
        if (checkpoint != null) b.checkpoint(checkpoint).resume(true);
        return b.build();
    }

    @Override public TrialOutcome run(Trial trial, TrialContext ctx) throws Exception {
        Path checkpoint = checkpoints ? ctx.workDir().resolve("checkpoint.zip") : null;
        List<EvalSet> sets = evalSets.apply(trial.config());
        String goal = goalSet != null ? goalSet : sets.get(sets.size() - 1).name();
        if (sets.stream().noneMatch(s -> s.name().equals(goal))) throw new IllegalArgumentException("no eval set named '" + goal + "'");
        // The evaluations before a crash live in the checkpoint: report them again so the curve and ASHA's rungs are whole.
        if (checkpoint != null && Files.exists(checkpoint)) {
            for (EvalPoint p : readHistory(checkpoint).points()) {
                if (ctx.report(p.step(), metrics(p, goal))) return TrialOutcome.of(metrics(p, goal));
            }
        }
        Trainer trainer = new Trainer(trainConfig(trial, checkpoint))
                .addListener(p -> ctx.report(p.step(), metrics(p, goal)) ? TrainListener.Decision.STOP : TrainListener.Decision.CONTINUE);
        TrainResult r = trainer.fit(model.create(trial.config(), trial.seed()), data.create(trial.config(), trial.seed()), sets);
        if (r.status() == TrainResult.Status.INTERRUPTED) throw new InterruptedException(r.message());
        Map<String, Double> last = r.last().map(p -> metrics(p, goal)).orElseGet(LinkedHashMap::new);
        if (r.status() == TrainResult.Status.DIVERGED) {
            last = new LinkedHashMap<>(last);
            last.putIfAbsent("accuracy", Double.NaN);
            last.put("diverged", 1.0);
        }
        return TrialOutcome.of(last);
    }

    private static History readHistory(Path checkpoint) throws IOException {
        return Checkpoint.read(checkpoint).history();
    }

    /** An evaluation as study metrics, named like the Trainer's history columns. */
    static Map<String, Double> metrics(EvalPoint p, String goalSet) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", p.accuracy(goalSet));
        m.put("lr", p.lr());
        m.put("loss", p.trainLoss());
        for (EvalResult r : p.results().values()) {
            m.put(r.set() + "_loss", r.loss());
            m.put(r.set() + "_acc", r.accuracy());
            for (String c : r.categoryNames()) m.put(History.accuracyColumn(r.set(), c), r.accuracy(c));
        }
        return m;
    }

    public static final class Builder {
        private TrainConfig base;
        private BiFunction<TrainConfig.Builder, Config, TrainConfig.Builder> configure = Builder::learningRateFromConfig;
        private PerTrial<ComputationGraph> model;
        private PerTrial<MultiDataSetIterator> data;
        private Function<Config, List<EvalSet>> evalSets;
        private String goalSet;
        private boolean checkpoints = true;

        private Builder() {}

        /** The settings every trial shares (optimiser, steps, evalEvery, ...); seed and checkpoint are set per trial. */
        public Builder train(TrainConfig base) {
            this.base = base;
            return this;
        }

        /** How a config changes the TrainConfig; the default sets a constant learning rate from "lr", if the space has one. */
        public Builder configure(BiFunction<TrainConfig.Builder, Config, TrainConfig.Builder> configure) {
            this.configure = Objects.requireNonNull(configure);
            return this;
        }

        /** A fresh model per trial, e.g. {@code (config, seed) -> RnModels.sortOfClevr(seed)}. */
        public Builder model(PerTrial<ComputationGraph> model) {
            this.model = model;
            return this;
        }

        /** The training batches per trial (the batch size may come from the config). */
        public Builder data(PerTrial<MultiDataSetIterator> data) {
            this.data = data;
            return this;
        }

        public Builder evalSets(EvalSet... sets) {
            List<EvalSet> fixed = List.of(sets);
            return evalSets(c -> fixed);
        }

        public Builder evalSets(Function<Config, List<EvalSet>> sets) {
            this.evalSets = sets;
            return this;
        }

        /** The eval set whose accuracy is reported as "accuracy" (default: the last one). */
        public Builder goalSet(String name) {
            this.goalSet = name;
            return this;
        }

        /** Resume cut-short trials from a checkpoint in their work directory (default true). */
        public Builder checkpoints(boolean on) {
            this.checkpoints = on;
            return this;
        }

        public TrainerObjective build() {
            return new TrainerObjective(this);
        }

        private static TrainConfig.Builder learningRateFromConfig(TrainConfig.Builder b, Config c) {
            return c.names().contains("lr") ? b.lr(c.getDouble("lr")) : b;
        }
    }
}
