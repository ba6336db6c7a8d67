package org.relnet.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to train: update rule, learning-rate schedule, clipping, length, evaluation cadence, seed,
 * checkpointing and progress output. Immutable; build with {@link #builder()}, vary with
 * {@link #toBuilder()} (a learning-rate search copies one config per trial).
 */
public final class TrainConfig {
    private final String name;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final double clipNorm;
    private final double clipValue;
    private final int steps;
    private final int evalEvery;
    private final long seed;
    private final Path checkpoint;
    private final int checkpointEvery;
    private final boolean resume;
    private final double divergenceFactor;
    private final boolean progress;
    private final Duration progressInterval;

    private TrainConfig(Builder b) {
        this.name = b.name;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.clipValue = b.clipValue;
        this.steps = b.steps;
        this.evalEvery = b.evalEvery;
        this.seed = b.seed;
        this.checkpoint = b.checkpoint;
        this.checkpointEvery = b.checkpointEvery > 0 ? b.checkpointEvery : b.evalEvery;
        this.resume = b.resume;
        this.divergenceFactor = b.divergenceFactor;
        this.progress = b.progress;
        this.progressInterval = b.progressInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.optimizer = optimizer;
        b.schedule = schedule;
        b.clipNorm = clipNorm;
        b.clipValue = clipValue;
        b.steps = steps;
        b.evalEvery = evalEvery;
        b.seed = seed;
        b.checkpoint = checkpoint;
        b.checkpointEvery = checkpointEvery;
        b.resume = resume;
        b.divergenceFactor = divergenceFactor;
        b.progress = progress;
        b.progressInterval = progressInterval;
        return b;
    }

    /** Run name shown in progress output and chart titles. */
    public String name() { return name; }
    public Optimizer optimizer() { return optimizer; }
    public LrSchedule schedule() { return schedule; }
    /** Per-layer L2-norm gradient clipping threshold (DL4J ClipL2PerLayer); 0 = off. */
    public double clipNorm() { return clipNorm; }
    /** Element-wise gradient clipping to [-v, v] (DL4J ClipElementWiseAbsoluteValue); 0 = off. */
    public double clipValue() { return clipValue; }
    /** Total number of updates (mini-batches), counted across resumes. */
    public int steps() { return steps; }
    /** Evaluate every this many steps (and always after the last step). */
    public int evalEvery() { return evalEvery; }
    /** Seeds the data order (for {@link SeekableIterator}s) and every step's randomness (dropout). */
    public long seed() { return seed; }
    /** Checkpoint file, or null for none. */
    public Path checkpoint() { return checkpoint; }
    public int checkpointEvery() { return checkpointEvery; }
    /** Whether an existing checkpoint file is loaded and training continues from it. */
    public boolean resume() { return resume; }
    /** Stop as diverged when the mini-batch loss exceeds this multiple of the first step's loss. */
    public double divergenceFactor() { return divergenceFactor; }
    public boolean progress() { return progress; }
    public Duration progressInterval() { return progressInterval; }

    @Override
    public String toString() {
        return "TrainConfig{" + name + ", " + optimizer + ", " + schedule + ", steps " + steps
                + ", eval every " + evalEvery + ", seed " + seed
                + (clipNorm > 0 ? ", clipNorm " + clipNorm : "") + (clipValue > 0 ? ", clipValue " + clipValue : "")
                + (checkpoint != null ? ", checkpoint " + checkpoint : "") + "}";
    }

    public static final class Builder {
        private String name = "run";
        private Optimizer optimizer = Optimizer.ADAM;
        private LrSchedule schedule = LrSchedule.constant(1e-3);
        private double clipNorm;
        private double clipValue;
        private int steps = 1000;
        private int evalEvery = 100;
        private long seed = 42;
        private Path checkpoint;
        private int checkpointEvery;
        private boolean resume = true;
        private double divergenceFactor = 1e3;
        private boolean progress = true;
        private Duration progressInterval = Duration.ofSeconds(3);

        private Builder() {}

        public Builder name(String name) { this.name = Objects.requireNonNull(name); return this; }
        public Builder optimizer(Optimizer o) { this.optimizer = Objects.requireNonNull(o); return this; }
        public Builder adam() { return optimizer(Optimizer.ADAM); }
        public Builder sgd() { return optimizer(Optimizer.SGD); }
        public Builder rmsProp() { return optimizer(Optimizer.RMSPROP); }
        public Builder nesterov() { return optimizer(Optimizer.NESTEROV); }
        /** SGD with Caffe's classical momentum 0.9 ({@link ClassicalMomentum}). */
        public Builder momentum() { return optimizer(Optimizer.MOMENTUM); }
        public Builder schedule(LrSchedule s) { this.schedule = Objects.requireNonNull(s); return this; }
        /** Shortcut for {@code schedule(LrSchedule.constant(lr))}. */
        public Builder lr(double lr) { return schedule(LrSchedule.constant(lr)); }

        public Builder clipNorm(double threshold) {
            if (threshold < 0) throw new IllegalArgumentException("clipNorm must be >= 0 (0 = off), got " + threshold);
            this.clipNorm = threshold;
            return this;
        }

        public Builder clipValue(double threshold) {
            if (threshold < 0) throw new IllegalArgumentException("clipValue must be >= 0 (0 = off), got " + threshold);
            this.clipValue = threshold;
            return this;
        }

        public Builder steps(int steps) {
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            this.steps = steps;
            return this;
        }

        public Builder evalEvery(int steps) {
            if (steps < 1) throw new IllegalArgumentException("evalEvery must be >= 1 step, got " + steps);
            this.evalEvery = steps;
            return this;
        }

        public Builder seed(long seed) { this.seed = seed; return this; }

        /** Write checkpoints to {@code file} (atomically) and, unless {@link #resume(boolean) resume(false)}, continue from it. */
        public Builder checkpoint(Path file) { this.checkpoint = file; return this; }

        /** Checkpoint every this many steps (default: at every evaluation); always also at the end and on interrupt. */
        public Builder checkpointEvery(int steps) {
            if (steps < 1) throw new IllegalArgumentException("checkpointEvery must be >= 1 step, got " + steps);
            this.checkpointEvery = steps;
            return this;
        }

        public Builder resume(boolean resume) { this.resume = resume; return this; }

        public Builder divergenceFactor(double factor) {
            if (!(factor > 1)) throw new IllegalArgumentException("divergenceFactor must be > 1, got " + factor);
            this.divergenceFactor = factor;
            return this;
        }

        /** Show progress (notebook display or text lines); false for silent runs such as parallel search trials. */
        public Builder progress(boolean show) { this.progress = show; return this; }

        /** Minimum time between progress refreshes (default 3 s). */
        public Builder progressInterval(Duration d) {
            if (d.isNegative()) throw new IllegalArgumentException("progressInterval must be >= 0, got " + d);
            this.progressInterval = d;
            return this;
        }

        public TrainConfig build() {
            if (clipNorm > 0 && clipValue > 0) {
                throw new IllegalStateException("choose one of clipNorm and clipValue (DL4J applies one gradient normalisation per layer)");
            }
            return new TrainConfig(this);
        }
    }
}
