package org.relnet.train;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Accuracy and loss of a model on one {@link EvalSet}, overall and per category. Immutable. */
public final class EvalResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String set;
    private final long examples;
    private final long correct;
    private final double loss;
    /** category name -> {correct, total}, in the EvalSet's declaration order. */
    private final LinkedHashMap<String, long[]> categories;

    EvalResult(String set, long examples, long correct, double loss, LinkedHashMap<String, long[]> categories) {
        this.set = set;
        this.examples = examples;
        this.correct = correct;
        this.loss = loss;
        this.categories = categories;
    }

    /** Name of the evaluated set, e.g. "train" or "test". */
    public String set() { return set; }
    public long examples() { return examples; }
    public long correct() { return correct; }
    /** Fraction of examples whose arg-max prediction equals the arg-max label. */
    public double accuracy() { return examples == 0 ? Double.NaN : (double) correct / examples; }
    /** Mean per-example loss (data term only, no weight decay). */
    public double loss() { return loss; }

    /** Category names in declaration order. */
    public java.util.Set<String> categoryNames() {
        return Collections.unmodifiableSet(categories.keySet());
    }

    /** Accuracy over the examples of one category (NaN if the set has none of them). */
    public double accuracy(String category) {
        long[] c = categories.get(category);
        if (c == null) {
            throw new IllegalArgumentException("eval set '" + set + "' has no category '" + category
                    + "'; it has " + categories.keySet());
        }
        return c[1] == 0 ? Double.NaN : (double) c[0] / c[1];
    }

    /** Number of examples in one category. */
    public long count(String category) {
        accuracy(category); // validates the name
        return categories.get(category)[1];
    }

    Map<String, long[]> rawCategories() {
        return categories;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: acc %.4f, loss %.4f (%d examples)",
                set, accuracy(), loss, examples));
        for (String c : categories.keySet()) {
            sb.append(String.format(Locale.ROOT, ", %s %.4f", c, accuracy(c)));
        }
        return sb.toString();
    }
}
