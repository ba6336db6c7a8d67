package org.relnet.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a trial returns: its final metrics. Empty means "the last reported metrics". */
public record TrialOutcome(Map<String, Double> metrics) {
    public TrialOutcome {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public static TrialOutcome of(Map<String, Double> metrics) {
        return new TrialOutcome(metrics);
    }

    public static TrialOutcome of(String metric, double value) {
        return new TrialOutcome(Map.of(metric, value));
    }

    public static TrialOutcome lastReported() {
        return new TrialOutcome(Map.of());
    }
}
