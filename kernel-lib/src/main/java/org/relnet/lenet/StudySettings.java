package org.relnet.lenet;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the parameter study runs. {@link #full()} is the paper: 1,000 iterations, metrics every 100,
 * all 60,000 / 10,000 digits. {@link #quick()} keeps the nine cases and the batch sizes (the
 * variables under study) but trains 100 iterations on a 6,400-digit subset and evaluates every
 * 25 on 500 test digits, a few minutes on a laptop CPU. Immutable; vary with {@link #toBuilder()}.
 *
 * <p>Fixed for every case, as in Caffe's LeNet solver: inv policy (gamma 0.001 and power 0.75 as the
 * paper states; Caffe's example uses gamma 1e-4), classical momentum 0.9 as Caffe computes it
 * ({@link org.relnet.train.ClassicalMomentum}), weight decay 5e-4, one weight seed.
 */
public final class StudySettings {
    private final int iterations;
    private final int evalEvery;
    private final int timingWindow;
    private final int trainDigits;
    private final int testDigits;
    private final double gamma;
    private final double power;
    private final double weightDecay;
    private final long seed;
    private final int memoryEvery;
    private final int warmupSteps;
    private final boolean progress;
    private final String mode;
    private final Path resultsDir;

    private StudySettings(Builder b) {
        if (b.timingWindow > b.iterations) {
            throw new IllegalArgumentException("timing window " + b.timingWindow + " exceeds the " + b.iterations + " iterations");
        }
        iterations = b.iterations; evalEvery = b.evalEvery; timingWindow = b.timingWindow;
        trainDigits = b.trainDigits; testDigits = b.testDigits; gamma = b.gamma; power = b.power;
        weightDecay = b.weightDecay; seed = b.seed; memoryEvery = b.memoryEvery; warmupSteps = b.warmupSteps;
        progress = b.progress; mode = b.mode; resultsDir = b.resultsDir;
    }

    /** The paper's settings. */
    public static StudySettings full() {
        return builder().mode("full").build();
    }

    /** Minutes on a laptop CPU: fewer iterations and digits, same cases. */
    public static StudySettings quick() {
        return builder().mode("quick").iterations(100).evalEvery(25).timingWindow(100)
                .trainDigits(6_400).testDigits(500).build();
    }

    /**
     * {@link #full()} when {@link org.relnet.Mode#full()} ({@code RELNET_FULL=1}), else {@link #quick()};
     * results are saved after every case to {@code output/lenet-study-<mode>/}.
     */
    public static StudySettings fromEnvironment() {
        StudySettings s = org.relnet.Mode.full() ? full() : quick();
        return s.toBuilder().resultsDir(Path.of("output", "lenet-study-" + s.mode())).build();
    }

    public static Builder builder() { return new Builder(); }

    public int iterations() { return iterations; }
    public int evalEvery() { return evalEvery; }
    /** Iterations per timing window; times are reported per 100 iterations whatever the window. */
    public int timingWindow() { return timingWindow; }
    public int trainDigits() { return trainDigits; }
    public int testDigits() { return testDigits; }
    public double gamma() { return gamma; }
    public double power() { return power; }
    public double weightDecay() { return weightDecay; }
    public long seed() { return seed; }
    public int memoryEvery() { return memoryEvery; }
    public int warmupSteps() { return warmupSteps; }
    public boolean progress() { return progress; }
    public String mode() { return mode; }
    /** Where summary.csv, curves.csv and timing.csv are rewritten after every case; null for none. */
    public Path resultsDir() { return resultsDir; }

    /**
     * Caffe's test_iter for a test batch: enough batches to see every test digit exactly once
     * (10,000 digits: 79 batches of 128, 157 of 64, 40 of 256; the last batch is short), so all
     * cases are scored on the same digits whatever their test batch.
     */
    public int testIter(int testBatch) {
        return (testDigits + testBatch - 1) / testBatch;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.iterations = iterations; b.evalEvery = evalEvery; b.timingWindow = timingWindow;
        b.trainDigits = trainDigits; b.testDigits = testDigits; b.gamma = gamma; b.power = power;
        b.weightDecay = weightDecay; b.seed = seed; b.memoryEvery = memoryEvery; b.warmupSteps = warmupSteps;
        b.progress = progress; b.mode = mode; b.resultsDir = resultsDir;
        return b;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s mode: %d iterations, eval every %d, timing per %d, %d train / %d test digits, "
                        + "inv(gamma %s, power %s), classical momentum 0.9, weight decay %s, seed %d",
                mode, iterations, evalEvery, timingWindow, trainDigits, testDigits, gamma, power, weightDecay, seed);
    }

    public static final class Builder {
        private int iterations = 1000;
        private int evalEvery = 100;
        private int timingWindow = 100;
        private int trainDigits = 60_000;
        private int testDigits = 10_000;
        private double gamma = 0.001;
        private double power = 0.75;
        private double weightDecay = 5e-4;
        private long seed = 1;
        private int memoryEvery = 10;
        private int warmupSteps = 20;
        private boolean progress = true;
        private String mode = "custom";
        private Path resultsDir;

        private Builder() {}

        public Builder iterations(int n) { iterations = positive(n, "iterations"); return this; }
        public Builder evalEvery(int n) { evalEvery = positive(n, "evalEvery"); return this; }
        public Builder timingWindow(int n) { timingWindow = positive(n, "timingWindow"); return this; }
        public Builder trainDigits(int n) { trainDigits = positive(n, "trainDigits"); return this; }
        public Builder testDigits(int n) { testDigits = positive(n, "testDigits"); return this; }
        public Builder gamma(double g) { gamma = g; return this; }
        public Builder power(double p) { power = p; return this; }
        public Builder weightDecay(double wd) { weightDecay = wd; return this; }
        public Builder seed(long s) { seed = s; return this; }
        public Builder memoryEvery(int n) { memoryEvery = positive(n, "memoryEvery"); return this; }
        /** Untimed iterations on a throw-away net before the first case, so JIT warm-up is not billed to it. */
        public Builder warmupSteps(int n) { warmupSteps = Math.max(0, n); return this; }
        public Builder progress(boolean p) { progress = p; return this; }
        public Builder mode(String m) { mode = m; return this; }
        /** Save the tables after every case, so a run that dies keeps its finished cases; null for none. */
        public Builder resultsDir(Path dir) { resultsDir = dir; return this; }

        public StudySettings build() { return new StudySettings(this); }

        private static int positive(int n, String what) {
            if (n < 1) throw new IllegalArgumentException(what + " must be >= 1, got " + n);
            return n;
        }
    }
}
