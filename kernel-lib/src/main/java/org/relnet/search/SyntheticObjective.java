package org.relnet.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stand-in for training, with a known answer: final accuracy as a function of the learning rate
 * shaped like the papers' finding (too small learns slowly, too large fails, the best lies near
 * 5e-4), with a lower second bump to trap greedy searches. Costs microseconds, so notebooks and
 * tests can compare search strategies over many seeds before spending real training time.
 */
public final class SyntheticObjective implements Objective {
    /** log10 of the learning rate with the highest accuracy. */
    public static final double BEST_LOG10_LR = -3.3;

    private final long steps;
    private final long evalEvery;

    /** Reports every {@code evalEvery} steps up to {@code steps} (or the trial's budget, when it sets one). */
    public SyntheticObjective(long steps, long evalEvery) {
        if (steps < 1 || evalEvery < 1) throw new IllegalArgumentException("steps and evalEvery must be >= 1");
        this.steps = steps;
        this.evalEvery = evalEvery;
    }

    /** The accuracy a run with learning rate {@code lr} approaches: 0.3 floor, 0.95 at the optimum. */
    public static double accuracyAt(double lr) {
        double u = Math.log10(lr);
        return 0.3 + 0.65 * gauss((u - BEST_LOG10_LR) / 0.3) + 0.15 * gauss((u + 5.2) / 0.4);
    }

    /** The best accuracy any learning rate reaches. */
    public static double optimum() {
        return accuracyAt(Math.pow(10, BEST_LOG10_LR));
    }

    @Override public TrialOutcome run(Trial trial, TrialContext ctx) {
        SplittableRandom rng = new SplittableRandom(ctx.seed());
        double target = accuracyAt(trial.config().getDouble("lr"));
        long total = trial.budget() > 0 ? trial.budget() : steps;
        Map<String, Double> m = Map.of();
        for (long step = evalEvery; step <= total; step += evalEvery) {
            // Learning speed is a fixed fraction of the run, so short and long runs rank configs alike.
            double acc = target * (1 - Math.exp(-3.3 * step / total)) + 0.01 * rng.nextDouble();
            m = metrics(acc);
            if (ctx.report(step, m)) break;
        }
        return TrialOutcome.of(m);
    }

    private static Map<String, Double> metrics(double acc) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", acc);
        m.put("loss", 1 - acc);
        return m;
    }

    private static double gauss(double z) {
        return Math.exp(-z * z);
    }
}
