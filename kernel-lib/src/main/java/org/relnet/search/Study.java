package org.relnet.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a strategy's trials of an objective, up to {@code workers} at a time, and records each
 * finished trial in {@code dir/trials.jsonl} before going on. Running a study whose directory
 * already holds results resumes it: finished trials are read back, not repeated, and the
 * strategy proposes the same configs for the rest (see {@link Strategy#propose}). A trial that
 * was running when the process died runs again (from its checkpoint, if its objective keeps one
 * in {@link TrialContext#workDir()}). The log records the space, goal and strategy and refuses a
 * directory written by another study; it cannot see the objective, so give a study a new
 * directory when you change what a trial does (steps, model, data).
 *
 * <p>Interrupting the thread that called {@link #run()} (a notebook's stop button) stops the
 * running trials, keeps every finished one, returns the results so far and leaves the interrupt
 * flag set.
 *
 * <pre>{@code
 * var study = Study.builder()
 *     .space(Space.builder().logUniform("lr", 1e-6, 1e-2).build())
 *     .strategy(new RandomSearch(20, 42))
 *     .objective(obj)
 *     .dir(Path.of("studies/lr-random"))
 *     .workers(2)
 *     .build();
 * var results = study.run();
 * results.table();
 * }</pre>
 */
public final class Study {
    private static final System.Logger LOG = System.getLogger(Study.class.getName());

    private final Space space;
    private final Strategy strategy;
    private final Objective objective;
    private final Path dir;
    private final int workers;
    private final Goal goal;
    private final boolean progress;
    private final long memorySampleMillis;
    private final int nativeThreads;

    private Study(Builder b) {
        this.space = Objects.requireNonNull(b.space, "Study needs a space");
        this.strategy = Objects.requireNonNull(b.strategy, "Study needs a strategy");
        this.objective = Objects.requireNonNull(b.objective, "Study needs an objective");
        this.dir = Objects.requireNonNull(b.dir, "Study needs a directory for its results");
        this.workers = b.workers;
        this.goal = b.goal;
        this.progress = b.progress;
        this.memorySampleMillis = b.memorySampleMillis;
        this.nativeThreads = b.nativeThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Space space() {
        return space;
    }

    public Strategy strategy() {
        return strategy;
    }

    public Goal goal() {
        return goal;
    }

    public Path dir() {
        return dir;
    }

    /**
     * How many trials can run at once: {@code wanted}, but no more than the machine's cores nor
     * than the memory left allows at {@code bytesPerTrial} each (JVM heap and ND4J's off-heap
     * limit, whichever is tighter); at least 1.
     */
    public static int workersFor(int wanted, long bytesPerTrial) {
        Runtime rt = Runtime.getRuntime();
        long heapLeft = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long offHeapLeft = Long.MAX_VALUE;
        try {
            long max = org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
            if (max > 0) offHeapLeft = max - org.bytedeco.javacpp.Pointer.physicalBytes();
        } catch (LinkageError e) {
            // no JavaCPP natives: the heap is the only limit we can see
        }
        return workersFor(wanted, rt.availableProcessors(), bytesPerTrial, Math.min(heapLeft, offHeapLeft));
    }

    /** {@link #workersFor(int, long)} with the cores and free bytes given. */
    static int workersFor(int wanted, int cores, long bytesPerTrial, long bytesLeft) {
        if (wanted < 1) throw new IllegalArgumentException("wanted workers must be >= 1, got " + wanted);
        long byMemory = bytesPerTrial <= 0 ? Long.MAX_VALUE : Math.max(0, bytesLeft) / bytesPerTrial;
        return (int) Math.max(1, Math.min(Math.min(wanted, Math.max(1, cores)), byMemory));
    }

    /**
     * Runs (or resumes) the study to its end, or until the calling thread is interrupted. With
     * {@link Builder#nativeThreads} set, ND4J's thread limits hold that value only while this
     * call runs and are restored afterwards, even when it fails.
     */
    public StudyResults run() {
        if (nativeThreads == 0) return runLocked();
        ThreadLimits limits = threadLimits;
        int[] before = limits.get();
        limits.set(nativeThreads, nativeThreads);
        try {
            return runLocked();
        } finally {
            limits.set(before[0], before[1]);
        }
    }

    /** ND4J's {@code maxThreads} and {@code maxMasterThreads}; replaceable so tests can watch them. */
    interface ThreadLimits {
        int[] get();

        void set(int threads, int masterThreads);

        ThreadLimits ND4J = new ThreadLimits() {
            @Override public int[] get() {
                org.nd4j.linalg.factory.Environment env = org.nd4j.linalg.factory.Nd4j.getEnvironment();
                return new int[] {env.maxThreads(), env.maxMasterThreads()};
            }

            @Override public void set(int threads, int masterThreads) {
                org.nd4j.linalg.factory.Environment env = org.nd4j.linalg.factory.Nd4j.getEnvironment();
                env.setMaxMasterThreads(masterThreads);
                env.setMaxThreads(threads);
            }
        };
    }

    static volatile ThreadLimits threadLimits = ThreadLimits.ND4J;

    private StudyResults runLocked() {
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve("study.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(lockFile);
                 TrialLog log = TrialLog.open(dir, space, goal, strategy.describe())) {
                return new Run(log).execute();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("study in " + dir + ": " + e.getMessage(), e);
        }
    }

    private FileLock tryLock(FileChannel ch) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) throw new IllegalStateException("another study is running in " + dir + " (" + dir.resolve("study.lock") + " is locked)");
        return lock;
    }

    /** State of one call to {@link #run()}. */
    private final class Run {
        private final TrialLog log;
        private final TreeMap<Integer, TrialResult> finished = new TreeMap<>();
        private final EarlyStopping earlyStopping = strategy.earlyStopping(goal);
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final Map<Integer, RunningTrial> running = new ConcurrentHashMap<>();
        /** Configs submitted and not yet finished, as the proposing thread sees them. */
        private final Map<Integer, Config> pending = new TreeMap<>();
        private final int total = strategy.trials(space);
        private StudyProgress shown;

        Run(TrialLog log) {
            this.log = log;
            for (TrialResult r : log.loaded()) {
                if (r.index() >= total) throw new IllegalStateException(log.file() + " holds trial " + r.index() + " but the strategy has only " + total + " trials");
                finished.put(r.index(), r);
                replay(r);
            }
        }

        private void replay(TrialResult r) {
            for (CurvePoint p : r.curve()) {
                double s = goal.scoreOf(p.metrics());
                if (!Double.isNaN(s)) earlyStopping.report(r.index(), p.step(), s);
            }
        }

        StudyResults execute() {
            shown = new StudyProgress(progress, total, goal, finished.size());
            AtomicInteger threadNo = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "study-worker-" + threadNo.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "study-memory");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(() -> running.values().forEach(t -> t.memory.sample()), memorySampleMillis, memorySampleMillis, TimeUnit.MILLISECONDS);
            new MemoryProbe().sample(); // loads JavaCPP's natives now, not on trial 0's clock
            ExecutorCompletionService<TrialResult> done = new ExecutorCompletionService<>(pool);
            boolean interrupted = false;
            int inFlight = 0;
            int next = 0;
            try {
                while (true) {
                    while (!stopping.get() && inFlight < workers && next < total) {
                        if (Thread.currentThread().isInterrupted()) {
                            interrupted = true;
                            stop();
                            break;
                        }
                        int index = next++;
                        if (finished.containsKey(index)) continue;
                        List<Config> busy = pending.values().stream().toList();
                        Trial trial = new Trial(index, strategy.propose(index, space, goal, List.copyOf(finished.values()), busy),
                                strategy.trialSeed(index), strategy.budget());
                        pending.put(index, trial.config());
                        done.submit(() -> runTrial(trial));
                        inFlight++;
                    }
                    if (inFlight == 0) break;
                    TrialResult r;
                    try {
                        r = done.take().get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        stop();
                        continue;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("study runner failed", e.getCause());
                    }
                    inFlight--;
                    if (r != null) {
                        pending.remove(r.index());
                        log.append(r);
                        deleteWorkDir(r.index());
                        finished.put(r.index(), r);
                        shown.trialFinished(r, finished.values(), running.size());
                    }
                }
            } finally {
                sampler.shutdownNow();
                pool.shutdownNow();
            }
            if (interrupted) {
                shown.interrupted(finished.size());
                Thread.currentThread().interrupt();
            } else {
                shown.finished(finished.values());
            }
            return new StudyResults(space, goal, strategy.describe(), new ArrayList<>(finished.values()), interrupted, log.warnings());
        }

        private Path workDir(int index) {
            return dir.resolve("trials").resolve(Integer.toString(index));
        }

        // Only after the result is safely in the log: a crash before this keeps the checkpoints for the re-run.
        private void deleteWorkDir(int index) {
            Path d = workDir(index);
            if (!Files.exists(d)) return;
            try (var paths = Files.walk(d)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete " + d + ": " + e.getMessage());
            }
        }

        /** "#3 step 400 accuracy=0.61, #4 step 380 accuracy=0.55" */
        private String runningSummary() {
            StringJoiner j = new StringJoiner(", ");
            for (RunningTrial t : new TreeMap<>(running).values()) {
                CurvePoint last = t.lastPoint();
                j.add("#" + t.trial.index() + (last == null ? " starting" : " step " + last.step()
                        + (last.metrics().containsKey(goal.metric()) ? " " + goal.metric() + "=" + Config.format(last.metrics().get(goal.metric())) : "")));
            }
            return j.toString();
        }

        /** Asks running trials to stop: through their context and by interrupting their threads. */
        private void stop() {
            if (stopping.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.INFO, "study interrupted: stopping " + running.size() + " running trial(s); finished trials are kept");
            }
            running.values().forEach(t -> t.thread.interrupt());
        }

        /** Runs one trial on a worker thread; null when it was cut short by the study stopping. */
        private TrialResult runTrial(Trial trial) {
            RunningTrial ctx = new RunningTrial(trial, Thread.currentThread());
            running.put(trial.index(), ctx);
            if (stopping.get()) ctx.thread.interrupt();
            long start = System.nanoTime();
            ctx.memory.sample();
            TrialOutcome outcome = null;
            Throwable error = null;
            try {
                outcome = objective.run(trial, ctx);
            } catch (Exception | LinkageError | AssertionError | OutOfMemoryError e) {
                error = e;
            } finally {
                running.remove(trial.index());
            }
            ctx.memory.sample();
            long wall = (System.nanoTime() - start) / 1_000_000;
            boolean cutShort = stopping.get() && (Thread.interrupted() || ctx.stopSignalled || error != null);
            Thread.interrupted(); // leave the pool thread clean for the next trial
            if (cutShort) return null;
            TrialResult.Status status;
            Map<String, Double> finalMetrics;
            if (error != null) {
                status = TrialResult.Status.FAILED;
                finalMetrics = Map.of();
                LOG.log(System.Logger.Level.WARNING, "trial " + trial.index() + " " + trial.config() + " failed", error);
            } else {
                status = ctx.pruned ? TrialResult.Status.PRUNED : TrialResult.Status.COMPLETED;
                finalMetrics = outcome == null || outcome.metrics().isEmpty() ? ctx.lastMetrics() : outcome.metrics();
            }
            return new TrialResult(trial.index(), status, trial.config(), trial.seed(), trial.budget(), ctx.curve(), finalMetrics, wall,
                    ctx.memory.peakHeap(), ctx.memory.peakOffHeap(), ctx.memory.peakPhysical(), error == null ? null : error.toString());
        }

        private final class RunningTrial implements TrialContext {
            final Trial trial;
            final Thread thread;
            final MemoryProbe memory = new MemoryProbe();
            private final List<CurvePoint> curve = new ArrayList<>();
            volatile boolean pruned;
            volatile boolean stopSignalled;

            RunningTrial(Trial trial, Thread thread) {
                this.trial = trial;
                this.thread = thread;
            }

            @Override public long seed() {
                return trial.seed();
            }

            @Override public boolean report(long step, Map<String, Double> metrics) {
                synchronized (this) {
                    if (!curve.isEmpty() && step < curve.get(curve.size() - 1).step()) {
                        throw new IllegalArgumentException("trial " + trial.index() + " reported step " + step + " after step " + curve.get(curve.size() - 1).step());
                    }
                    curve.add(new CurvePoint(step, metrics));
                }
                memory.sample();
                double score = goal.scoreOf(metrics);
                if (!pruned && !Double.isNaN(score) && earlyStopping.report(trial.index(), step, score)) pruned = true;
                shown.trialsRunning(Run.this::runningSummary);
                return shouldStop();
            }

            @Override public boolean shouldStop() {
                if (stopping.get() || Thread.currentThread().isInterrupted()) {
                    stopSignalled = true;
                    return true;
                }
                return pruned;
            }

            @Override public Path workDir() {
                Path d = Run.this.workDir(trial.index());
                try {
                    Files.createDirectories(d);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create trial directory " + d, e);
                }
                return d;
            }

            synchronized CurvePoint lastPoint() {
                return curve.isEmpty() ? null : curve.get(curve.size() - 1);
            }

            synchronized List<CurvePoint> curve() {
                return List.copyOf(curve);
            }

            synchronized Map<String, Double> lastMetrics() {
                return curve.isEmpty() ? Map.of() : new LinkedHashMap<>(curve.get(curve.size() - 1).metrics());
            }
        }
    }

    public static final class Builder {
        private Space space;
        private Strategy strategy;
        private Objective objective;
        private Path dir;
        private int workers = 1;
        private Goal goal = Goal.maximize("accuracy");
        private boolean progress = true;
        private long memorySampleMillis = 100;
        private int nativeThreads;

        private Builder() {}

        public Builder space(Space space) {
            this.space = space;
            return this;
        }

        public Builder strategy(Strategy strategy) {
            this.strategy = strategy;
            return this;
        }

        public Builder objective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /** Where the study keeps {@code trials.jsonl}; reusing a directory resumes its study. */
        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** Trials run at once (default 1). Each DL4J trial holds its own model: mind the memory. */
        public Builder workers(int workers) {
            if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
            this.workers = workers;
            return this;
        }

        /** The metric to optimise (default: maximise "accuracy"). */
        public Builder goal(Goal goal) {
            this.goal = Objects.requireNonNull(goal);
            return this;
        }

        public Builder maximize(String metric) {
            return goal(Goal.maximize(metric));
        }

        public Builder minimize(String metric) {
            return goal(Goal.minimize(metric));
        }

        /** Show progress: a line per finished trial, and what running trials are doing (default true). */
        public Builder progress(boolean show) {
            this.progress = show;
            return this;
        }

        public Builder memorySampleMillis(long millis) {
            if (millis < 1) throw new IllegalArgumentException("memory sample period must be >= 1 ms");
            this.memorySampleMillis = millis;
            return this;
        }

        /**
         * ND4J threads (its {@code maxThreads} and {@code maxMasterThreads}) while the study runs;
         * the previous values come back when {@link #run()} returns. 0 (the default) leaves them
         * alone. With several workers, 1 thread each keeps small models from fighting over cores.
         */
        public Builder nativeThreads(int threads) {
            if (threads < 0) throw new IllegalArgumentException("native threads must be >= 0, got " + threads);
            this.nativeThreads = threads;
            return this;
        }

        public Study build() {
            return new Study(this);
        }
    }
}
