package org.relnet.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relnet.Mode;

/**
 * The papers' learning-rate search on Sort-of-CLEVR (journal Figs 11/12: initial lr drawn
 * log-uniformly in [1e-6, 1e-2], 20,000 steps each, best range 3e-4 .. 1e-3), and the same compute
 * spent by ASHA and by Bayesian optimisation, several seeds each. Notebook 05 runs exactly this
 * object and {@code ClevrLrSearchTest} checks the quick one:
 *
 * <pre>{@code
 * ClevrLrSearch search = ClevrLrSearch.forMode();
 * StudyResults random = search.random(1);
 * Map<String, List<StudyResults>> runs = search.compareStrategies();
 * }</pre>
 *
 * <p>Quick mode searches [1e-5, 1e-1] instead: four decades like the paper, one decade higher,
 * because 200-step trials favour larger steps (their best rates lie near 1e-3 .. 3e-3, and
 * 1e-2 is already worse); in the paper's range almost no draw would land where rates fail.
 */
public final class ClevrLrSearch {
    private final ClevrLrStudy trial;
    private final double lowLr, highLr;
    private final int trials;
    private final long[] seeds;
    private final int ashaEta, boStarts;

    private ClevrLrSearch(ClevrLrStudy trial, double lowLr, double highLr, int trials, long[] seeds, int ashaEta, int boStarts) {
        if (!(lowLr > 0 && highLr > lowLr)) throw new IllegalArgumentException("need 0 < lowLr < highLr, got " + lowLr + ", " + highLr);
        if (trials < 2 || seeds.length < 1 || ashaEta < 2) throw new IllegalArgumentException("need >= 2 trials, >= 1 seed, eta >= 2");
        this.trial = trial;
        this.lowLr = lowLr;
        this.highLr = highLr;
        this.trials = trials;
        this.seeds = seeds.clone();
        this.ashaEta = ashaEta;
        this.boStarts = boStarts;
    }

    public static ClevrLrSearch forMode() {
        return Mode.full() ? full() : quick();
    }

    /**
     * Minutes on two cores: the quick RN of {@link ClevrLrStudy#quick()}, 200 steps per trial,
     * evaluated every 50 steps on 50 test images (1,000 questions); lr in [1e-5, 1e-1]; 6 random
     * trials, 6 BO trials (3 random starts), 12 ASHA trials (eta 2); seeds 1 and 2.
     */
    public static ClevrLrSearch quick() {
        ClevrLrStudy t = ClevrLrStudy.quick().steps(200).evalEvery(50).testImages(50).build();
        return new ClevrLrSearch(t, 1e-5, 1e-1, 6, new long[] {1, 2}, 2, 3);
    }

    /** The paper: its RN sizes, 20,000 steps per trial, lr in [1e-6, 1e-2], 20 trials; 3 seeds; ASHA eta 3; BO 5 random starts. */
    public static ClevrLrSearch full() {
        ClevrLrStudy t = ClevrLrStudy.full().steps(20_000).build();
        return new ClevrLrSearch(t, 1e-6, 1e-2, 20, new long[] {1, 2, 3}, 3, 5);
    }

    /** The trial: model, data, length, evaluation. */
    public ClevrLrStudy trial() { return trial; }
    public int trials() { return trials; }
    public long[] seeds() { return seeds.clone(); }
    public double lowLr() { return lowLr; }
    public double highLr() { return highLr; }

    /** {@code lr} log-uniform in [lowLr, highLr]. */
    public Space space() {
        return Space.builder().logUniform("lr", lowLr, highLr).build();
    }

    public RandomSearch randomSearch(long seed) {
        return new RandomSearch(trials, seed);
    }

    /**
     * ASHA over eta x as many random draws: rungs at 1/eta^2 and 1/eta of the steps, where a
     * trial goes on only if it is in the top 1/eta so far. Its total steps come to about those
     * of random search's {@link #trials()} full runs.
     */
    public Asha asha(long seed) {
        long steps = trial.steps();
        return new Asha(new RandomSearch(ashaEta * trials, seed), steps / ((long) ashaEta * ashaEta), steps, ashaEta);
    }

    /** Bayesian optimisation with as many trials as random search, the first few the same random draws. */
    public BayesianOptimization bayesian(long seed) {
        return new BayesianOptimization(trials, seed, boStarts, 2000, 0.01);
    }

    /** Runs (or resumes) the random search with {@code seed}. */
    public StudyResults random(long seed) {
        return trial.study(name("random", seed), space(), randomSearch(seed)).run();
    }

    /**
     * Random search, ASHA and Bayesian optimisation for every seed, in that order (finished
     * studies are read back). Stops after the study that was interrupted, returning what ran.
     */
    public Map<String, List<StudyResults>> compareStrategies() {
        Map<String, List<StudyResults>> runs = new LinkedHashMap<>();
        for (long seed : seeds) {
            if (!add(runs, "random search", trial.study(name("random", seed), space(), randomSearch(seed)))) break;
            if (!add(runs, "ASHA", trial.study(name("asha", seed), space(), asha(seed)))) break;
            if (!add(runs, "Bayesian optimisation", trial.study(name("bo", seed), space(), bayesian(seed)))) break;
        }
        return runs;
    }

    private static boolean add(Map<String, List<StudyResults>> runs, String strategy, Study study) {
        StudyResults r = study.run();
        runs.computeIfAbsent(strategy, k -> new ArrayList<>()).add(r);
        return !r.interrupted();
    }

    private String name(String strategy, long seed) {
        return String.format(Locale.ROOT, "lr-%s-%.0e-%.0e-%dtrials-seed%d", strategy, lowLr, highLr, trials, seed);
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "lr log-uniform in [%.0e, %.0e]; random search %d trials, Bayesian optimisation %d (%d random starts), "
                + "ASHA %d (eta %d, rungs %s); seeds %s%ntrial: %s", lowLr, highLr, trials, trials, boStarts, ashaEta * trials, ashaEta,
                java.util.Arrays.toString(asha(1).rungs()), java.util.Arrays.toString(seeds), trial);
    }
}
