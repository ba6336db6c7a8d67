package org.relnet.text;

import java.util.Map;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The End-to-End Memory Network of Sukhbaatar et al. (2015) as one graph vertex (configured like a
 * SameDiff vertex so DL4J applies the updater and serialises it; runs as {@link MemN2NRuntime}): inputs are the
 * {@link TextQaEncoder} arrays.
 * <p>Adjacent weight tying with K hops uses K+1 word embeddings E_0..E_K: hop k reads memory with
 * A^k = E_{k-1} and outputs with C^k = E_k, and the question uses B = A^1 = E_0. The temporal
 * matrices T_0..T_K are tied the same way.
 * <p>Output: with {@code answerWords} set (the paper's tying W^T = C^K), the answer logits
 * u^{K+1} . C^K[w] for the word id w of every answer class, so the answer matrix IS the rows of E_K
 * and the graph only adds a parameter-free softmax loss; the paper's softmax runs over the whole
 * vocabulary, this one over the answer classes (the words a bAbI answer can be), which is the same
 * model restricted to answers that can occur. Without {@code answerWords}: the final controller state
 * u^{K+1} = u^K + o^K, for an untied answer layer after the vertex. Empty memory slots get
 * probability exactly 0, so padding never changes a prediction.
 */
public class MemN2NVertex extends SameDiffVertex {
    private int vocabSize;
    private int embedding;
    private int hops;
    private int maxSentences;
    private double initStd;
    private int[] answerWords; // null: untied answer layer outside the vertex

    /** For JSON deserialisation. */
    public MemN2NVertex() {}

    public MemN2NVertex(int vocabSize, int embedding, int hops, int maxSentences, double initStd) {
        this.vocabSize = vocabSize;
        this.embedding = embedding;
        this.hops = hops;
        this.maxSentences = maxSentences;
        this.initStd = initStd;
    }

    /** Tied answer matrix: the output is one logit per answer class, class c scored with E_K[answerWords[c]]. */
    public MemN2NVertex(int vocabSize, int embedding, int hops, int maxSentences, double initStd, int[] answerWords) {
        this(vocabSize, embedding, hops, maxSentences, initStd);
        this.answerWords = answerWords == null ? null : answerWords.clone();
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.defineInputs(TextQaEncoder.INPUTS.toArray(new String[0]));
        for (int k = 0; k <= hops; k++) {
            params.addWeightParam("E" + k, vocabSize, embedding);
            params.addWeightParam("T" + k, maxSentences, embedding);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // N(0, 0.1) as in the paper
        for (INDArray p : params.values()) p.assign(Nd4j.randn(p.dataType(), p.shape()).muli(initStd));
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(org.deeplearning4j.nn.graph.ComputationGraph graph,
            String name, int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new MemN2NRuntime(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> in, Map<String, SDVariable> p,
                                   Map<String, SDVariable> masks) {
        throw new UnsupportedOperationException("MemN2NVertex runs as MemN2NRuntime (hand-written forward/backward)");
    }

    @Override
    public MemN2NVertex clone() {
        return new MemN2NVertex(vocabSize, embedding, hops, maxSentences, initStd, answerWords);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return InputType.feedForward(answerWords != null ? answerWords.length : embedding);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return new Pair<>(null, currentMaskState); // masks arrive as inputs; the output is per example
    }

    public int getVocabSize() { return vocabSize; }
    public void setVocabSize(int v) { vocabSize = v; }
    public int getEmbedding() { return embedding; }
    public void setEmbedding(int v) { embedding = v; }
    public int getHops() { return hops; }
    public void setHops(int v) { hops = v; }
    public int getMaxSentences() { return maxSentences; }
    public void setMaxSentences(int v) { maxSentences = v; }
    public double getInitStd() { return initStd; }
    public int[] getAnswerWords() { return answerWords == null ? null : answerWords.clone(); }
    public void setAnswerWords(int[] v) { answerWords = v == null ? null : v.clone(); }
    public void setInitStd(double v) { initStd = v; }
}
