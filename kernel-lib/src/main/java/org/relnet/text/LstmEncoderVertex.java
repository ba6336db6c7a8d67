package org.relnet.text;

import java.util.Map;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The RN text model's word-level LSTM: embeds each sentence's words and runs one LSTM over them,
 * with the same weights for every sentence, giving one vector per sentence (its last real state).
 * <ul>
 *   <li>{@link #sentences}: inputs {@code story [n, S, W], storyMask, storyTime [n, S]}; output the
 *       objects {@code [n, S, hidden + S]}: each sentence's state followed by the one-hot of its
 *       relative position (0 = the sentence right before the question);</li>
 *   <li>{@link #question}: inputs {@code question [n, Q], questionMask}; output {@code [n, hidden]}.</li>
 * </ul>
 * A padded step keeps the previous state unchanged (state = m*new + (1-m)*old), so extra padding
 * never changes the output. The time loop is unrolled to the configured length, which must match the
 * encoder's padding; parameter shapes do not depend on it, so a trained model's parameters can be
 * copied into a model built for other lengths.
 */
public class LstmEncoderVertex extends SameDiffVertex {
    private int vocabSize;
    private int embedding;
    private int hidden;
    private int words;
    private int slots;      // > 0: per-sentence objects with position tags; 0: a single sequence

    public LstmEncoderVertex() {}

    private LstmEncoderVertex(int vocabSize, int embedding, int hidden, int words, int slots) {
        this.vocabSize = vocabSize;
        this.embedding = embedding;
        this.hidden = hidden;
        this.words = words;
        this.slots = slots;
    }

    public static LstmEncoderVertex sentences(int vocabSize, int embedding, int hidden, int words, int slots) {
        return new LstmEncoderVertex(vocabSize, embedding, hidden, words, slots);
    }

    public static LstmEncoderVertex question(int vocabSize, int embedding, int hidden, int words) {
        return new LstmEncoderVertex(vocabSize, embedding, hidden, words, 0);
    }

    /** Width of one output row: hidden state plus the position one-hot for sentences. */
    public int outputSize() { return slots > 0 ? hidden + slots : hidden; }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        if (slots > 0) params.defineInputs("ids", "mask", "time");
        else params.defineInputs("ids", "mask");
        params.addWeightParam("E", vocabSize, embedding);
        params.addWeightParam("Wx", embedding, 4L * hidden);
        params.addWeightParam("Wh", hidden, 4L * hidden);
        params.addBiasParam("b", 1, 4L * hidden);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("E").assign(Nd4j.randn(DataType.FLOAT, vocabSize, embedding).muli(0.1));
        xavier(params.get("Wx"));
        xavier(params.get("Wh"));
        INDArray b = params.get("b").assign(0);
        // forget-gate bias 1: remember by default early in training
        b.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(hidden, 2L * hidden)).assign(1);
    }

    private static void xavier(INDArray w) {
        double limit = Math.sqrt(6.0 / (w.size(0) + w.size(1)));
        w.assign(Nd4j.rand(DataType.FLOAT, w.shape()).muli(2 * limit).subi(limit));
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> in, Map<String, SDVariable> p,
                                   Map<String, SDVariable> masks) {
        int rank = slots > 0 ? 3 : 2;
        SDVariable emb = sd.reshape(BagOfWords.lookup(sd, p.get("E"), in.get("ids"), rank), -1, words, embedding);
        SDVariable mask = sd.reshape(in.get("mask"), -1, words);                      // [N, W]
        SDVariable h = null, c = null;
        for (int t = 0; t < words; t++) {
            SDVariable x = emb.get(SDIndex.all(), SDIndex.point(t), SDIndex.all());    // [N, e]
            SDVariable m = mask.get(SDIndex.all(), SDIndex.interval(t, t + 1));         // [N, 1]
            SDVariable gates = x.mmul(p.get("Wx")).add(p.get("b"));
            if (h != null) gates = gates.add(h.mmul(p.get("Wh")));
            SDVariable i = sd.nn().sigmoid(gate(gates, 0));
            SDVariable f = sd.nn().sigmoid(gate(gates, 1));
            SDVariable o = sd.nn().sigmoid(gate(gates, 2));
            SDVariable g = sd.math().tanh(gate(gates, 3));
            SDVariable cNew = c == null ? i.mul(g) : f.mul(c).add(i.mul(g));
            SDVariable hNew = o.mul(sd.math().tanh(cNew));
            SDVariable keep = m.rsub(1f);
            c = c == null ? cNew.mul(m) : cNew.mul(m).add(c.mul(keep));
            h = h == null ? hNew.mul(m) : hNew.mul(m).add(h.mul(keep));
        }
        SDVariable out;
        if (slots > 0) {
            SDVariable states = sd.reshape(h, -1, slots, hidden);
            SDVariable tags = sd.oneHot(in.get("time").castTo(DataType.INT), slots, -1, 1.0, 0.0, DataType.FLOAT);
            out = sd.concat(2, states, tags);
            return BagOfWords.withZeroGradients(sd, out, in.get("ids"), in.get("time"));
        }
        return BagOfWords.withZeroGradients(sd, h, in.get("ids"));
    }

    private SDVariable gate(SDVariable gates, int k) {
        return gates.get(SDIndex.all(), SDIndex.interval((long) k * hidden, (long) (k + 1) * hidden));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return slots > 0 ? InputType.recurrent(outputSize(), slots, RNNFormat.NWC) : InputType.feedForward(hidden);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public LstmEncoderVertex clone() {
        return new LstmEncoderVertex(vocabSize, embedding, hidden, words, slots);
    }

    public int getVocabSize() { return vocabSize; }
    public void setVocabSize(int v) { vocabSize = v; }
    public int getEmbedding() { return embedding; }
    public void setEmbedding(int v) { embedding = v; }
    public int getHidden() { return hidden; }
    public void setHidden(int v) { hidden = v; }
    public int getWords() { return words; }
    public void setWords(int v) { words = v; }
    public int getSlots() { return slots; }
    public void setSlots(int v) { slots = v; }
}
