package org.relnet.train;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches over in-memory arrays, reshuffled every epoch with a permutation derived from
 * (seed, epoch) only, so any position can be reproduced without replaying earlier epochs. The last
 * batch of an epoch may be smaller.
 */
public final class ShuffledBatches implements SeekableIterator {
    private final INDArray[] features;
    private final INDArray[] labels;
    private final INDArray[] featureMasks; // null, or per feature (entries may be null)
    private final INDArray[] labelMasks;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final int examples;
    private MultiDataSetPreProcessor preProcessor;

    private int epoch;
    private int[] order;
    private long nextBatch;

    public ShuffledBatches(INDArray[] features, INDArray[] labels, int batchSize, long seed, boolean shuffle) {
        this(features, labels, null, null, batchSize, seed, shuffle);
    }

    /**
     * With feature / label masks (e.g. a {@link org.nd4j.linalg.dataset.api.MultiDataSet}'s
     * {@code getFeaturesMaskArrays()}): every batch carries the masks' rows of its examples, so padded
     * time steps stay masked in training. Either array, and any entry, may be null.
     */
    public ShuffledBatches(INDArray[] features, INDArray[] labels, INDArray[] featureMasks, INDArray[] labelMasks,
                           int batchSize, long seed, boolean shuffle) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        long n = labels[0].size(0);
        for (INDArray a : features) {
            if (a.size(0) != n) throw new IllegalArgumentException("features have " + a.size(0) + " rows but labels " + n);
        }
        checkMasks("feature", featureMasks, features.length, n);
        checkMasks("label", labelMasks, labels.length, n);
        if (n == 0) throw new IllegalArgumentException("no examples");
        this.features = features;
        this.labels = labels;
        this.featureMasks = featureMasks;
        this.labelMasks = labelMasks;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.examples = Math.toIntExact(n);
        seek(0, 0);
    }

    /** Single input, single output, shuffled. */
    public ShuffledBatches(INDArray features, INDArray labels, int batchSize, long seed) {
        this(new INDArray[] {features}, new INDArray[] {labels}, batchSize, seed, true);
    }

    /** All arrays of {@code data}, masks included, shuffled every epoch. */
    public static ShuffledBatches of(org.nd4j.linalg.dataset.api.MultiDataSet data, int batchSize, long seed) {
        return new ShuffledBatches(data.getFeatures(), data.getLabels(), data.getFeaturesMaskArrays(),
                data.getLabelsMaskArrays(), batchSize, seed, true);
    }

    private static void checkMasks(String what, INDArray[] masks, int arrays, long n) {
        if (masks == null) return;
        if (masks.length != arrays) {
            throw new IllegalArgumentException(masks.length + " " + what + " masks for " + arrays + " " + what + " arrays");
        }
        for (INDArray m : masks) {
            if (m != null && m.size(0) != n) {
                throw new IllegalArgumentException("a " + what + " mask has " + m.size(0) + " rows but there are " + n + " examples");
            }
        }
    }

    public int examples() { return examples; }
    public int batchesPerEpoch() { return (examples + batchSize - 1) / batchSize; }

    @Override
    public void seek(int epoch, long batch) {
        if (epoch != this.epoch || order == null) {
            this.epoch = epoch;
            this.order = permutation(epoch);
        }
        this.nextBatch = batch;
    }

    private int[] permutation(int epoch) {
        int[] p = new int[examples];
        for (int i = 0; i < examples; i++) p[i] = i;
        if (!shuffle) return p;
        // A fresh generator per epoch keeps epoch e's order independent of how we got there.
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = examples - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public boolean hasNext() {
        return nextBatch * batchSize < examples;
    }

    @Override
    public org.nd4j.linalg.dataset.api.MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
        if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has only " + batchesPerEpoch() + " batches");
        int from = Math.toIntExact(nextBatch * batchSize);
        int to = Math.min(examples, from + num);
        int[] idx = java.util.Arrays.copyOfRange(order, from, to);
        nextBatch++;
        MultiDataSet mds = new MultiDataSet(pick(features, idx), pick(labels, idx), pick(featureMasks, idx),
                pick(labelMasks, idx));
        if (preProcessor != null) preProcessor.preProcess(mds);
        return mds;
    }

    /** Gathers example rows of arrays of any rank (pullRows works on matrices, so flatten the rest). */
    private static INDArray[] pick(INDArray[] arrays, int[] index) {
        if (arrays == null) return null;
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            INDArray a = arrays[i];
            if (a == null) continue;
            long[] shape = a.shape().clone();
            if (shape.length == 2) {
                out[i] = Nd4j.pullRows(a, 1, index);
            } else {
                INDArray flat = a.reshape('c', shape[0], a.length() / shape[0]);
                shape[0] = index.length;
                out[i] = Nd4j.pullRows(flat, 1, index).reshape('c', shape);
            }
        }
        return out;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) { this.preProcessor = preProcessor; }
    @Override
    public MultiDataSetPreProcessor getPreProcessor() { return preProcessor; }
    @Override
    public boolean resetSupported() { return true; }
    @Override
    public boolean asyncSupported() { return false; }

    /** Back to the start of the current epoch's order (the Trainer uses {@link #seek} instead). */
    @Override
    public void reset() { seek(epoch, 0); }

    @Override
    public String toString() {
        return "ShuffledBatches" + List.of(examples + " examples", "batch " + batchSize, "seed " + seed);
    }
}
