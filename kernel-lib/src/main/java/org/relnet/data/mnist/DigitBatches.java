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
 * With {@code shuffle} each pass (each {@link #reset()}) draws a new order from the seeded RNG, so
 * runs repeat exactly. With {@code dropLast} every batch is full, which keeps the work per
 * training iteration constant (Caffe's data layer never yields a short batch either).
 */
public final class DigitBatches implements MultiDataSetIterator {
    /** Caffe's LeNet scales bytes by 0.00390625 = 1/256. */
    public static final float PIXEL_SCALE = 1f / 256f;

    private final DigitSet set;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Random rng;
    private final int[] order;
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
        this.rng = new Random(seed);
        this.order = new int[set.size()];
        reset();
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

    @Override
    public void reset() {
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
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
