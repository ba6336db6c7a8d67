package org.relnet.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Objectives with known answers, so search tests need no DL4J training. */
final class Synthetic {
    private Synthetic() {}

    static final Space LR_SPACE = Space.builder().logUniform("lr", 1e-6, 1e-2).build();

    static double accuracyAt(double lr) {
        return SyntheticObjective.accuracyAt(lr);
    }

    /** Reports accuracy every 10 steps for 50 steps (see {@link SyntheticObjective}). */
    static Objective curve() {
        return new SyntheticObjective(50, 10);
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

}
