package org.relnet.search;

import java.util.List;
import java.util.Map;

/**
 * A finished trial as stored in the study's log: its config and seed, every reported point,
 * the final metrics, wall time and peak memory (bytes; -1 when not measurable). Memory is that
 * of the whole JVM while the trial ran, so parallel trials share it.
 */
public record TrialResult(
        int index,
        Status status,
        Config config,
        long seed,
        long budget,
        List<CurvePoint> curve,
        Map<String, Double> finalMetrics,
        long wallMillis,
        long peakHeapBytes,
        long peakOffHeapBytes,
        long peakPhysicalBytes,
        String error) {

    public enum Status {
        /** Ran to the end. */
        COMPLETED,
        /** Stopped early by the strategy (ASHA); final metrics are those at the stop. */
        PRUNED,
        /** The objective threw; {@link #error()} says what. */
        FAILED
    }

    public TrialResult {
        curve = List.copyOf(curve);
        finalMetrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(finalMetrics));
    }

    /** Final value of {@code metric}, NaN if absent. */
    public double metric(String metric) {
        Double v = finalMetrics.get(metric);
        return v == null ? Double.NaN : v;
    }

    /** Training steps the trial consumed: its last reported step (its compute, for comparisons). */
    public long steps() {
        return curve.isEmpty() ? 0 : curve.get(curve.size() - 1).step();
    }
}
