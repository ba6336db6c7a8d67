package org.relnet.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A study run in a child JVM so that a test can kill it with SIGKILL. Arguments: the study
 * directory, the worker count, and either {@code block:K} (trial K reports once, writes
 * {@code dir/inflight}, then never returns) or {@code slow} (every step takes a few ms, so a kill
 * lands anywhere).
 */
public final class CrashableStudy {
    static final int TRIALS = 10;
    static final long SEED = 11;

    static Strategy strategy() {
        return new RandomSearch(TRIALS, SEED);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int workers = Integer.parseInt(args[1]);
        String mode = args[2];
        Objective base = Synthetic.curve();
        Objective objective;
        if (mode.startsWith("block:")) {
            int blockAt = Integer.parseInt(mode.substring("block:".length()));
            objective = (trial, ctx) -> {
                if (trial.index() != blockAt) return base.run(trial, ctx);
                ctx.report(10, Map.of("accuracy", 0.5));
                Files.writeString(dir.resolve("inflight"), Integer.toString(blockAt));
                while (true) Thread.sleep(1000); // simulated endless training: only SIGKILL ends it
            };
        } else {
            objective = (trial, ctx) -> base.run(trial, new TrialContext() {
                @Override public long seed() {
                    return ctx.seed();
                }

                @Override public boolean report(long step, Map<String, Double> metrics) {
                    try {
                        Thread.sleep(50); // simulated training work between evaluations
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ctx.report(step, metrics);
                }

                @Override public boolean shouldStop() {
                    return ctx.shouldStop();
                }

                @Override public Path workDir() {
                    return ctx.workDir();
                }
            });
        }
        Synthetic.study(dir, strategy(), objective).workers(workers).build().run();
    }
}
