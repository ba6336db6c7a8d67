package org.relnet.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.relnet.Mode;
import org.relnet.data.clevr.ClevrIterator;
import org.relnet.data.clevr.SortOfClevr;
import org.relnet.data.clevr.SortOfClevrDataset;
import org.relnet.rn.StateRelationNet;
import org.relnet.train.EvalSet;
import org.relnet.train.LrSchedule;
import org.relnet.train.TrainConfig;

/**
 * The trial of the papers' learning-rate studies on Sort-of-CLEVR (journal Table 2, Figs 9-12):
 * an RN over state descriptions trained with Adam at a config's {@code lr} (and {@code batch},
 * if the space has one), the learning rate halved every 10,000 steps as in the paper, evaluated
 * on the test split with accuracy per question type and subtype. One object so the notebooks'
 * cells stay a few lines:
 *
 * <pre>{@code
 * ClevrLrStudy setup = ClevrLrStudy.forMode();        // quick or full (RELNET_FULL=1)
 * Study study = setup.study("batch-lr-grid",
 *         Space.builder().choice("lr", 1e-2, 1e-3, 1e-4).choice("batch", 64, 128, 256).build(),
 *         new GridSearch());
 * StudyResults results = study.run();
 * }</pre>
 *
 * <p>The model sees state descriptions, not pixels: this branch has no CNN front end, and the
 * lr finding is about the relational part. Data are generated once into {@code datasets/} and
 * reused; study directories go to {@code datasets/studies/} named after the settings, so a run in
 * the other mode, or with other settings, never resumes the wrong study.
 */
public final class ClevrLrStudy {
    private final int images, imageSize, width, steps, evalEvery, testImages, defaultBatch, workers;
    private final long dataSeed;

    private ClevrLrStudy(Builder b) {
        this.images = b.images;
        this.imageSize = b.imageSize;
        this.width = b.width;
        this.steps = b.steps;
        this.evalEvery = b.evalEvery;
        this.testImages = b.testImages;
        this.defaultBatch = b.defaultBatch;
        this.workers = b.workers;
        this.dataSeed = b.dataSeed;
    }

    /** Quick: 1,000 images, g 4x64 / f 64-64, 500 steps. Full: the paper's 10,000 images, 4x256 / 256-256, 200,000 steps. */
    public static ClevrLrStudy forMode() {
        return Mode.full() ? full().build() : quick().build();
    }

    /**
     * About a minute per 3x3 grid on two idle cores: small RN, 500 steps, 100 test images (2,000
     * questions) every 100 steps. Long enough for lr 1e-3 to lead 1e-2 and 1e-4 at every batch
     * size (ClevrLrStudyTest checks it at batch 64), too short for the paper's absolute numbers.
     */
    public static Builder quick() {
        return new Builder().images(1_000).imageSize(75).width(64).steps(500).evalEvery(100).testImages(100);
    }

    /** The grid of journal Table 2, in both modes: lr 1e-2, 1e-3, 1e-4 times batch 64, 128, 256. */
    public static Space table2Grid() {
        return Space.builder().choice("lr", 1e-2, 1e-3, 1e-4).choice("batch", 64, 128, 256).build();
    }

    /** The paper's sizes and length; evaluation on the whole test split every 1,000 steps (the paper: every 10). */
    public static Builder full() {
        return new Builder().images(10_000).imageSize(128).width(256).steps(200_000).evalEvery(1_000).testImages(2_000);
    }

    public Builder toBuilder() {
        return new Builder().images(images).imageSize(imageSize).width(width).steps(steps).evalEvery(evalEvery)
                .testImages(testImages).defaultBatch(defaultBatch).workers(workers).dataSeed(dataSeed);
    }

    public int steps() { return steps; }
    public int evalEvery() { return evalEvery; }
    public int width() { return width; }
    public int workers() { return workers; }

    /** The generator settings: the paper's questions, {@code images} scenes of {@code imageSize} px. */
    public SortOfClevr generator() {
        return SortOfClevr.builder().images(images).imageSize(imageSize).seed(dataSeed).build();
    }

    private SortOfClevrDataset data;

    /** The dataset, read from {@code datasets/} or generated there on first use. */
    public synchronized SortOfClevrDataset data() {
        if (data == null) {
            String name = String.format(Locale.ROOT, "sort-of-clevr-%d-%dimg-seed%d", imageSize, images, dataSeed);
            try {
                data = generator().loadOrGenerate(SortOfClevr.datasetDir(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }

    /** Use an in-memory dataset instead (tests); it must fit the generator's question format. */
    public synchronized ClevrLrStudy withData(SortOfClevrDataset d) {
        this.data = Objects.requireNonNull(d);
        return this;
    }

    /** The RN of the paper on state descriptions: g_theta 4 layers of {@code width}, f_phi {@code width}-{@code width} (dropout 50 % on the 2nd), 10 answers. */
    public ComputationGraph model(long seed) {
        return StateRelationNet.builder().objects(6, ClevrIterator.stateFeatures()).question(11)
                .g(width, width, width, width).hidden(width, width).answers(10).seed(seed).build();
    }

    /** Adam, the config's lr halved every 10,000 steps (a no-op in runs shorter than that). */
    public TrainConfig.Builder configure(TrainConfig.Builder b, Config c) {
        return b.schedule(LrSchedule.stepDecay(c.getDouble("lr"), 0.5, 10_000));
    }

    private int batch(Config c) {
        return c.names().contains("batch") ? ((Number) c.get("batch")).intValue() : defaultBatch;
    }

    /** The first {@code testImages} test images (all their questions), with per-type and per-subtype accuracy. */
    public EvalSet testSet() {
        var test = data().test();
        return ClevrIterator.evalSet("test", test.first(Math.min(testImages, test.size())), ClevrIterator.Input.STATE, 500);
    }

    /** One Trainer run per trial; the goal metric "accuracy" is the test accuracy. */
    public TrainerObjective objective() {
        return TrainerObjective.builder()
                .train(TrainConfig.builder().adam().steps(steps).evalEvery(evalEvery).build())
                .configure(this::configure)
                .model((config, seed) -> model(seed))
                .data((config, seed) -> ClevrIterator.states(data().train(), batch(config), seed))
                .evalSets(c -> List.of(testSet())) // one per trial: an eval set's iterator is not shared between workers
                .build();
    }

    /**
     * A study of this trial under {@code datasets/studies/<name>-<settings>}; run it again to
     * resume it. Trials run {@link #workers()} at a time, each on one ND4J thread while the study
     * runs (the kernel session's thread settings come back afterwards): these models are too small
     * for ND4J's threads to pay off, and two single-threaded trials use both cores.
     */
    public Study study(String name, Space space, Strategy strategy) {
        return Study.builder().space(space).strategy(strategy).objective(objective())
                .dir(studyDir(name)).workers(workers).nativeThreads(workers > 1 ? 1 : 0).build();
    }

    /** Where {@link #study} keeps the study {@code name} with these settings. */
    public Path studyDir(String name) {
        return SortOfClevr.datasetDir("studies").resolve(name + "-" + tag());
    }

    private String tag() {
        return String.format(Locale.ROOT, "%dimg-w%d-%dsteps-eval%d-test%d-seed%d", images, width, steps, evalEvery, testImages, dataSeed);
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "RN on Sort-of-CLEVR state descriptions: %d images (%d px), g 4x%d, f %d-%d, "
                + "%,d steps (lr x0.5 every 10,000), test accuracy on %d images every %d steps, %d worker(s)",
                images, imageSize, width, width, width, steps, testImages, evalEvery, workers);
    }

    /** Generous memory of one quick trial (model, Adam state, batches, evaluation): caps the default worker count. */
    private static final long TRIAL_BYTES = 256L << 20;

    public static final class Builder {
        private int images = 1_000, imageSize = 75, width = 64, steps = 800, evalEvery = 100, testImages = 100;
        private int defaultBatch = 64, workers = Study.workersFor(2, TRIAL_BYTES);
        private long dataSeed = 1;

        private Builder() {}

        public Builder images(int v) { images = v; return this; }
        public Builder imageSize(int v) { imageSize = v; return this; }
        /** Width of every g_theta and f_phi layer (the paper: 256). */
        public Builder width(int v) { width = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        /** Test images evaluated (20 questions each). */
        public Builder testImages(int v) { testImages = v; return this; }
        /** Batch size when the space has no "batch" dimension (the paper: 64). */
        public Builder defaultBatch(int v) { defaultBatch = v; return this; }
        /** Trials at once (default: 2, fewer if the machine has one core or too little memory). */
        public Builder workers(int v) { workers = v; return this; }
        public Builder dataSeed(long v) { dataSeed = v; return this; }

        public ClevrLrStudy build() {
            if (width < 1 || steps < 1 || evalEvery < 1 || testImages < 1 || defaultBatch < 1 || workers < 1 || images < 2) {
                throw new IllegalArgumentException("ClevrLrStudy settings must be positive: images " + images + ", width " + width
                        + ", steps " + steps + ", evalEvery " + evalEvery + ", testImages " + testImages + ", batch " + defaultBatch + ", workers " + workers);
            }
            return new ClevrLrStudy(this);
        }
    }
}
