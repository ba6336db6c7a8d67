package org.relnet.rn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.relnet.rn.ConvKernels.Geometry;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of a {@link ConvEncoder}: conv + batch norm + ReLU layers on channels-last matrices.
 *
 * <p>Layer l works on {@code M = batch*oh*ow} rows: {@code col [M, k*k*cin]} (im2col; row = output
 * pixel, column block t = kernel tap t) times {@code W [k*k*cin, c]} gives the pre-BN map {@code [M, c]},
 * which is already the NHWC layout the next layer's im2col reads, so no layout conversion happens between
 * layers (only the NCHW image is read through its strides, and the NCHW output / epsilon of the last
 * layer are permuted). im2col, col2im and BN + ReLU are {@link ConvKernels} loops; the GEMMs are BLAS.
 * Padding positions of col are never written: col is zeroed once when allocated and every forward
 * rewrites exactly the same interior.
 *
 * <p>Batch norm in training uses batch statistics, so the conv bias cancels in the normalised output
 * and is not added (it only enters the running mean); its gradient is computed anyway (it is ~0).
 * Backprop re-uses the forward's im2col matrices and normalised maps (nothing is recomputed) and skips
 * the gradient for the first layer's input when that input is the network's image.
 *
 * <p>All working arrays live outside DL4J's workspaces and are reused while the batch size stays
 * within the largest seen so far (like {@link RelationVertex}).
 */
final class ConvEncoderVertex extends HandWrittenVertex<ConvEncoder> {

    private final int layers;
    private final long[] inH;
    private final long[] inW;
    private final long[] outH;
    private final long[] outW;
    private final long[] padTop;
    private final long[] padLeft;
    private final long[] cols;   // k*k*cin per layer

    private long capacity;
    private long bufferBatch = -1;
    private INDArray[] colStore;
    private INDArray[] xhatStore;
    private INDArray[] actStore;
    private INDArray[] gradStore;
    private INDArray dColStore;
    private INDArray[] col;      // [M_l, k*k*cin_l]
    private INDArray[] xhat;     // [M_l, c]: normalised pre-activation (training) or pre-activation (inference)
    private INDArray[] act;      // [M_l, c]: ReLU output, NHWC
    private INDArray[] grad;     // [M_l, c]: gradient w.r.t. act[l] (l < last)
    private final double[][] invStd;   // per layer and channel: batch 1/sqrt(var + eps) of the last training forward
    private final Geometry[] geometry;

    private INDArray forwardInput;
    private boolean activationsValid;

    ConvEncoderVertex(ConvEncoder conf, ComputationGraph graph, String name, int index, INDArray paramsView,
            boolean initializeParams, DataType dataType) {
        super(conf, graph, name, index, paramsView, initializeParams, dataType);
        layers = conf.layers();
        inH = new long[layers];
        inW = new long[layers];
        outH = new long[layers];
        outW = new long[layers];
        padTop = new long[layers];
        padLeft = new long[layers];
        cols = new long[layers];
        invStd = new double[layers][];
        geometry = new Geometry[layers];
        long h = conf.height();
        long w = conf.width();
        for (int l = 0; l < layers; l++) {
            inH[l] = h;
            inW[l] = w;
            outH[l] = conf.outSide(h, l);
            outW[l] = conf.outSide(w, l);
            padTop[l] = conf.padBefore(h, l);
            padLeft[l] = conf.padBefore(w, l);
            cols[l] = (long) conf.kernel() * conf.kernel() * conf.layerInChannels(l);
            geometry[l] = new Geometry(h, w, conf.layerInChannels(l), outH[l], outW[l], conf.kernel(),
                    conf.stride(l), padTop[l], padLeft[l]);
            h = outH[l];
            w = outW[l];
        }
    }

    // ---------------------------------------------------------------- forward

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            out = forward(training);
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, out, 'c');
    }

    /** Returns the NCHW view of the last layer's activations. */
    private INDArray forward(boolean training) {
        INDArray in = inputs[0];
        if (in.rank() != 4 || in.size(1) != conf.inChannels() || in.size(2) != conf.height()
                || in.size(3) != conf.width()) {
            throw new IllegalArgumentException("ConvEncoder '" + vertexName + "': input must be [batch, "
                    + conf.inChannels() + ", " + conf.height() + ", " + conf.width() + "] (NCHW), got "
                    + java.util.Arrays.toString(in.shape()));
        }
        long b = in.size(0);
        ensureBuffers(b);
        PhaseTimer.start();
        if (in.dataType() != dataType) {
            in = in.castTo(dataType);
        }
        if (in.offset() != 0 || in.ordering() != 'c' || !Shape.hasDefaultStridesForShape(in)) {
            in = in.dup('c'); // the kernels read the buffer directly from element 0 with c-order strides
        }
        long h0 = conf.height();
        long w0 = conf.width();
        // Layer 0 reads the NCHW image as [b, y, x, c] through its strides; later layers read NHWC act.
        INDArray srcStore = in;
        long[] srcStrides = {conf.inChannels() * h0 * w0, w0, 1, h0 * w0};
        for (int l = 0; l < layers; l++) {
            long c = conf.channels();
            if (isFloat()) {
                ConvKernels.im2col(in(srcStore), 0, srcStrides[0], srcStrides[1], srcStrides[2], srcStrides[3],
                        in(colStore[l]), geometry[l], (int) b);
            } else {
                ConvKernels.im2col(din(srcStore), 0, srcStrides[0], srcStrides[1], srcStrides[2], srcStrides[3],
                        din(colStore[l]), geometry[l], (int) b);
            }
            PhaseTimer.lap("conv.fwd.im2col");
            INDArray z = xhat[l];
            Nd4j.gemm(col[l], paramTable.get(ConvEncoder.w(l)), z, false, false, 1.0, 0.0);
            PhaseTimer.lap("conv.fwd.gemm");
            if (training) {
                batchNormTraining(l, (int) z.size(0));
            } else {
                // Running statistics folded into one scale and shift per channel.
                INDArray scale = paramTable.get(ConvEncoder.var(l)).add(ConvEncoder.EPS);
                Transforms.pow(scale, -0.5, false).muli(paramTable.get(ConvEncoder.gamma(l)));
                INDArray shift = paramTable.get(ConvEncoder.b(l)).sub(paramTable.get(ConvEncoder.mean(l)))
                        .muli(scale).addi(paramTable.get(ConvEncoder.beta(l)));
                Broadcast.mul(z, scale.reshape(scale.length()), act[l], 1);
                act[l].addiRowVector(shift);
                Transforms.relu(act[l], false);
            }
            PhaseTimer.lap("conv.fwd.bn+relu");
            srcStore = actStore[l];
            srcStrides = new long[] {outH[l] * outW[l] * c, outW[l] * c, c, 1};
        }
        forwardInput = inputs[0];
        activationsValid = training;
        return act[last()].reshape('c', dims(b, outH[last()], outW[last()], conf.channels())).permute(0, 3, 1, 2);
    }

    private int last() {
        return layers - 1;
    }

    private boolean isFloat() {
        return dataType == DataType.FLOAT;
    }

    private static FloatBuffer in(INDArray a) {
        return a.data().asNioFloat();
    }

    private static DoubleBuffer din(INDArray a) {
        return a.data().asNioDouble();
    }

    /** xhat[l] (holding z) -> normalised in place, act[l] = relu(gamma xhat + beta); updates the running stats. */
    private void batchNormTraining(int l, int rows) {
        int c = conf.channels();
        double[] gamma = paramTable.get(ConvEncoder.gamma(l)).toDoubleVector();
        double[] beta = paramTable.get(ConvEncoder.beta(l)).toDoubleVector();
        double[][] stats = isFloat()
                ? ConvKernels.batchNormReluForward(in(xhatStore[l]), in(actStore[l]), rows, c, gamma, beta,
                        ConvEncoder.EPS)
                : ConvKernels.batchNormReluForward(din(xhatStore[l]), din(actStore[l]), rows, c, gamma, beta,
                        ConvEncoder.EPS);
        double[] mean = stats[0];
        double[] var = stats[1];
        invStd[l] = new double[c];
        for (int j = 0; j < c; j++) {
            invStd[l][j] = 1 / Math.sqrt(var[j] + ConvEncoder.EPS);
        }
        // The running mean tracks the BIASED conv output (the bias was left out of z, see class comment).
        double d = ConvEncoder.DECAY;
        INDArray bias = paramTable.get(ConvEncoder.b(l));
        paramTable.get(ConvEncoder.mean(l)).muli(d).addi(row(mean).addi(bias).muli(1 - d));
        paramTable.get(ConvEncoder.var(l)).muli(d).addi(row(var).muli(1 - d));
    }

    private INDArray row(double[] v) {
        return Nd4j.createFromArray(v).castTo(dataType).reshape(1, v.length);
    }

    private void ensureBuffers(long b) {
        if (b == bufferBatch) {
            return;
        }
        long c = conf.channels();
        if (b > capacity) {
            colStore = new INDArray[layers];
            xhatStore = new INDArray[layers];
            actStore = new INDArray[layers];
            gradStore = new INDArray[layers];
            long maxCol = 0;
            for (int l = 0; l < layers; l++) {
                long rows = b * outH[l] * outW[l];
                colStore[l] = Nd4j.zeros(dataType, rows * cols[l]);   // padding taps stay 0 forever
                xhatStore[l] = Nd4j.createUninitialized(dataType, rows * c);
                actStore[l] = Nd4j.createUninitialized(dataType, rows * c);
                gradStore[l] = Nd4j.createUninitialized(dataType, rows * c);
                maxCol = Math.max(maxCol, rows * cols[l]);
            }
            dColStore = Nd4j.createUninitialized(dataType, maxCol);
            capacity = b;
        }
        col = new INDArray[layers];
        xhat = new INDArray[layers];
        act = new INDArray[layers];
        grad = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            long rows = b * outH[l] * outW[l];
            col[l] = prefix(colStore[l], rows, cols[l]);
            xhat[l] = prefix(xhatStore[l], rows, c);
            act[l] = prefix(actStore[l], rows, c);
            grad[l] = prefix(gradStore[l], rows, c);
        }
        bufferBatch = b;
        activationsValid = false;
    }

    private static INDArray prefix(INDArray flat, long rows, long cols) {
        return flat.get(NDArrayIndex.interval(0, rows * cols)).reshape('c', dims(rows, cols));
    }

    // ---------------------------------------------------------------- backward

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray inputGrad;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (!activationsValid || forwardInput != inputs[0]) {
                forward(true); // only when DL4J calls backward without a matching training forward
            }
            inputGrad = backward(epsilon);
            activationsValid = false; // masks were written over the activations
        }
        Gradient g = new DefaultGradient(gradView);
        for (Map.Entry<String, INDArray> e : gradTable.entrySet()) {
            g.setGradientFor(e.getKey(), e.getValue());
        }
        INDArray[] out = {inputGrad == null ? null : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGrad)};
        return new Pair<>(g, out);
    }

    private INDArray backward(INDArray eps) {
        long b = bufferBatch;
        int c = conf.channels();
        int last = last();
        PhaseTimer.start();
        // NCHW epsilon -> the NHWC gradient matrix of the last layer's activations.
        grad[last].reshape('c', dims(b, outH[last], outW[last], c)).assign(eps.permute(0, 2, 3, 1));
        PhaseTimer.lap("conv.bwd.layout");
        INDArray inputGrad = null;
        for (int l = last; l >= 0; l--) {
            INDArray g = grad[l];
            int rows = (int) g.size(0);
            double[] gamma = paramTable.get(ConvEncoder.gamma(l)).toDoubleVector();
            double[][] d = isFloat()
                    ? ConvKernels.batchNormReluBackward(in(gradStore[l]), in(actStore[l]), in(xhatStore[l]), rows, c,
                            gamma, invStd[l])
                    : ConvKernels.batchNormReluBackward(din(gradStore[l]), din(actStore[l]), din(xhatStore[l]), rows,
                            c, gamma, invStd[l]);
            gradTable.get(ConvEncoder.gamma(l)).assign(row(d[0]));
            gradTable.get(ConvEncoder.beta(l)).assign(row(d[1]));
            gradTable.get(ConvEncoder.b(l)).assign(row(d[2]));
            gradTable.get(ConvEncoder.mean(l)).assign(0);
            gradTable.get(ConvEncoder.var(l)).assign(0);
            PhaseTimer.lap("conv.bwd.bn+relu");
            Nd4j.gemm(col[l], g, gradTable.get(ConvEncoder.w(l)), true, false, 1.0, 0.0);
            PhaseTimer.lap("conv.bwd.gemm.dW");
            INDArray target;
            long[] ts;
            Geometry geo = geometry[l];
            if (l > 0) {
                target = gradStore[l - 1];
                ts = new long[] {inH[l] * inW[l] * c, inW[l] * c, c, 1};
            } else if (inputNeedsGradient()) {
                inputGrad = Nd4j.createUninitialized(dataType, b, conf.inChannels(), conf.height(), conf.width());
                target = inputGrad;
                long hw = conf.height() * conf.width();
                ts = new long[] {conf.inChannels() * hw, conf.width(), 1, hw};
            } else {
                break;
            }
            INDArray dCol = prefix(dColStore, rows, cols[l]);
            Nd4j.gemm(g, paramTable.get(ConvEncoder.w(l)), dCol, false, true, 1.0, 0.0);
            PhaseTimer.lap("conv.bwd.gemm.dX");
            if (isFloat()) {
                ConvKernels.col2im(in(dColStore), in(target), 0, ts[0], ts[1], ts[2], ts[3], geo, (int) b);
            } else {
                ConvKernels.col2im(din(dColStore), din(target), 0, ts[0], ts[1], ts[2], ts[3], geo, (int) b);
            }
            PhaseTimer.lap("conv.bwd.col2im");
        }
        if (inputGrad != null && inputGrad.dataType() != inputs[0].dataType()) {
            inputGrad = inputGrad.castTo(inputs[0].dataType());
        }
        return inputGrad;
    }

    /** False when the input is the network's own input (an image): nobody consumes that gradient. */
    private boolean inputNeedsGradient() {
        if (inputVertices == null || inputVertices.length == 0) {
            return true;
        }
        GraphVertex source = graph.getVertices()[inputVertices[0].getVertexIndex()];
        return !source.isInputVertex();
    }

    private static long[] dims(long... d) {
        return d;
    }

    // ---------------------------------------------------------------- bookkeeping

    @Override
    public void clearVertex() {
        clear();
    }

    @Override
    public String toString() {
        return "ConvEncoderVertex(" + vertexName + ", " + conf + ")";
    }
}
