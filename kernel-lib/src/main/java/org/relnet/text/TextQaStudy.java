package org.relnet.text;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.Mode;
import org.relnet.data.babi.QaExample;
import org.relnet.search.RandomSearch;
import org.relnet.search.Space;
import org.relnet.search.Strategy;
import org.relnet.search.Study;
import org.relnet.search.TrainerObjective;
import org.relnet.train.TrainConfig;
import org.relnet.train.TrainListener;
import org.relnet.train.TrainResult;
import org.relnet.train.Trainer;

/**
 * The text experiments of the RN study (papers.md A2, A3) in one object, so the notebooks' cells
 * stay a few lines: the data (real files when present, generated otherwise), the RN and MemN2N at
 * the paper's training settings, and the learning-rate random search of Tables 3 and 4.
 * <pre>{@code
 * TextQaStudy setup = TextQaStudy.forMode(TextQaData.Corpus.BABI);   // quick, or full with RELNET_FULL=1
 * TrainResult rn = setup.trainRn();
 * TrainResult mem = setup.trainMemN2N();
 * StudyResults search = setup.randomSearch(1).run();
 * }</pre>
 *
 * <p>Model architecture and sizes are the builders' defaults ({@link RnTextModel}, {@link MemN2N});
 * this class only chooses what the paper states about training: Adam for the RN, RMSProp for the
 * memory network, lr 1e-4 and batch 64 for the comparison, 200,000 steps; log-uniform lr in
 * [1e-6, 1e-2] and 20,000 steps per trial for the search. At lr 1e-4 neither model learns anything in
 * the minutes quick mode has, so quick mode compares the two with the library's fast presets instead
 * ({@link RnTextModel#fast}: MEAN, Adam 5e-3, batch 32; the memory network with Adam 1e-2) and keeps
 * the paper's search (shorter trials).
 * Study directories go to {@code datasets/studies/} named after the settings, so a run with other
 * settings never resumes the wrong study; re-running a finished study only reads it back.
 */
public final class TextQaStudy {
    /** The lr of the paper's RN-vs-MemN2N comparison on bAbI task 1. */
    public static final double PAPER_LR = 1e-4;
    /** The paper's batch size. */
    public static final int PAPER_BATCH = 64;
    /** The fast presets' batch size. */
    public static final int FAST_BATCH = 32;
    /** The paper's random-search range for the initial learning rate. */
    public static final double SEARCH_LOW = 1e-6, SEARCH_HIGH = 1e-2;
    /** The memory network's lr in the fast comparison (it reaches 95 % on generated task 1 in ~500 steps). */
    public static final double FAST_MEMN2N_LR = 1e-2;

    private final TextQaData.Corpus corpus;
    private final int modelSteps, evalEvery, trainEvalExamples, searchSteps, searchEvalEvery, trials, batch, workers;
    private final long dataSeed;
    private final boolean fast;
    private final Path root;
    private TextQaData data;

    private TextQaStudy(Builder b) {
        this.corpus = b.corpus;
        this.modelSteps = b.modelSteps;
        this.evalEvery = b.evalEvery;
        this.trainEvalExamples = b.trainEvalExamples;
        this.searchSteps = b.searchSteps;
        this.searchEvalEvery = b.searchEvalEvery;
        this.trials = b.trials;
        this.batch = b.batch;
        this.workers = b.workers;
        this.dataSeed = b.dataSeed;
        this.fast = b.fast;
        this.root = b.root;
    }

    /** {@link #quick} or {@link #full} as {@link Mode} says. */
    public static TextQaStudy forMode(TextQaData.Corpus corpus) {
        return (Mode.full() ? full(corpus) : quick(corpus)).build();
    }

    /**
     * Minutes on two idle cores: the fast presets for 600 steps per model in the comparison (enough
     * for both to learn generated task 1), and 4 search trials of 60 steps at the paper's settings.
     */
    public static Builder quick(TextQaData.Corpus corpus) {
        return new Builder(corpus).fast(true).modelSteps(600).evalEvery(100).trainEvalExamples(200)
                .searchSteps(60).searchEvalEvery(30).trials(4);
    }

    /**
     * The paper: 200,000 steps per model evaluated every 100 steps (as the paper recorded), and as
     * many search trials of 20,000 steps as the paper's table has rows (10 for bAbI, 9 for dialog).
     */
    public static Builder full(TextQaData.Corpus corpus) {
        int rows = TextQaPaper.lrTable(corpus).rowCount();
        return new Builder(corpus).modelSteps(200_000).evalEvery(100).trainEvalExamples(1_000).searchSteps(20_000).searchEvalEvery(500).trials(rows);
    }

    public Builder toBuilder() {
        return new Builder(corpus).modelSteps(modelSteps).evalEvery(evalEvery).trainEvalExamples(trainEvalExamples).searchSteps(searchSteps)
                .searchEvalEvery(searchEvalEvery).trials(trials).batch(batch).workers(workers).dataSeed(dataSeed).root(root).fast(fast);
    }

    public TextQaData.Corpus corpus() { return corpus; }
    public int modelSteps() { return modelSteps; }
    public int searchSteps() { return searchSteps; }
    public int trials() { return trials; }
    public int batch() { return batch; }
    public int workers() { return workers; }

    /** The data, loaded (or generated) on first use; the load prints whether real files were used. */
    public synchronized TextQaData data() {
        if (data == null) {
            TextQaData.Builder b = corpus == TextQaData.Corpus.BABI ? TextQaData.babi() : TextQaData.dialog();
            if (root != null) b.root(root);
            data = b.seed(dataSeed).load();
        }
        return data;
    }

    /** Use these data instead (tests, or another task / policy loaded by hand). */
    public synchronized TextQaStudy withData(TextQaData d) {
        if (d.corpus() != corpus) throw new IllegalArgumentException("this study is on " + corpus + ", the data are " + d.corpus());
        this.data = Objects.requireNonNull(d);
        return this;
    }

    /** The RN's input form: the 20 most recent sentences, newest first. */
    public TextQaEncoder rnEncoder() { return TextQaEncoder.forRelationNetwork(data()); }

    /** The memory network's input form: up to 50 sentences. */
    public TextQaEncoder memN2NEncoder() { return TextQaEncoder.forMemoryNetwork(data()); }

    /** The RN text model with the library's default architecture. */
    public ComputationGraph rn(long seed) {
        return (fast ? RnTextModel.fast(rnEncoder()) : RnTextModel.of(rnEncoder())).seed(seed).build();
    }

    /** The End-to-End Memory Network with the library's default architecture. */
    public ComputationGraph memN2N(long seed) { return MemN2N.builder(memN2NEncoder()).seed(seed).build(); }

    /** The paper's RN run (Adam, lr 1e-4, batch 64), or the fast preset's (Adam 5e-3, batch 32). */
    public TrainConfig rnRun() {
        return TrainConfig.builder().name("RN").adam().lr(fast ? RnTextModel.FAST_LR : PAPER_LR).steps(modelSteps)
                .evalEvery(evalEvery).seed(1).build();
    }

    /** The paper's baseline run (RMSProp at the same lr 1e-4), or Adam 1e-2 for the fast comparison. */
    public TrainConfig memN2NRun() {
        TrainConfig.Builder b = TrainConfig.builder().name("MemN2N");
        return (fast ? b.adam().lr(FAST_MEMN2N_LR) : b.rmsProp().lr(PAPER_LR)).steps(modelSteps).evalEvery(evalEvery)
                .seed(1).build();
    }

    /** Whether the comparison uses the fast presets (quick mode) rather than the paper's lr 1e-4. */
    public boolean fast() { return fast; }

    /** Trains a fresh RN with {@link #rnRun()}, evaluating a train subset and the test set, with live progress. */
    public TrainResult trainRn(TrainListener... listeners) {
        return train(rn(1), rnEncoder(), rnRun(), listeners);
    }

    /** Trains a fresh MemN2N with {@link #memN2NRun()}. */
    public TrainResult trainMemN2N(TrainListener... listeners) {
        return train(memN2N(1), memN2NEncoder(), memN2NRun(), listeners);
    }

    /**
     * Fits {@code net} on the training split in shuffled batches of {@link #batch()}, evaluating
     * "train" (the first {@code trainEvalExamples} training questions: a curve, not the whole set)
     * and "test" (the whole test split) every {@code evalEvery} steps.
     */
    public TrainResult train(ComputationGraph net, TextQaEncoder enc, TrainConfig config, TrainListener... listeners) {
        List<QaExample> train = data().train();
        Trainer trainer = new Trainer(config);
        for (TrainListener l : listeners) trainer.addListener(l);
        // These models' operations are small: ND4J's second thread does not pay for its
        // synchronisation, and on a shared machine its spinning costs several times the work.
        var env = Nd4j.getEnvironment();
        int threads = env.maxThreads(), masters = env.maxMasterThreads();
        env.setMaxMasterThreads(1);
        env.setMaxThreads(1);
        try {
            return fit(trainer, net, enc, config, train);
        } finally {   // for this run only: later cells get ND4J's own setting back
            env.setMaxMasterThreads(masters);
            env.setMaxThreads(threads);
        }
    }

    private TrainResult fit(Trainer trainer, ComputationGraph net, TextQaEncoder enc, TrainConfig config, List<QaExample> train) {
        return trainer.fit(net, enc.iterator(train, fast ? FAST_BATCH : batch, config.seed()),
                TextQaRuns.evalSet("train", enc, train.subList(0, Math.min(train.size(), trainEvalExamples))),
                TextQaRuns.evalSet("test", enc, data().test()));
    }

    /** The paper's search space: the initial lr, log-uniform in [1e-6, 1e-2]. */
    public static Space lrSpace() {
        return Space.builder().logUniform("lr", SEARCH_LOW, SEARCH_HIGH).build();
    }

    /**
     * One RN trial: Adam at the config's constant lr for {@link #searchSteps()} steps; the goal
     * metric "accuracy" is the test accuracy, "test_loss" the test loss.
     */
    public TrainerObjective objective() {
        TextQaEncoder enc = rnEncoder();
        return TrainerObjective.builder()
                .train(TrainConfig.builder().adam().steps(searchSteps).evalEvery(searchEvalEvery).build())
                .model((config, seed) -> RnTextModel.of(enc).seed(seed).build())
                .data((config, seed) -> enc.iterator(data().train(), batch, seed))
                // one eval set per trial: an eval set's iterator is not shared between workers
                .evalSets(c -> List.of(TextQaRuns.evalSet("test", enc, data().test())))
                .build();
    }

    /** The paper's search: {@link #trials()} random draws of the lr from {@code seed}. */
    public Study randomSearch(long seed) {
        return study("lr-random-seed" + seed, lrSpace(), new RandomSearch(trials, seed));
    }

    /**
     * A study of the RN trial under {@code datasets/studies/<name>-<settings>}; run it again to
     * resume it. Trials run {@link #workers()} at a time on one ND4J thread each, so two trials use both cores.
     */
    public Study study(String name, Space space, Strategy strategy) {
        return Study.builder().space(space).strategy(strategy).objective(objective())
                .dir(studyDir(name)).workers(workers).nativeThreads(1).build();
    }


    /** Where {@link #study} keeps the study {@code name} with these settings. */
    public Path studyDir(String name) {
        return (root != null ? root : TextQaData.datasetsRoot()).resolve("studies").resolve(name + "-" + tag());
    }

    private String tag() {
        TextQaData d = data();
        return String.format(Locale.ROOT, "%s-%s-%dtrain-%dsteps-eval%d-batch%d-seed%d",
                corpus == TextQaData.Corpus.BABI ? "babi1" : "dialog1", d.source() == TextQaData.Source.REAL ? "real" : "generated",
                d.train().size(), searchSteps, searchEvalEvery, batch, dataSeed);
    }

    @Override public String toString() {
        String comparison = fast
                ? String.format(Locale.ROOT, "RN (fast preset: MEAN, Adam %.0e) vs MemN2N (Adam %.0e), batch %d",
                        RnTextModel.FAST_LR, FAST_MEMN2N_LR, FAST_BATCH)
                : String.format(Locale.ROOT, "RN (Adam) vs MemN2N (RMSProp) at lr %.0e, batch %d", PAPER_LR, batch);
        return String.format(Locale.ROOT, "%s task 1: %s, %,d steps each (eval every %d); lr search (paper's RN, batch %d): "
                        + "%d trials of %,d steps, lr log-uniform in [%.0e, %.0e], %d worker(s)",
                corpus == TextQaData.Corpus.BABI ? "bAbI" : "Dialog-based LL", comparison, modelSteps, evalEvery, batch,
                trials, searchSteps, SEARCH_LOW, SEARCH_HIGH, workers);
    }

    public static final class Builder {
        private final TextQaData.Corpus corpus;
        private int modelSteps = 120, evalEvery = 40, trainEvalExamples = 200, searchSteps = 60, searchEvalEvery = 30, trials = 4;
        private int batch = PAPER_BATCH, workers = 2;
        private long dataSeed = 42;
        private Path root;
        private boolean fast;

        private Builder(TextQaData.Corpus corpus) { this.corpus = Objects.requireNonNull(corpus); }

        /** Steps of each model in the RN-vs-MemN2N comparison (the paper: 200,000). */
        public Builder modelSteps(int v) { modelSteps = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        /** Training questions evaluated for the train curve (the test curve always uses the whole test split). */
        public Builder trainEvalExamples(int v) { trainEvalExamples = v; return this; }
        /** Steps per search trial (the paper: 20,000). */
        public Builder searchSteps(int v) { searchSteps = v; return this; }
        public Builder searchEvalEvery(int v) { searchEvalEvery = v; return this; }
        public Builder trials(int v) { trials = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder workers(int v) { workers = v; return this; }
        /** Seed of the generated data (ignored for real files). */
        public Builder dataSeed(long v) { dataSeed = v; return this; }
        /** The datasets folder for data and studies (default: {@link TextQaData#datasetsRoot()}). */
        public Builder root(Path v) { root = v; return this; }
        /** Compare the models with the fast presets instead of the paper's lr 1e-4 (quick mode). */
        public Builder fast(boolean v) { fast = v; return this; }

        public TextQaStudy build() {
            if (modelSteps < 1 || evalEvery < 1 || searchSteps < 1 || searchEvalEvery < 1 || trials < 1 || batch < 1 || workers < 1
                    || trainEvalExamples < 1) {
                throw new IllegalArgumentException("TextQaStudy settings must be positive: modelSteps " + modelSteps
                        + ", evalEvery " + evalEvery + ", searchSteps " + searchSteps + ", searchEvalEvery " + searchEvalEvery
                        + ", trials " + trials + ", batch " + batch + ", workers " + workers);
            }
            return new TextQaStudy(this);
        }
    }
}
