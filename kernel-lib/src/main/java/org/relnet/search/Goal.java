package org.relnet.search;

import java.util.Map;

/**
 * Which reported metric a study optimises and in which direction. Strategies only ever see a
 * score where higher is better; a NaN (a diverged run) scores as the worst possible value.
 */
public record Goal(String metric, boolean maximize) {
    public Goal {
        if (metric == null || metric.isBlank()) throw new IllegalArgumentException("a goal needs a metric name");
    }

    public static Goal maximize(String metric) {
        return new Goal(metric, true);
    }

    public static Goal minimize(String metric) {
        return new Goal(metric, false);
    }

    /** Higher is better; {@code -inf} for NaN. */
    public double score(double value) {
        if (Double.isNaN(value)) return Double.NEGATIVE_INFINITY;
        return maximize ? value : -value;
    }

    /** Score of the goal metric in {@code metrics}, or NaN when it was not reported. */
    public double scoreOf(Map<String, Double> metrics) {
        Double v = metrics.get(metric);
        return v == null ? Double.NaN : score(v);
    }

    @Override public String toString() {
        return (maximize ? "maximize " : "minimize ") + metric;
    }
}
