package org.relnet.rn;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A toy relational task on state descriptions, small enough to learn in seconds on a CPU:
 * "how many OTHER objects have the same colour as object k?".
 *
 * <p>Each of the n objects is [colour one-hot (c), marker one-hot (n), x, y]; the question is the
 * marker one-hot of object k; the answer is a count 0..n-1 (n classes). Answering needs a comparison
 * between object k and every other object: an RN's g_theta learns it once for a pair and the sum
 * counts, whereas an MLP over the concatenated objects must learn it for every pair of slots.
 * Objects are shuffled, so the marker (not the slot) identifies object k.
 */
public final class SameColourCountTask {

    private final int objects;
    private final int colours;

    public SameColourCountTask(int objects, int colours) {
        if (objects < 2 || colours < 2) {
            throw new IllegalArgumentException("need at least 2 objects and 2 colours, got " + objects + ", " + colours);
        }
        this.objects = objects;
        this.colours = colours;
    }

    public int objectCount() { return objects; }

    /** Features per object: colour one-hot, marker one-hot, x, y. */
    public int objectSize() { return colours + objects + 2; }

    public int questionSize() { return objects; }

    public int answerCount() { return objects; }

    /** {@code examples} examples as inputs {objects [m, n, d], question [m, n]} and one-hot labels [m, n]. */
    public MultiDataSet generate(int examples, long seed) {
        Random rnd = new Random(seed);
        int d = objectSize();
        float[] obj = new float[examples * objects * d];
        float[] q = new float[examples * objects];
        float[] y = new float[examples * objects];
        int[] colour = new int[objects];
        for (int e = 0; e < examples; e++) {
            for (int i = 0; i < objects; i++) {
                colour[i] = rnd.nextInt(colours);
            }
            int k = rnd.nextInt(objects);
            int same = 0;
            for (int i = 0; i < objects; i++) {
                if (i != k && colour[i] == colour[k]) {
                    same++;
                }
            }
            int[] slot = shuffled(rnd);
            for (int i = 0; i < objects; i++) {
                int base = (e * objects + slot[i]) * d;
                obj[base + colour[i]] = 1;
                obj[base + colours + i] = 1;
                obj[base + colours + objects] = rnd.nextFloat();
                obj[base + colours + objects + 1] = rnd.nextFloat();
            }
            q[e * objects + k] = 1;
            y[e * objects + same] = 1;
        }
        INDArray in = Nd4j.create(obj, new long[] {examples, objects, d}, DataType.FLOAT);
        INDArray question = Nd4j.create(q, new long[] {examples, objects}, DataType.FLOAT);
        INDArray labels = Nd4j.create(y, new long[] {examples, objects}, DataType.FLOAT);
        return new MultiDataSet(new INDArray[] {in, question}, new INDArray[] {labels});
    }

    private int[] shuffled(Random rnd) {
        int[] p = new int[objects];
        for (int i = 0; i < objects; i++) {
            p[i] = i;
        }
        for (int i = objects - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
