package org.relnet.data.toy;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The naive construction of the RN's input for teaching: every ordered pair (i, j) of the n objects,
 * self pairs included, as one row {@code [o_i, o_j, q]}, row index {@code i*n + j}. This is the
 * {@code [n*n, 2d+k]} matrix that g_theta conceptually sees; the real RN block never builds it.
 */
public final class PairTensor {
    private PairTensor() {}

    /**
     * @param objects {@code [n, d]} one scene's objects
     * @param question {@code [k]} or {@code [1, k]} conditioning vector, or null
     * @return {@code [n*n, 2d+k]}
     */
    public static INDArray of(INDArray objects, INDArray question) {
        if (objects.rank() != 2) {
            throw new IllegalArgumentException("objects must be [n, d] (one scene), got shape " + Arrays.toString(objects.shape()));
        }
        long n = objects.size(0);
        long d = objects.size(1);
        INDArray q = question == null ? null : question.reshape(1, question.length()).castTo(objects.dataType());
        long k = q == null ? 0 : q.length();
        INDArray pairs = Nd4j.create(objects.dataType(), n * n, 2 * d + k);
        for (long i = 0; i < n; i++) {
            for (long j = 0; j < n; j++) {
                INDArray row = pairs.getRow(i * n + j);
                row.get(NDArrayIndex.interval(0, d)).assign(objects.getRow(i));
                row.get(NDArrayIndex.interval(d, 2 * d)).assign(objects.getRow(j));
                if (q != null) row.get(NDArrayIndex.interval(2 * d, 2 * d + k)).assign(q);
            }
        }
        return pairs;
    }

    /** The pairs as a readable table: columns i, j, o_i, o_j (and q). */
    public static Table table(INDArray objects, INDArray question) {
        INDArray pairs = of(objects, question);
        long n = objects.size(0);
        int d = (int) objects.size(1);
        IntColumn ci = IntColumn.create("i");
        IntColumn cj = IntColumn.create("j");
        StringColumn oi = StringColumn.create("o_i");
        StringColumn oj = StringColumn.create("o_j");
        StringColumn cq = StringColumn.create("q");
        for (int r = 0; r < pairs.rows(); r++) {
            float[] row = pairs.getRow(r).toFloatVector();
            ci.append((int) (r / n));
            cj.append((int) (r % n));
            oi.append(format(row, 0, d));
            oj.append(format(row, d, 2 * d));
            cq.append(format(row, 2 * d, row.length));
        }
        Table t = Table.create("pairs [o_i, o_j, q]: " + pairs.rows() + " x " + pairs.columns(), ci, cj, oi, oj);
        if (question != null) t.addColumns(cq);
        return t;
    }

    private static String format(float[] v, int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            if (i > from) sb.append(", ");
            float x = v[i];
            sb.append(x == Math.rint(x) ? String.valueOf((int) x) : String.format(Locale.ROOT, "%.2f", x));
        }
        return sb.append(']').toString();
    }
}
