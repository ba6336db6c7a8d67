package org.relnet.search;

import java.util.List;

/**
 * Every combination of the space's values, first dimension slowest (the papers' Table 2 is
 * lr x batch). Choice and small integer dimensions contribute all their values; continuous ones
 * {@code pointsPerContinuousDimension} evenly spaced points (in log space for log-uniform).
 */
public record GridSearch(int pointsPerContinuousDimension, long seed) implements Strategy {
    public GridSearch {
        if (pointsPerContinuousDimension < 1) throw new IllegalArgumentException("a grid needs at least 1 point per dimension");
    }

    /** A grid for spaces of choices only (or 5 points per continuous dimension). */
    public GridSearch() {
        this(5, 0);
    }

    @Override public int trials(Space space) {
        return space.grid(pointsPerContinuousDimension).size();
    }

    @Override public Config propose(int index, Space space, Goal goal, List<TrialResult> finished) {
        return space.grid(pointsPerContinuousDimension).get(index);
    }

    @Override public String describe() {
        return "GridSearch(points=" + pointsPerContinuousDimension + ", seed=" + seed + ")";
    }
}
