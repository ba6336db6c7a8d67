package org.relnet.data.mnist;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One pass over a {@link DigitSet} in mini-batches: features {@code [b, 1, rows, cols]} (float,
 * pixels scaled by 1/256 as Caffe's LeNet example does), labels one-hot {@code [b, 10]}.
 * With {@code shuffle} pass (epoch) e visits the digits in an order that is a pure function of
 * (seed, e), so a run can be repeated or resumed at any batch with {@link #seek}. With {@code dropLast} every batch is full, which keeps the work per
 * training iteration constant (Caffe's data layer never yields a short batch either).
 */
public final class DigitBatches implements MultiDataSetIterator {
    /** Caffe's LeNet scales bytes by 0.00390625 = 1/256. */
    public static final float PIXEL_SCALE = 1f / 256f;

    private final DigitSet set;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private int[] order;
    private int epoch = -1;
    private int cursor;
    private MultiDataSetPreProcessor preProcessor;

    DigitBatches(DigitSet set, int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (dropLast && batchSize > set.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + set.size()
                    + " digits of " + set.source());
        }
        this.set = set;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.seed = seed;
        seek(0, 0);
    }

    public int batchSize() { return batchSize; }

    /** Batches in one pass. */
    public int batchesPerPass() {
        return dropLast ? set.size() / batchSize : (set.size() + batchSize - 1) / batchSize;
    }

    public DigitSet digits() { return set; }

    @Override
    public boolean hasNext() {
        int left = order.length - cursor;
        return dropLast ? left >= batchSize : left > 0;
    }

    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public MultiDataSet next(int num) {
        if (!hasNext()) throw new java.util.NoSuchElementException("pass over " + set.source() + " is finished; call reset()");
        int b = Math.min(num, order.length - cursor);
        int pixelsPer = set.rows() * set.cols();
        float[] features = new float[b * pixelsPer];
        float[] labels = new float[b * DigitSet.CLASSES];
        byte[] px = set.pixelData();
        for (int k = 0; k < b; k++) {
            int i = order[cursor + k];
            int off = i * pixelsPer;
            for (int p = 0; p < pixelsPer; p++) features[k * pixelsPer + p] = (px[off + p] & 0xff) * PIXEL_SCALE;
            labels[k * DigitSet.CLASSES + set.label(i)] = 1f;
        }
        cursor += b;
        INDArray f = Nd4j.create(features, new long[] {b, 1, set.rows(), set.cols()}, DataType.FLOAT);
        INDArray l = Nd4j.create(labels, new long[] {b, DigitSet.CLASSES}, DataType.FLOAT);
        MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(f, l);
        if (preProcessor != null) preProcessor.preProcess(mds);
        return mds;
    }

    /** Positions the iterator so the next batch is batch {@code batch} of pass {@code epoch}. */
    public void seek(int epoch, long batch) {
        if (epoch != this.epoch) {
            this.epoch = epoch;
            this.order = permutation(epoch);
        }
        this.cursor = Math.toIntExact(Math.min(order.length, batch * batchSize));
    }

    private int[] permutation(int epoch) {
        int[] p = new int[set.size()];
        for (int i = 0; i < p.length; i++) p[i] = i;
        if (shuffle) {
            Random rng = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = p.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return p;
    }

    /** Back to the start of the current pass, same order (evaluation relies on that). */
    @Override
    public void reset() {
        seek(epoch, 0);
    }

    @Override public boolean resetSupported() { return true; }
    @Override public boolean asyncSupported() { return false; }
    @Override public void setPreProcessor(MultiDataSetPreProcessor p) { this.preProcessor = p; }
    @Override public MultiDataSetPreProcessor getPreProcessor() { return preProcessor; }

    @Override
    public void remove() {
        throw new UnsupportedOperationException();
    }
}
