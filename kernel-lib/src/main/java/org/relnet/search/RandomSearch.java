package org.relnet.search;

import java.util.List;

/**
 * Independent draws from the space, as the papers' learning-rate search (lr log-uniform in
 * [1e-6, 1e-2]). Trial k's config depends only on (seed, k).
 */
public record RandomSearch(int trials, long seed) implements Strategy {
    public RandomSearch {
        if (trials < 1) throw new IllegalArgumentException("random search needs at least 1 trial, got " + trials);
    }

    @Override public int trials(Space space) {
        return trials;
    }

    @Override public Config propose(int index, Space space, Goal goal, List<TrialResult> finished) {
        return sample(space, seed, index);
    }

    /** The random config of trial {@code index}; shared with strategies that start from random points. */
    static Config sample(Space space, long seed, int index) {
        return space.sample(Seeds.rng(seed, Seeds.CONFIG, index));
    }

    @Override public String describe() {
        return "RandomSearch(trials=" + trials + ", seed=" + seed + ")";
    }
}
