package org.relnet.data.clevr;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Test accuracy of a model on a split, broken down by question type and subtype: the numbers of
 * the paper's tables. The model's inputs are those of {@link ClevrIterator} (scene, question) and
 * its first output the answer distribution.
 */
public record ClevrAccuracy(long[] correct, long[] total) {
    /** Runs {@code model} over every example of {@code split}, in batches. */
    public static ClevrAccuracy of(ComputationGraph model, ClevrSplit split, ClevrIterator.Input input, int batchSize) {
        long[] correct = new long[Subtype.COUNT], total = new long[Subtype.COUNT];
        int[] subtype = split.subtypeCategories();
        ClevrIterator it = ClevrIterator.forEvaluation(split, input, batchSize);
        int e = 0;
        while (it.hasNext()) {
            MultiDataSet b = it.next();
            INDArray predicted = model.output(false, b.getFeatures())[0].argMax(1);
            for (int i = 0; i < predicted.length(); i++, e++) {
                total[subtype[e]]++;
                if (predicted.getInt(i) == split.answers[e]) correct[subtype[e]]++;
            }
        }
        return new ClevrAccuracy(correct, total);
    }

    public double of(Subtype s) { return ratio(correct[s.ordinal()], total[s.ordinal()]); }

    public double of(QuestionType t) {
        long c = 0, n = 0;
        for (Subtype s : Subtype.of(t)) {
            c += correct[s.ordinal()];
            n += total[s.ordinal()];
        }
        return ratio(c, n);
    }

    public double nonRelational() { return of(QuestionType.NON_RELATIONAL); }

    public double relational() { return of(QuestionType.RELATIONAL); }

    public double overall() { return ratio(Arrays.stream(correct).sum(), Arrays.stream(total).sum()); }

    private static double ratio(long c, long n) { return n == 0 ? Double.NaN : (double) c / n; }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("non-relational %.1f %%, relational %.1f %%, overall %.1f %% (",
                100 * nonRelational(), 100 * relational(), 100 * overall()));
        for (Subtype s : Subtype.values()) sb.append(s == Subtype.SHAPE ? "" : ", ").append(s.label()).append(String.format(" %.1f", 100 * of(s)));
        return sb.append(")").toString();
    }
}
