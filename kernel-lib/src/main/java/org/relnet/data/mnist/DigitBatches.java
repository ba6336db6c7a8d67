package org.relnet.data.mnist;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.train.SeekableIterator;
import org.relnet.train.ShuffledBatches;

/**
 * One pass over a {@link DigitSet} in mini-batches: features {@code [b, 1, rows, cols]} (float,
 * pixels scaled by 1/256 as Caffe's LeNet example does), labels one-hot {@code [b, 10]}.
 *
 * <p>Order, shuffling and seeking are the shared {@link ShuffledBatches}' (pass e's order is a pure
 * function of (seed, e)); this class adds the digit-to-array conversion and {@code dropLast}: with
 * it every batch is full, which keeps the work per training iteration constant (Caffe's data layer
 * never yields a short batch either) and so keeps the study's time per iteration comparable.
 */
public final class DigitBatches implements SeekableIterator {
    /** Caffe's LeNet scales bytes by 0.00390625 = 1/256. */
    public static final float PIXEL_SCALE = 1f / 256f;

    private final DigitSet set;
    private final int batchSize;
    private final boolean dropLast;
    private final ShuffledBatches batches;
    private long nextBatch;

    DigitBatches(DigitSet set, int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (dropLast && batchSize > set.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + set.size()
                    + " digits of " + set.source());
        }
        this.set = set;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        INDArray[] arrays = set.arrays();
        this.batches = new ShuffledBatches(new INDArray[] {arrays[0]}, new INDArray[] {arrays[1]}, batchSize, seed, shuffle);
    }

    /** The whole set as {@code [n, 1, rows, cols]} scaled pixels and {@code [n, 10]} one-hot labels. */
    static INDArray[] toArrays(DigitSet set) {
        byte[] px = set.pixelData();
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) f[i] = (px[i] & 0xff) * PIXEL_SCALE;
        float[] l = new float[set.size() * DigitSet.CLASSES];
        for (int i = 0; i < set.size(); i++) l[i * DigitSet.CLASSES + set.label(i)] = 1f;
        return new INDArray[] {
            Nd4j.create(f, new long[] {set.size(), 1, set.rows(), set.cols()}, DataType.FLOAT),
            Nd4j.create(l, new long[] {set.size(), DigitSet.CLASSES}, DataType.FLOAT)};
    }

    public int batchSize() { return batchSize; }

    /** Batches in one pass. */
    public int batchesPerPass() {
        return dropLast ? set.size() / batchSize : batches.batchesPerEpoch();
    }

    public DigitSet digits() { return set; }

    @Override
    public boolean hasNext() {
        return nextBatch < batchesPerPass();
    }

    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public MultiDataSet next(int num) {
        if (!hasNext()) throw new java.util.NoSuchElementException("pass over " + set.source() + " is finished; call reset()");
        nextBatch++;
        return batches.next(num);
    }

    /** Positions the iterator so the next batch is batch {@code batch} of pass {@code epoch}. */
    @Override
    public void seek(int epoch, long batch) {
        batches.seek(epoch, batch);
        nextBatch = batch;
    }

    /** Back to the start of the current pass, same order (evaluation relies on that). */
    @Override
    public void reset() {
        batches.reset();
        nextBatch = 0;
    }

    @Override public boolean resetSupported() { return true; }
    @Override public boolean asyncSupported() { return false; }
    @Override public void setPreProcessor(MultiDataSetPreProcessor p) { batches.setPreProcessor(p); }
    @Override public MultiDataSetPreProcessor getPreProcessor() { return batches.getPreProcessor(); }
}
