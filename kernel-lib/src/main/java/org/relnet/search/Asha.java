package org.relnet.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning"), in its early-stopping form: every trial is given the full budget, and rungs sit at
 * budgets {@code min, min*eta, min*eta^2, ... < max}. When a trial first reports at or past a
 * rung, its score joins that rung; it goes on only if it ranks in the top {@code 1/eta} of the
 * scores the rung has seen so far (at least the best one always goes on), else it is stopped.
 * No trial waits for a rung to fill, which is what makes it asynchronous.
 *
 * <p>Configs come from a base strategy (random search by default), so ASHA also wraps grid or
 * Bayesian proposals.
 */
public final class Asha implements Strategy {
    private final Strategy base;
    private final long minBudget;
    private final long maxBudget;
    private final int eta;

    public Asha(Strategy base, long minBudget, long maxBudget, int eta) {
        if (minBudget < 1 || maxBudget <= minBudget) throw new IllegalArgumentException("ASHA needs 1 <= minBudget < maxBudget, got " + minBudget + ", " + maxBudget);
        if (eta < 2) throw new IllegalArgumentException("ASHA's reduction factor eta must be >= 2, got " + eta);
        this.base = base;
        this.minBudget = minBudget;
        this.maxBudget = maxBudget;
        this.eta = eta;
    }

    /** Reduction factor 3, the usual choice. */
    public Asha(Strategy base, long minBudget, long maxBudget) {
        this(base, minBudget, maxBudget, 3);
    }

    /** ASHA over random configs: {@code trials} draws with {@code seed}. */
    public static Asha random(int trials, long seed, long minBudget, long maxBudget) {
        return new Asha(new RandomSearch(trials, seed), minBudget, maxBudget);
    }

    /** Budgets at which trials are compared, lowest first. */
    public long[] rungs() {
        List<Long> r = new ArrayList<>();
        for (long b = minBudget; b < maxBudget; b *= eta) r.add(b);
        return r.stream().mapToLong(Long::longValue).toArray();
    }

    public int eta() {
        return eta;
    }

    @Override public int trials(Space space) {
        return base.trials(space);
    }

    @Override public Config propose(int index, Space space, Goal goal, List<TrialResult> finished) {
        return base.propose(index, space, goal, finished);
    }

    @Override public Config propose(int index, Space space, Goal goal, List<TrialResult> finished, List<Config> running) {
        return base.propose(index, space, goal, finished, running);
    }

    @Override public long seed() {
        return base.seed();
    }

    @Override public long trialSeed(int index) {
        return base.trialSeed(index);
    }

    @Override public long budget() {
        return maxBudget;
    }

    @Override public EarlyStopping earlyStopping(Goal goal) {
        return new Rungs(rungs(), eta);
    }

    @Override public String describe() {
        return "Asha(min=" + minBudget + ", max=" + maxBudget + ", eta=" + eta + ", rungs=" + Arrays.toString(rungs()) + ", base=" + base.describe() + ")";
    }

    /** The rung records of one study run. */
    static final class Rungs implements EarlyStopping {
        private final long[] budgets;
        private final int eta;
        private final List<List<Double>> scores = new ArrayList<>();
        private final Map<Integer, Integer> nextRung = new HashMap<>();
        private final Set<Integer> stopped = new HashSet<>();

        Rungs(long[] budgets, int eta) {
            this.budgets = budgets;
            this.eta = eta;
            for (int i = 0; i < budgets.length; i++) scores.add(new ArrayList<>());
        }

        @Override public synchronized boolean report(int trial, long step, double score) {
            if (stopped.contains(trial)) return true;
            int rung = nextRung.getOrDefault(trial, 0);
            // One report may pass several rungs when the trial evaluates less often than rungs are spaced.
            while (rung < budgets.length && step >= budgets[rung]) {
                List<Double> seen = scores.get(rung);
                seen.add(score);
                nextRung.put(trial, ++rung);
                if (!inTopFraction(seen, score)) {
                    stopped.add(trial);
                    return true;
                }
            }
            return false;
        }

        private boolean inTopFraction(List<Double> seen, double score) {
            int keep = Math.max(1, seen.size() / eta);
            int better = 0;
            for (double s : seen) if (s > score) better++;
            return better < keep;
        }
    }
}
