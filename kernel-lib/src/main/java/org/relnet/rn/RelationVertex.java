package org.relnet.rn;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of a {@link RelationModule}: forward and backward written as a few large matrix products.
 *
 * <p>Layout: pair (i, j) of example b is row {@code (b*n + i)*n + j} of every g activation matrix
 * {@code [batch*n*n, width]}. The first layer uses the exact decomposition
 * {@code W [o_i; o_j; q] + c = A o_i + B o_j + (C q + c)}: two {@code [batch*n, d] x [d, w]} products
 * and a broadcast add, instead of a {@code [batch*n*n, 2d+k]} pair matrix.
 *
 * <p>Memory: one activation buffer per g layer plus one scratch buffer, allocated outside DL4J's
 * workspaces and reused while the batch size stays the same. Backprop overwrites each activation with
 * its pre-activation gradient in place (ReLU's mask only needs the sign of the output), so the pass
 * re-uses the forward's buffers and never recomputes g_theta.
 */
final class RelationVertex extends HandWrittenVertex<RelationModule> {

    // Reused storage (detached from workspaces) for `capacity` examples; the arrays below are views
    // of it for the current batch of `bufferBatch` examples.
    private long capacity;
    private long bufferBatch = -1;
    private INDArray[] actStore;
    private INDArray objectStore;
    private INDArray uStore;
    private INDArray vStore;
    private INDArray onesStore;
    private INDArray objects;     // [b*n, d]; for a feature map the last two columns hold (x, y)
    private INDArray[] act;       // act[l]: [b*n*n, w_l], post-ReLU (later: gradient w.r.t. pre-activation)
    private INDArray scratch;     // [b*n*n, max w]
    private INDArray u;           // [b*n, w_1]: A o_i + C q + c
    private INDArray v;           // [b*n, w_1]: B o_j
    private INDArray ones;        // [1, b*n*n] for column sums by GEMV
    // Identity of the inputs the cached activations were computed from.
    private INDArray forwardInput0;
    private INDArray forwardInput1;
    private boolean activationsValid;
    private INDArray pairCounts;  // [b, 1] real pairs per example (MEAN with an object mask), else null
    private long forwardPasses; // g_theta evaluations; lets tests prove backprop does not re-run the forward

    RelationVertex(RelationModule conf, ComputationGraph graph, String name, int index, INDArray paramsView,
            boolean initializeParams, DataType dataType) {
        super(conf, graph, name, index, paramsView, initializeParams, dataType);
    }

    // ---------------------------------------------------------------- forward

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray aggregate;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            aggregate = forward();
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, aggregate);
    }

    private INDArray forward() {
        INDArray in = inputs[0];
        long b = in.size(0);
        checkInput(in);
        ensureBuffers(b);
        long n = conf.objectCount();
        int[] w = conf.gWidths();

        PhaseTimer.start();
        loadObjects(in, b);
        INDArray x = objects;
        Gemm.gemm(x, paramTable.get(RelationModule.wa()), u, false, false, 1.0, 0.0);
        Gemm.gemm(x, paramTable.get(RelationModule.wb()), v, false, false, 1.0, 0.0);
        INDArray perExample; // [b, w1]: C q + c, the part shared by all pairs of an example
        if (conf.questionSize() > 0) {
            perExample = inputs[1].castTo(dataType).mmul(paramTable.get(RelationModule.wq()))
                    .addiRowVector(paramTable.get(RelationModule.bias(1)));
        } else {
            perExample = paramTable.get(RelationModule.bias(1)).broadcast(b, w[0]);
        }
        INDArray u3 = u.reshape('c', dims(b, n, w[0]));
        Broadcast.add(u3, perExample, u3, 0, 2);
        INDArray pairs = act[0].reshape('c', dims(b, n, n, w[0]));
        Broadcast.copy(pairs, u3, pairs, 0, 1, 3);                 // A o_i + C q + c on every j
        Broadcast.add(pairs, v.reshape('c', dims(b, n, w[0])), pairs, 0, 2, 3); // + B o_j on every i
        Transforms.relu(act[0], false);
        PhaseTimer.lap("fwd.layer1");

        for (int l = 1; l < w.length; l++) {
            Gemm.gemm(act[l - 1], paramTable.get(RelationModule.weight(l + 1)), act[l], false, false, 1.0, 0.0);
            PhaseTimer.lap("fwd.gemm");
            act[l].addiRowVector(paramTable.get(RelationModule.bias(l + 1)));
            Transforms.relu(act[l], false);
            PhaseTimer.lap("fwd.bias+relu");
        }
        INDArray last = act[w.length - 1].reshape('c', dims(b, n * n, w[w.length - 1]));
        pairCounts = null;
        if (conf.hasObjectMask()) {
            // Zeroing a padded pair's output in place removes it from the sum AND from backprop: the
            // backward pass takes the ReLU mask from the sign of this very buffer, so its gradient is 0.
            INDArray pairMask = pairMask(b, n);
            Broadcast.mul(last, pairMask, last, 0, 1);
            if (conf.aggregation() == RelationModule.Aggregation.MEAN) {
                pairCounts = Transforms.max(pairMask.sum(true, 1), 1.0, false);
            }
        }
        INDArray aggregate = last.sum(1);
        if (pairCounts != null) {
            aggregate.diviColumnVector(pairCounts);
        } else if (conf.aggregation() == RelationModule.Aggregation.MEAN) {
            aggregate.divi(n * n);
        }
        PhaseTimer.lap("fwd.aggregate");
        forwardPasses++;
        forwardInput0 = inputs[0];
        forwardInput1 = inputs.length > 1 ? inputs[1] : null;
        activationsValid = true;
        return aggregate;
    }

    /** [b, n*n]: 1 where both objects of the pair are real (the mask input's row for the object is non-zero). */
    private INDArray pairMask(long b, long n) {
        INDArray m = inputs[inputs.length - 1].castTo(dataType);
        if (m.size(0) != b || m.rank() < 2 || m.size(1) != n) {
            throw new IllegalArgumentException("RelationModule '" + vertexName + "': object mask must be [batch, " + n
                    + ", ...] with batch " + b + ", got " + java.util.Arrays.toString(m.shape()));
        }
        INDArray real = m.rank() == 2 ? m : Transforms.abs(m.reshape('c', dims(b, n, m.length() / (b * n))), true).max(2);
        real = Transforms.sign(real, true);                               // [b, n] of 0/1
        INDArray pairs = Nd4j.create(dataType, b, n, n);
        Broadcast.copy(pairs, real, pairs, 0, 1);                        // m_i on every j
        Broadcast.mul(pairs, real, pairs, 0, 2);                         // * m_j
        return pairs.reshape('c', dims(b, n * n));
    }

    private void checkInput(INDArray in) {
        boolean ok = conf.isFeatureMapInput()
                ? in.rank() == 4 && in.size(1) == conf.mapChannels() && in.size(2) == conf.mapHeight()
                        && in.size(3) == conf.mapWidth()
                : in.rank() == 3 && in.size(1) == conf.objectCount() && in.size(2) == conf.objectSize();
        if (!ok) {
            String expected = conf.isFeatureMapInput()
                    ? "[batch, " + conf.mapChannels() + ", " + conf.mapHeight() + ", " + conf.mapWidth() + "] (NCHW)"
                    : "[batch, " + conf.objectCount() + ", " + conf.objectSize() + "] (batch, objects, features)";
            throw new IllegalArgumentException("RelationModule '" + vertexName + "': objects input must be " + expected
                    + ", got " + java.util.Arrays.toString(in.shape()));
        }
        if (conf.questionSize() > 0) {
            INDArray q = inputs[1];
            if (q.rank() != 2 || q.size(0) != in.size(0) || q.size(1) != conf.questionSize()) {
                throw new IllegalArgumentException("RelationModule '" + vertexName + "': question input must be [batch, "
                        + conf.questionSize() + "] with the objects' batch " + in.size(0) + ", got "
                        + java.util.Arrays.toString(q.shape()));
            }
        }
    }

    /** Copies the objects into {@code objects} ([b*n, d]); a feature map's cells get (x, y) appended. */
    private void loadObjects(INDArray in, long b) {
        if (!conf.isFeatureMapInput()) {
            objects.assign(in.reshape('c', dims(b * conf.objectCount(), conf.objectSize())));
            return;
        }
        long c = conf.mapChannels();
        INDArray cells = in.permute(0, 2, 3, 1); // [b, h, w, c]
        objects.reshape('c', dims(b, conf.mapHeight(), conf.mapWidth(), c + 2))
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, c))
                .assign(cells);
    }

    /**
     * Makes the working arrays views of storage sized for the largest batch seen so far, so that
     * alternating batch sizes (training vs evaluation batches) neither reallocate nor hold two copies.
     */
    private void ensureBuffers(long b) {
        if (b == bufferBatch) {
            return;
        }
        long n = conf.objectCount();
        int[] w = conf.gWidths();
        int maxW = java.util.Arrays.stream(w).max().orElseThrow();
        if (b > capacity) {
            long cap = b * n * n;
            actStore = new INDArray[w.length];
            for (int l = 0; l < w.length; l++) {
                actStore[l] = Nd4j.createUninitialized(dataType, cap * w[l]);
            }
            scratch = Nd4j.createUninitialized(dataType, cap * maxW);
            objectStore = Nd4j.zeros(dataType, b * n * conf.objectSize());
            uStore = Nd4j.createUninitialized(dataType, b * n * w[0]);
            vStore = Nd4j.createUninitialized(dataType, b * n * w[0]);
            onesStore = Nd4j.ones(dataType, cap);
            capacity = b;
            if (conf.isFeatureMapInput()) {
                writeCoordinates(b);
            }
        }
        long rows = b * n * n;
        act = new INDArray[w.length];
        for (int l = 0; l < w.length; l++) {
            act[l] = prefix(actStore[l], rows, w[l]);
        }
        objects = prefix(objectStore, b * n, conf.objectSize());
        u = prefix(uStore, b * n, w[0]);
        v = prefix(vStore, b * n, w[0]);
        ones = prefix(onesStore, 1, rows);
        bufferBatch = b;
        activationsValid = false;
    }

    /** (x, y) of every cell, linear in [-1, 1]; written once per buffer allocation since they never change. */
    private void writeCoordinates(long b) {
        long h = conf.mapHeight();
        long wd = conf.mapWidth();
        long c = conf.mapChannels();
        INDArray coords = Nd4j.create(dataType, h * wd, 2);
        for (long r = 0; r < h; r++) {
            for (long col = 0; col < wd; col++) {
                coords.putScalar(r * wd + col, 0, wd == 1 ? 0 : -1 + 2.0 * col / (wd - 1));
                coords.putScalar(r * wd + col, 1, h == 1 ? 0 : -1 + 2.0 * r / (h - 1));
            }
        }
        INDArray xy = objectStore.reshape('c', dims(b, h * wd, c + 2))
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(c, c + 2));
        Broadcast.copy(xy, coords, xy, 1, 2);
    }

    // ---------------------------------------------------------------- backward

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray[] inputGrads;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (!activationsValid || forwardInput0 != inputs[0] || (inputs.length > 1 && forwardInput1 != inputs[1])) {
                forward(); // only when DL4J calls backward without a matching forward (not in normal training)
            }
            inputGrads = backward(epsilon);
            activationsValid = false; // activations were overwritten by gradients
        }
        Gradient g = new DefaultGradient(gradView);
        for (Map.Entry<String, INDArray> e : gradTable.entrySet()) {
            g.setGradientFor(e.getKey(), e.getValue());
        }
        for (int i = 0; i < inputGrads.length; i++) {
            inputGrads[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGrads[i]);
        }
        return new Pair<>(g, inputGrads);
    }

    private INDArray[] backward(INDArray eps) {
        long b = bufferBatch;
        long n = conf.objectCount();
        int[] w = conf.gWidths();
        int last = w.length - 1;
        PhaseTimer.start();
        INDArray e = eps.castTo(dataType);
        if (pairCounts != null) {
            e = e.divColumnVector(pairCounts);
        } else if (conf.aggregation() == RelationModule.Aggregation.MEAN) {
            e = e.div(n * n);
        }
        // Every pair receives the aggregate's gradient where its output was positive: mask, then scale.
        // (Legacy step/broadcast ops: measured ~2x faster than libnd4j's relu_bp custom op here.)
        Transforms.step(act[last], false);
        INDArray last3 = act[last].reshape('c', dims(b, n * n, w[last]));
        Broadcast.mul(last3, e, last3, 0, 2);
        PhaseTimer.lap("bwd.aggregate");

        for (int l = last; l >= 1; l--) {
            INDArray dPre = act[l];
            Gemm.gemm(act[l - 1], dPre, gradTable.get(RelationModule.weight(l + 1)), true, false, 1.0, 0.0);
            PhaseTimer.lap("bwd.gemm.dW");
            // Column sums as a GEMV with a ones row: a BLAS call instead of a slow dimension-0 reduction.
            Gemm.gemm(ones, dPre, gradTable.get(RelationModule.bias(l + 1)), false, false, 1.0, 0.0);
            PhaseTimer.lap("bwd.bias");
            INDArray dPrev = prefix(scratch, act[l - 1].size(0), w[l - 1]);
            Gemm.gemm(dPre, paramTable.get(RelationModule.weight(l + 1)), dPrev, false, true, 1.0, 0.0);
            PhaseTimer.lap("bwd.gemm.dX");
            Transforms.step(act[l - 1], false);   // ReLU mask from the output's sign...
            act[l - 1].muli(dPrev);                 // ...times the incoming gradient, in place
            PhaseTimer.lap("bwd.relu");
        }

        // First layer: the pair gradient splits back onto o_i (sum over j), o_j (sum over i) and q (both).
        INDArray pairs = act[0].reshape('c', dims(b, n, n, w[0]));
        INDArray dU = pairs.sum(2).reshape('c', dims(b * n, w[0]));
        INDArray dV = pairs.sum(1).reshape('c', dims(b * n, w[0]));
        INDArray dPerExample = dU.reshape('c', dims(b, n, w[0])).sum(1);
        gradTable.get(RelationModule.bias(1)).assign(dPerExample.sum(0));
        Gemm.gemm(objects, dU, gradTable.get(RelationModule.wa()), true, false, 1.0, 0.0);
        Gemm.gemm(objects, dV, gradTable.get(RelationModule.wb()), true, false, 1.0, 0.0);
        INDArray dObjects = Nd4j.createUninitialized(dataType, b * n, objects.size(1));
        Gemm.gemm(dU, paramTable.get(RelationModule.wa()), dObjects, false, true, 1.0, 0.0);
        Gemm.gemm(dV, paramTable.get(RelationModule.wb()), dObjects, false, true, 1.0, 1.0);

        PhaseTimer.lap("bwd.layer1");
        INDArray[] out = new INDArray[inputs.length];
        out[0] = objectsGradient(dObjects, b);
        if (conf.questionSize() > 0) {
            INDArray q = inputs[1].castTo(dataType);
            Gemm.gemm(q, dPerExample, gradTable.get(RelationModule.wq()), true, false, 1.0, 0.0);
            out[1] = dPerExample.mmul(paramTable.get(RelationModule.wq()).transpose()).castTo(inputs[1].dataType());
        }
        if (conf.hasObjectMask()) {
            INDArray mask = inputs[inputs.length - 1];
            out[inputs.length - 1] = Nd4j.zeros(mask.dataType(), mask.shape()); // data, not an activation
        }
        return out;
    }

    private INDArray objectsGradient(INDArray dObjects, long b) {
        if (!conf.isFeatureMapInput()) {
            return dObjects.reshape('c', dims(b, conf.objectCount(), conf.objectSize())).castTo(inputs[0].dataType());
        }
        long c = conf.mapChannels();
        INDArray cells = dObjects.reshape('c', dims(b, conf.mapHeight(), conf.mapWidth(), c + 2))
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, c));
        return cells.permute(0, 3, 1, 2).dup('c').castTo(inputs[0].dataType()); // drop (x, y): they are constants
    }

    /** Shapes as an explicit long[]: ND4J's reshape(char, long...) overloads mis-resolve mixed int/long varargs. */
    private static long[] dims(long... d) {
        return d;
    }

    // ---------------------------------------------------------------- bookkeeping

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        if (maskArrays != null) {
            for (INDArray m : maskArrays) {
                if (m != null) {
                    throw new UnsupportedOperationException("RelationModule '" + vertexName
                            + "' does not support masks: every example must have all n objects");
                }
            }
        }
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public void clearVertex() {
        // Keeps the buffers and the cached activations: DL4J may clear inputs between forward and
        // backward, and the cache is re-validated by input identity in doBackward anyway.
        clear();
    }

    /** Releases the large reusable buffers, e.g. before switching to a very different batch size. */
    void releaseBuffers() {
        actStore = null;
        act = null;
        scratch = null;
        objectStore = null;
        objects = null;
        uStore = null;
        u = null;
        vStore = null;
        v = null;
        onesStore = null;
        ones = null;
        capacity = 0;
        bufferBatch = -1;
        activationsValid = false;
    }

    long forwardPasses() {
        return forwardPasses;
    }

    List<String> parameterKeys() {
        return conf.getVertexParams().getParameterKeys();
    }

    @Override
    public String toString() {
        return "RelationVertex(" + vertexName + ", " + conf + ")";
    }
}
