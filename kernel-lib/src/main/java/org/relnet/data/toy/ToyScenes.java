package org.relnet.data.toy;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.relnet.train.EvalSet;
import org.relnet.train.ShuffledBatches;

/**
 * A toy relational task in the spirit of Sort-of-CLEVR's state descriptions, small enough to train in
 * a minute on a CPU. A scene is {@code n} objects, each with its own colour (one-hot over n colours)
 * and a position (x, y) in the unit square; the objects come in random order. A question names one
 * object by its colour and asks either
 * <ul>
 *   <li>non-relational: "is it in the left or the right half?" (answer {@code left}/{@code right}), or</li>
 *   <li>relational: "how many objects are to its left?" (answer 0 .. n-1; like Sort-of-CLEVR's
 *       counting question, it needs the queried object compared with every other one).</li>
 * </ul>
 * Tensors: objects {@code [N, n, n+2]} (colour one-hot, x, y), question {@code [N, n+2]} (colour
 * one-hot, then [1,0] non-relational / [0,1] relational), answer one-hot {@code [N, n+2]}
 * (left, right, 0, 1, .., n-1). Deterministic for a given seed.
 */
public final class ToyScenes {
    public static final int NON_RELATIONAL = 0;
    public static final int RELATIONAL = 1;
    public static final String[] QUESTION_KINDS = {"non-relational", "relational"};
    /** Answer indices: 0 = left, 1 = right, 2 + c = "c objects". */
    public static final int LEFT = 0;
    public static final int RIGHT = 1;
    public static final int COUNT_0 = 2;

    private final int objects;
    private final float[][][] scene;   // [N][n][n+2]
    private final int[] queryColour;
    private final int[] kind;
    private final int[] answer;

    private ToyScenes(int count, int objects, long seed) {
        if (objects < 2) throw new IllegalArgumentException("a scene needs at least 2 objects, got " + objects);
        if (count < 1) throw new IllegalArgumentException("count must be >= 1, got " + count);
        this.objects = objects;
        Random r = new Random(seed);
        scene = new float[count][objects][objects + 2];
        queryColour = new int[count];
        kind = new int[count];
        answer = new int[count];
        for (int s = 0; s < count; s++) {
            int[] colourOf = shuffled(objects, r);
            float[][] o = scene[s];
            for (int i = 0; i < objects; i++) {
                o[i][colourOf[i]] = 1;
                o[i][objects] = r.nextFloat();
                o[i][objects + 1] = r.nextFloat();
            }
            int q = r.nextInt(objects);          // slot of the queried object
            queryColour[s] = colourOf[q];
            kind[s] = r.nextInt(2);
            if (kind[s] == NON_RELATIONAL) {
                answer[s] = o[q][objects] < 0.5f ? LEFT : RIGHT;
            } else {
                int left = 0;
                for (int j = 0; j < objects; j++) if (o[j][objects] < o[q][objects]) left++;
                answer[s] = COUNT_0 + left;
            }
        }
    }

    /** {@code count} scenes of {@code objects} objects each, one question per scene, half of each kind. */
    public static ToyScenes generate(int count, int objects, long seed) {
        return new ToyScenes(count, objects, seed);
    }

    private static int[] shuffled(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    public int size() { return scene.length; }
    public int objectCount() { return objects; }
    /** Features per object: n colour bits + x + y. */
    public int objectSize() { return objects + 2; }
    public int questionSize() { return objects + 2; }
    public int answerCount() { return objects + 2; }

    /** Answer names: "left", "right", "0", "1", ... */
    public String answerName(int a) {
        return a == LEFT ? "left" : a == RIGHT ? "right" : String.valueOf(a - COUNT_0);
    }

    /** {@code [N, n, n+2]}: the objects of every scene. */
    public INDArray objects() {
        return Nd4j.create(scene).castTo(DataType.FLOAT);
    }

    public INDArray questions() {
        float[][] q = new float[size()][questionSize()];
        for (int s = 0; s < size(); s++) {
            q[s][queryColour[s]] = 1;
            q[s][objects + kind[s]] = 1;
        }
        return Nd4j.create(q);
    }

    public INDArray answers() {
        float[][] a = new float[size()][answerCount()];
        for (int s = 0; s < size(); s++) a[s][answer[s]] = 1;
        return Nd4j.create(a);
    }

    /** Per scene: {@link #NON_RELATIONAL} or {@link #RELATIONAL}. */
    public int[] kinds() { return kind.clone(); }
    public int[] answerIndices() { return answer.clone(); }

    /**
     * The same scenes with the objects listed in another order: {@code out[:, i, :] = objects[:, order[i], :]}.
     * An RN's answer must not change; an MLP over the concatenated objects generally does.
     */
    public static INDArray permuted(INDArray objects, int... order) {
        long n = objects.size(1);
        if (order.length != n) throw new IllegalArgumentException("order has " + order.length + " entries for " + n + " objects");
        boolean[] seen = new boolean[order.length];
        for (int o : order) {
            if (o < 0 || o >= n || seen[o]) throw new IllegalArgumentException("order " + java.util.Arrays.toString(order) + " is not a permutation of 0.." + (n - 1));
            seen[o] = true;
        }
        INDArray out = objects.dup();
        for (int i = 0; i < order.length; i++) {
            out.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all())
                    .assign(objects.get(NDArrayIndex.all(), NDArrayIndex.point(order[i]), NDArrayIndex.all()));
        }
        return out;
    }

    /** Shuffled training batches over (objects, question) -> answer, reproducible from the seed. */
    public ShuffledBatches batches(int batchSize, long seed) {
        return new ShuffledBatches(new INDArray[] {objects(), questions()}, new INDArray[] {answers()}, batchSize, seed, true);
    }

    /** An evaluation set with accuracy split into relational and non-relational questions. */
    public EvalSet evalSet(String name) {
        return evalSet(name, size());
    }

    /** The same over the first {@code limit} scenes (e.g. a slice of the training set to track fitting). */
    public EvalSet evalSet(String name, int limit) {
        int m = Math.min(limit, size());
        INDArray[] f = {head(objects(), m), head(questions(), m)};
        return EvalSet.builder(name).data(f, new INDArray[] {head(answers(), m)})
                .categories(java.util.Arrays.copyOf(kind, m), QUESTION_KINDS).build();
    }

    private static INDArray head(INDArray a, int m) {
        return a.size(0) == m ? a : a.get(NDArrayIndex.interval(0, m)).dup();
    }
}
