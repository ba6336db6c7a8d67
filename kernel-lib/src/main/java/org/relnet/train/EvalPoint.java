package org.relnet.train;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One evaluation during training: where training stood and how every {@link EvalSet} scored. Immutable. */
public final class EvalPoint implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final int epoch;
    private final double lr;
    private final double trainLoss;
    private final double wallSeconds;
    private final LinkedHashMap<String, EvalResult> results;

    EvalPoint(int step, int epoch, double lr, double trainLoss, double wallSeconds, LinkedHashMap<String, EvalResult> results) {
        this.step = step;
        this.epoch = epoch;
        this.lr = lr;
        this.trainLoss = trainLoss;
        this.wallSeconds = wallSeconds;
        this.results = results;
    }

    /** Number of updates done so far. */
    public int step() { return step; }
    /** Passes over the training iterator completed before the last update. */
    public int epoch() { return epoch; }
    /** Learning rate of the last update. */
    public double lr() { return lr; }
    /** Mean mini-batch loss over the updates since the previous evaluation. */
    public double trainLoss() { return trainLoss; }
    /** Training wall time so far (evaluation included; summed over resumed sessions). */
    public double wallSeconds() { return wallSeconds; }

    public Map<String, EvalResult> results() { return Collections.unmodifiableMap(results); }

    public EvalResult result(String set) {
        EvalResult r = results.get(set);
        if (r == null) throw new IllegalArgumentException("no eval set '" + set + "'; evaluated sets: " + results.keySet());
        return r;
    }

    public double accuracy(String set) { return result(set).accuracy(); }
    public double accuracy(String set, String category) { return result(set).accuracy(category); }
    public double loss(String set) { return result(set).loss(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step %d: lr %.3g, train loss %.4f", step, lr, trainLoss));
        for (EvalResult r : results.values()) sb.append("; ").append(r);
        return sb.toString();
    }
}
