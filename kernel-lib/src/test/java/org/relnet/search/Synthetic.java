package org.relnet.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Objectives with known answers, so search tests need no DL4J training. */
final class Synthetic {
    private Synthetic() {}

    static final Space LR_SPACE = Space.builder().logUniform("lr", 1e-6, 1e-2).build();

    /** Accuracy vs log10(lr): a main peak at 10^-3.3 (0.95) and a lower one at 10^-5.2, like the papers' finding. */
    static double accuracyAt(double lr) {
        double u = Math.log10(lr);
        return 0.3 + 0.65 * Math.exp(-sq((u + 3.3) / 0.3)) + 0.15 * Math.exp(-sq((u + 5.2) / 0.4));
    }

    /**
     * A training run: reports accuracy every 10 steps for 50 steps, approaching accuracyAt(lr),
     * with a little seed-dependent noise so seeds matter. Stops when told to.
     */
    static Objective curve() {
        return (trial, ctx) -> {
            SplittableRandom rng = new SplittableRandom(ctx.seed());
            double target = accuracyAt(trial.config().getDouble("lr"));
            double acc = 0;
            for (long step = 10; step <= 50; step += 10) {
                acc = target * (1 - Math.exp(-step / 15.0)) + 0.01 * rng.nextDouble();
                if (ctx.report(step, metrics(acc))) break;
            }
            return TrialOutcome.of(metrics(acc));
        };
    }

    private static Map<String, Double> metrics(double acc) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", acc);
        m.put("loss", 1 - acc);
        return m;
    }

    /** The comparable part of a result: everything but wall time and memory. */
    static List<Object> essence(TrialResult r) {
        return List.of(r.index(), r.status(), r.config(), r.seed(), r.budget(), r.curve(), r.finalMetrics());
    }

    static List<List<Object>> essence(StudyResults results) {
        return results.trials().stream().map(Synthetic::essence).toList();
    }

    static Study.Builder study(Path dir, Strategy strategy, Objective objective) {
        return Study.builder().space(LR_SPACE).strategy(strategy).objective(objective).dir(dir).progress(false);
    }

    static List<String> lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static double sq(double x) {
        return x * x;
    }
}
