package org.relnet.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metrics reported by a trial at one step. */
public record CurvePoint(long step, Map<String, Double> metrics) {
    public CurvePoint {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
