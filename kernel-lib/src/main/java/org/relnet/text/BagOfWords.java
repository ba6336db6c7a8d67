package org.relnet.text;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sentence vectors of the memory network: word embeddings weighted by the position encoding of
 * Sukhbaatar et al. (2015, sec. 4.1), {@code l_kj = (1 - j/J) - (k/d)(1 - 2j/J)}, summed over words.
 * J is each sentence's REAL length, counted from its mask, and j counts real words only, so padding a
 * sentence with more empty positions leaves its vector unchanged.
 */
final class BagOfWords {

    private BagOfWords() {}

    /**
     * @param ids  word ids, any rank; the last axis is the word axis
     * @param mask same shape, 1 for real words
     * @return the sentence vectors, shape of {@code ids} without the word axis, plus d
     */
    static SDVariable encode(SameDiff sd, SDVariable embedding, SDVariable ids, SDVariable mask, int rank, int d) {
        int wordAxis = rank - 1;
        SDVariable words = lookup(sd, embedding, ids, rank);                              // [..., W, d]
        SDVariable j = sd.cumsum(mask, false, false, wordAxis);                           // 1..J on real words
        SDVariable length = sd.math().max(mask.sum(true, wordAxis), sd.constant(1f));    // J, 1 for empty slots
        SDVariable r = sd.expandDims(j.div(length), rank);                               // [..., W, 1]
        float[] k = new float[d];
        for (int i = 0; i < d; i++) k[i] = (i + 1f) / d;
        SDVariable kOverD = sd.constant(Nd4j.createFromArray(k));                         // [d]
        SDVariable l = r.rsub(1f).sub(kOverD.mul(r.mul(2f).rsub(1f)));                     // [..., W, d]
        SDVariable weighted = words.mul(l).mul(sd.expandDims(mask, rank));
        return weighted.sum(false, wordAxis);
    }

    /**
     * Adds a zero term depending on each input: DL4J asks a SameDiff vertex for a gradient of every
     * input, and integer ids (used through one-hot) would otherwise have none. A scalar, so it fits any shape.
     */
    static SDVariable withZeroGradients(SameDiff sd, SDVariable out, SDVariable... inputs) {
        for (SDVariable in : inputs) out = out.add(in.mean().mul(0f));
        return out;
    }

    /**
     * Embedding lookup as one-hot times matrix: SameDiff's gather has no working gradient in
     * DL4J 1.0.0-M2.1 when used more than once in a graph (nor has tensorMmul), and the
     * vocabularies here are tiny. Flattened to 2-D for the product, then given back its shape.
     */
    static SDVariable lookup(SameDiff sd, SDVariable table, SDVariable ids, int rank) {
        long[] shape = table.getShape();
        SDVariable oneHot = sd.oneHot(ids.castTo(DataType.INT), (int) shape[0], -1, 1.0, 0.0, DataType.FLOAT);
        SDVariable flat = sd.reshape(oneHot, -1, shape[0]).mmul(table);                   // [N, d]
        SDVariable outShape = sd.concat(0, sd.shape(ids).castTo(DataType.LONG),
                sd.constant(Nd4j.createFromArray(shape[1])));
        return sd.reshape(flat, outShape);
    }
}
