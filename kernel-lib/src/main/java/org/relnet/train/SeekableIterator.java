package org.relnet.train;

import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A training iterator whose batch order is a pure function of (its seed, epoch, batch index), so
 * that training resumed from a checkpoint sees exactly the batches an uninterrupted run would.
 * The {@link Trainer} calls {@link #seek} instead of {@code reset()} at the start of every epoch and
 * when resuming. Datasets that shuffle should implement this (see {@link ShuffledBatches}).
 */
public interface SeekableIterator extends MultiDataSetIterator {
    /** Positions the iterator so that the next {@code next()} returns batch {@code batch} of epoch {@code epoch}. */
    void seek(int epoch, long batch);
}
