import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.relnet.search.Asha;
import org.relnet.search.BayesianOptimization;
import org.relnet.search.RandomSearch;
import org.relnet.search.Space;
import org.relnet.search.Strategy;
import org.relnet.search.Study;
import org.relnet.search.StudyResults;
import org.relnet.search.SyntheticObjective;
import org.relnet.search.TrialResult;

/**
 * Random search vs ASHA vs Bayesian optimisation on the synthetic learning-rate objective
 * (lr log-uniform in [1e-6, 1e-2], 200 steps per full run), at the compute of 20 full random
 * trials, over several seeds. Prints mean best accuracy, regret and study overhead, with ratios
 * to random search.
 */
public class StrategyComparison {
    static final int SEEDS = Integer.getInteger("seeds", 10);
    static final long STEPS = 200;
    static final int FULL_TRIALS = 20;
    static final long BUDGET = FULL_TRIALS * STEPS;

    public static void main(String[] args) throws Exception {
        Space space = Space.builder().logUniform("lr", 1e-6, 1e-2).build();
        Map<String, LongFunction<Strategy>> strategies = new LinkedHashMap<>();
        strategies.put("random (20 trials)", seed -> new RandomSearch(FULL_TRIALS, seed));
        strategies.put("ASHA (60 trials, rungs 20/60/180)", seed -> Asha.random(60, seed, 20, STEPS));
        strategies.put("BO GP-EI (20 trials)", seed -> new BayesianOptimization(FULL_TRIALS, seed));
        Path root = Files.createTempDirectory("strategy-benchmark");
        System.out.printf("synthetic lr objective, optimum accuracy %.4f at lr=10^%.1f; budget %d steps; %d seeds%n%n",
                SyntheticObjective.optimum(), SyntheticObjective.BEST_LOG10_LR, BUDGET, SEEDS);
        System.out.printf("%-36s %10s %10s %12s %12s %14s %12s%n", "strategy", "trials", "acc of lr", "regret", "regret/rand", "steps used", "study s");
        double randomRegret = Double.NaN;
        for (Map.Entry<String, LongFunction<Strategy>> e : strategies.entrySet()) {
            double best = 0, steps = 0, trials = 0, seconds = 0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                long t0 = System.nanoTime();
                StudyResults r = Study.builder().space(space).strategy(e.getValue().apply(seed))
                        .objective(new SyntheticObjective(STEPS, 10)).dir(root.resolve(e.getKey().hashCode() + "-" + seed))
                        .progress(false).build().run();
                seconds += (System.nanoTime() - t0) / 1e9 / SEEDS;
                // Within the budget: the trial with the best measured accuracy, and the true quality of its lr.
                double bestMeasured = Double.NEGATIVE_INFINITY, chosenLr = Double.NaN;
                long used = 0;
                int n = 0;
                for (TrialResult t : r.trials()) {
                    if (used + t.steps() > BUDGET) break;
                    used += t.steps();
                    n++;
                    if (t.metric("accuracy") > bestMeasured) {
                        bestMeasured = t.metric("accuracy");
                        chosenLr = t.config().getDouble("lr");
                    }
                }
                best += SyntheticObjective.accuracyAt(chosenLr) / SEEDS;
                steps += (double) used / SEEDS;
                trials += (double) n / SEEDS;
            }
            double regret = SyntheticObjective.optimum() - best;
            if (Double.isNaN(randomRegret)) randomRegret = regret;
            System.out.printf("%-36s %10.1f %10.4f %12.4f %12.2f %14.0f %12.3f%n", e.getKey(), trials, best, regret, regret / randomRegret, steps, seconds);
        }
        System.out.println("\n(acc of lr: noiseless accuracy of the learning rate each study picked as best, mean over seeds;"
                + " regret: optimum minus that; trials and steps: counted up to the budget; study s: wall time of one study, i.e. the strategy's"
                + " and the log's overhead, since the objective costs microseconds; the machine is shared, so compare ratios)");
    }
}
