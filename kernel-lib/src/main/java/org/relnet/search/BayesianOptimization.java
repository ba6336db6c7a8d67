package org.relnet.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Bayesian optimisation: a Gaussian process models score(config) on the unit cube (log scale for
 * log-uniform dimensions), and each new trial goes where the expected improvement over the best
 * score so far is highest. The first {@code initialRandom} trials are the same draws random search
 * makes with this seed, so the two strategies start from equal footing.
 *
 * <p>EI is maximised over random candidates plus small perturbations of the best points, drawn
 * from (seed, trial index): the proposal is replayable on resume. Trials running in parallel do
 * not see each other (no fantasised results), so workers &gt; 1 spends some trials less wisely.
 */
public record BayesianOptimization(int trials, long seed, int initialRandom, int candidates, double xi) implements Strategy {
    private static final long CANDIDATE_STREAM = 0x63616e64L;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    public BayesianOptimization {
        if (trials < 1) throw new IllegalArgumentException("Bayesian optimisation needs at least 1 trial");
        if (initialRandom < 1) throw new IllegalArgumentException("Bayesian optimisation needs at least 1 initial random trial");
        if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1");
    }

    /** 5 random starts, 2000 candidates, exploration margin xi = 0.01 (in standardised score units). */
    public BayesianOptimization(int trials, long seed) {
        this(trials, seed, Math.min(trials, 5), 2000, 0.01);
    }

    @Override public int trials(Space space) {
        return trials;
    }

    @Override public Config propose(int index, Space space, Goal goal, List<TrialResult> finished) {
        return propose(index, space, goal, finished, List.of());
    }

    /**
     * Running trials count as finished with the worst score seen so far (the "constant liar"):
     * expected improvement near them drops, so parallel workers explore different points.
     */
    @Override public Config propose(int index, Space space, Goal goal, List<TrialResult> finished, List<Config> running) {
        List<double[]> xs = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (TrialResult r : finished) {
            if (r.status() == TrialResult.Status.FAILED) continue;
            xs.add(space.toUnit(r.config()));
            scores.add(goal.score(r.metric(goal.metric())));
        }
        if (index < initialRandom || xs.size() < 2) return RandomSearch.sample(space, seed, index);
        for (Config c : running) {
            xs.add(space.toUnit(c));
            scores.add(Double.NEGATIVE_INFINITY); // standardise() maps it to the worst finite score
        }
        double[] y = standardise(scores);
        if (y == null) return RandomSearch.sample(space, seed, index);
        GaussianProcess gp = GaussianProcess.fit(xs.toArray(double[][]::new), y);
        double best = Double.NEGATIVE_INFINITY;
        for (double v : y) best = Math.max(best, v);

        SplittableRandom rng = Seeds.rng(seed, CANDIDATE_STREAM, index);
        double[] bestX = null;
        double bestEi = -1;
        for (double[] c : candidates(rng, space.size(), xs, y)) {
            double ei = expectedImprovement(gp.predict(c), best);
            if (ei > bestEi) {
                bestEi = ei;
                bestX = c;
            }
        }
        return space.fromUnit(bestX);
    }

    private List<double[]> candidates(SplittableRandom rng, int dims, List<double[]> xs, double[] y) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            double[] c = new double[dims];
            for (int d = 0; d < dims; d++) c[d] = rng.nextDouble();
            out.add(c);
        }
        // Local candidates near the best three points sharpen the optimum that random ones only approach.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < y.length; i++) order.add(i);
        order.sort(Comparator.comparingDouble(i -> -y[i]));
        for (int k = 0; k < Math.min(3, order.size()); k++) {
            double[] centre = xs.get(order.get(k));
            for (int i = 0; i < candidates / 10; i++) {
                double[] c = new double[dims];
                for (int d = 0; d < dims; d++) c[d] = Math.max(0, Math.min(1, centre[d] + 0.05 * rng.nextGaussian()));
                out.add(c);
            }
        }
        return out;
    }

    private double expectedImprovement(double[] meanSd, double best) {
        double improvement = meanSd[0] - best - xi;
        double sd = meanSd[1];
        double z = improvement / sd;
        return improvement * STANDARD_NORMAL.cumulativeProbability(z) + sd * STANDARD_NORMAL.density(z);
    }

    /** Scores standardised; diverged (-inf) trials count as the worst finite score seen. Null if none is finite. */
    private static double[] standardise(List<Double> scores) {
        double min = Double.POSITIVE_INFINITY;
        for (double s : scores) if (Double.isFinite(s)) min = Math.min(min, s);
        if (min == Double.POSITIVE_INFINITY) return null;
        double[] y = new double[scores.size()];
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = Double.isFinite(scores.get(i)) ? scores.get(i) : min;
            mean += y[i] / y.length;
        }
        double var = 0;
        for (double v : y) var += (v - mean) * (v - mean) / y.length;
        double sd = var > 1e-24 ? Math.sqrt(var) : 1;
        for (int i = 0; i < y.length; i++) y[i] = (y[i] - mean) / sd;
        return y;
    }

    @Override public String describe() {
        return "BayesianOptimization(trials=" + trials + ", seed=" + seed + ", initialRandom=" + initialRandom
                + ", candidates=" + candidates + ", xi=" + xi + ")";
    }
}
