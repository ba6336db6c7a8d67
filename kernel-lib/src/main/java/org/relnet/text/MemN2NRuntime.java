package org.relnet.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.relnet.rn.HandWrittenVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of a {@link MemN2NVertex}: forward and backward written out as matrix products, because
 * DL4J 1.0.0-M2.1 runs a SameDiff vertex op by op (about 0.8 s of CPU per step for this small net).
 * Lookups are one-hot matrices times embedding tables ({@code [n, V] x [V, d]}); their gradient is
 * the transposed product. Notation as in Sukhbaatar et al.: memory vectors mem_j = sum_w l_w * E_j[x_w]
 * + T_j[slot], attention p_k = softmax(mem_{k-1} . u_k) over real slots, o_k = sum p_k mem_k,
 * u_{k+1} = u_k + o_k.
 */
final class MemN2NRuntime extends HandWrittenVertex<MemN2NVertex> {
    private static final float MASKED = -1e9f;

    // forward cache for backward
    private INDArray cachedInput;
    private Bag storyBag;
    private Bag questionBag;
    private INDArray slotOneHot;              // [b*S, maxSentences]
    private INDArray[] mem;                    // mem[j]: [b, S, d]
    private final List<INDArray> us = new ArrayList<>();   // u_1 .. u_{K+1}: [b, d]
    private final List<INDArray> ps = new ArrayList<>();   // p_1 .. p_K: [b, S]

    MemN2NRuntime(MemN2NVertex conf, ComputationGraph graph, String name, int index, INDArray paramsView,
                  boolean initializeParams, DataType dataType) {
        super(conf, graph, name, index, paramsView, initializeParams, dataType);
    }

    /** One-hot word matrix and position-encoding weights of a [rows, W] block of sentences. */
    private static final class Bag {
        final INDArray oneHot;   // [rows*W, V]
        final INDArray weights;  // [rows, W, d]: l_kj times the word mask
        final long rows;
        final long words;

        Bag(INDArray ids, INDArray mask, int vocab, int d) {
            rows = ids.size(0);
            words = ids.size(1);
            float[] idv = ids.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] mv = mask.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] oh = new float[(int) (rows * words) * vocab];
            float[] l = new float[(int) (rows * words) * d];
            for (int r = 0; r < rows; r++) {
                int length = 0;
                for (int w = 0; w < words; w++) if (mv[(int) (r * words + w)] > 0) length++;
                int j = 0;
                for (int w = 0; w < words; w++) {
                    int at = (int) (r * words + w);
                    if (mv[at] <= 0) continue;
                    j++;
                    int id = (int) idv[at];
                    if (id < 0 || id >= vocab) throw new IllegalArgumentException("word id " + id + " outside vocabulary of " + vocab);
                    oh[at * vocab + id] = 1f;
                    float ratio = j / (float) length;
                    for (int k = 0; k < d; k++) {
                        // position encoding of Sukhbaatar et al. sec. 4.1, with J the sentence's real length
                        l[at * d + k] = (1 - ratio) - ((k + 1f) / d) * (1 - 2 * ratio);
                    }
                }
            }
            oneHot = Nd4j.create(oh, new long[] {rows * words, vocab}, 'c');
            weights = Nd4j.create(l, new long[] {rows, words, d}, 'c');
        }

        /** sum_w l_w * E[x_w]: [rows, d]. */
        INDArray encode(INDArray table) {
            INDArray words3 = oneHot.mmul(table).reshape('c', new long[] {rows, words, table.size(1)});
            return words3.muli(weights).sum(1);
        }

        /** Adds dE += onehot^T (l * dOut broadcast over words). */
        void backprop(INDArray dOut, INDArray dTable) {
            INDArray spread = Nd4j.createUninitialized(DataType.FLOAT, rows, words, dTable.size(1));
            Broadcast.mul(weights, dOut, spread, 0, 2);
            Nd4j.gemm(oneHot, spread.reshape('c', new long[] {rows * words, dTable.size(1)}), dTable, true, false, 1.0, 1.0);
        }
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            out = forward();
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
    }

    private INDArray forward() {
        int d = conf.getEmbedding();
        int hops = conf.getHops();
        int vocab = conf.getVocabSize();
        INDArray story = inputs[0];
        long b = story.size(0), slots = story.size(1), words = story.size(2);
        if (slots > conf.getMaxSentences()) {
            throw new IllegalArgumentException("story has " + slots + " slots, model allows " + conf.getMaxSentences());
        }
        storyBag = new Bag(story.reshape('c', new long[] {b * slots, words}), inputs[1].reshape('c', new long[] {b * slots, words}), vocab, d);
        questionBag = new Bag(inputs[3], inputs[4], vocab, d);
        float[] time = inputs[2].castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] oh = new float[(int) (b * slots) * conf.getMaxSentences()];
        for (int i = 0; i < time.length; i++) oh[i * conf.getMaxSentences() + (int) time[i]] = 1f;
        slotOneHot = Nd4j.create(oh, new long[] {b * slots, conf.getMaxSentences()}, 'c');
        INDArray realSlot = inputs[1].castTo(DataType.FLOAT).max(2);                    // [b, S]
        INDArray maskAdd = realSlot.rsub(1f).muli(MASKED);

        mem = new INDArray[hops + 1];
        for (int j = 0; j <= hops; j++) {
            mem[j] = storyBag.encode(paramTable.get("E" + j))
                    .addi(slotOneHot.mmul(paramTable.get("T" + j))).reshape('c', new long[] {b, slots, d});
        }
        us.clear();
        ps.clear();
        INDArray u = questionBag.encode(paramTable.get("E0"));
        us.add(u);
        for (int k = 1; k <= hops; k++) {
            INDArray scores = product(mem[k - 1], u).addi(maskAdd);
            INDArray p = Transforms.softmax(scores, true);
            ps.add(p);
            INDArray weighted = Nd4j.createUninitialized(DataType.FLOAT, b, slots, d);
            Broadcast.mul(mem[k], p, weighted, 0, 1);
            u = u.add(weighted.sum(1));
            us.add(u);
        }
        cachedInput = inputs[0];
        int[] answers = conf.getAnswerWords();
        if (answers == null) return u;
        return u.mmul(answerRows(answers).transpose());                   // tied W^T = C^K: [b, answers]
    }

    /** The rows of E_K that score the answer classes: [answers, d]. */
    private INDArray answerRows(int[] answers) {
        return Nd4j.pullRows(paramTable.get("E" + conf.getHops()), 1, answers);
    }

    /** [b, S] = sum_d a[b, s, d] * v[b, d]. */
    private static INDArray product(INDArray a, INDArray v) {
        INDArray t = Nd4j.createUninitialized(DataType.FLOAT, a.shape());
        Broadcast.mul(a, v, t, 0, 2);
        return t.sum(2);
    }

    /** [b, S, d] = s[b, s] * v[b, d]. */
    private static INDArray outer(INDArray s, INDArray v) {
        INDArray t = Nd4j.zeros(DataType.FLOAT, s.size(0), s.size(1), v.size(1));
        Broadcast.add(t, v, t, 0, 2);
        Broadcast.mul(t, s, t, 0, 1);
        return t;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (cachedInput != inputs[0] || mem == null) forward();
            INDArray eps = epsilon.castTo(DataType.FLOAT);
            int[] answers = conf.getAnswerWords();
            if (answers == null) {
                backward(eps);
            } else {
                // logits = u W^T with W = E_K[answers]: du = dLogits W, dW = dLogits^T u, added onto E_K's rows
                INDArray uFinal = us.get(us.size() - 1);
                INDArray dW = eps.transpose().mmul(uFinal);
                backward(eps.mmul(answerRows(answers)));
                INDArray dE = gradTable.get("E" + conf.getHops());
                for (int c = 0; c < answers.length; c++) dE.getRow(answers[c]).addi(dW.getRow(c));
            }
        }
        Gradient g = new DefaultGradient(gradView);
        for (Map.Entry<String, INDArray> e : gradTable.entrySet()) g.setGradientFor(e.getKey(), e.getValue());
        INDArray[] inputGrads = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            // ids, masks and slot indices are data, not activations: their gradient is zero
            inputGrads[i] = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, inputs[i].dataType(), inputs[i].shape());
        }
        return new Pair<>(g, inputGrads);
    }

    private void backward(INDArray du) {
        int hops = conf.getHops();
        long b = mem[0].size(0), slots = mem[0].size(1), d = mem[0].size(2);
        gradView.assign(0);
        INDArray[] dMem = new INDArray[hops + 1];
        for (int j = 0; j <= hops; j++) dMem[j] = Nd4j.zeros(DataType.FLOAT, b, slots, d);
        for (int k = hops; k >= 1; k--) {
            INDArray p = ps.get(k - 1);
            INDArray uk = us.get(k - 1);
            dMem[k].addi(outer(p, du));                                     // o_k = sum_s p_s mem_k[s]
            INDArray dp = product(mem[k], du);
            INDArray pdp = p.mul(dp);
            INDArray dScores = pdp.sub(p.mulColumnVector(pdp.sum(true, 1)));    // softmax backward
            dMem[k - 1].addi(outer(dScores, uk));
            INDArray dU = Nd4j.createUninitialized(DataType.FLOAT, b, slots, d);
            Broadcast.mul(mem[k - 1], dScores, dU, 0, 1);
            du = du.add(dU.sum(1));                                          // u_{k+1} = u_k + o_k
        }
        questionBag.backprop(du, gradTable.get("E0"));
        for (int j = 0; j <= hops; j++) {
            INDArray flat = dMem[j].reshape('c', new long[] {b * slots, d});
            storyBag.backprop(flat, gradTable.get("E" + j));
            Nd4j.gemm(slotOneHot, flat, gradTable.get("T" + j), true, false, 1.0, 1.0);
        }
    }

    @Override
    public String toString() { return "MemN2NRuntime(" + vertexName + ")"; }
}
