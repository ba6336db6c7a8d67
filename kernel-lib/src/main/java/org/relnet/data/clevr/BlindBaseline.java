package org.relnet.data.clevr;

import java.util.EnumMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The best a model can do without looking at the image: always give the training set's most
 * frequent answer for the question's subtype. Any accuracy near these numbers means the model has
 * learned nothing about the scene.
 */
public final class BlindBaseline {
    private final Map<Subtype, Answer> majority = new EnumMap<>(Subtype.class);
    private final long[] correct = new long[Subtype.COUNT], total = new long[Subtype.COUNT];

    private BlindBaseline(ClevrSplit train, ClevrSplit test) {
        long[][] counts = answerCounts(train);
        for (Subtype s : Subtype.values()) {
            int best = 0;
            for (int a = 1; a < Answer.COUNT; a++) if (counts[s.ordinal()][a] > counts[s.ordinal()][best]) best = a;
            majority.put(s, Answer.of(best));
        }
        for (int e = 0; e < test.examples(); e++) {
            int s = test.questions[e] % Subtype.COUNT;
            total[s]++;
            if (test.answers[e] == majority.get(Subtype.values()[s]).ordinal()) correct[s]++;
        }
    }

    /** Majority answers learned on {@code train}, scored on {@code test}. */
    public static BlindBaseline of(ClevrSplit train, ClevrSplit test) { return new BlindBaseline(train, test); }

    /** How often each answer (column) is the right one for each subtype (row). */
    public static long[][] answerCounts(ClevrSplit split) {
        long[][] counts = new long[Subtype.COUNT][Answer.COUNT];
        for (int e = 0; e < split.examples(); e++) counts[split.questions[e] % Subtype.COUNT][split.answers[e]]++;
        return counts;
    }

    public Answer majority(Subtype s) { return majority.get(s); }

    public double accuracy(Subtype s) { return ratio(correct[s.ordinal()], total[s.ordinal()]); }

    public double accuracy(QuestionType t) {
        long c = 0, n = 0;
        for (Subtype s : Subtype.of(t)) {
            c += correct[s.ordinal()];
            n += total[s.ordinal()];
        }
        return ratio(c, n);
    }

    public double overall() {
        long c = 0, n = 0;
        for (int s = 0; s < Subtype.COUNT; s++) {
            c += correct[s];
            n += total[s];
        }
        return ratio(c, n);
    }

    private static double ratio(long c, long n) { return n == 0 ? Double.NaN : (double) c / n; }

    /** One row per subtype, then per type and overall: blind answer and test accuracy in %. */
    public Table toTable() {
        StringColumn group = StringColumn.create("question"), answer = StringColumn.create("blind answer");
        DoubleColumn acc = DoubleColumn.create("test accuracy %");
        for (Subtype s : Subtype.values()) {
            group.append(s.type().label() + ": " + s.label());
            answer.append(majority(s).word());
            acc.append(round(accuracy(s)));
        }
        for (QuestionType t : QuestionType.values()) {
            group.append("all " + t.label());
            answer.append("");
            acc.append(round(accuracy(t)));
        }
        group.append("overall");
        answer.append("");
        acc.append(round(overall()));
        return Table.create("Blind guess (majority answer per subtype)", group, answer, acc);
    }

    private static double round(double v) { return Math.round(v * 1000) / 10.0; }

    @Override
    public String toString() { return toTable().print(); }
}
