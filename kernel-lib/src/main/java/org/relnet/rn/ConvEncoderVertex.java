package org.relnet.rn;

import java.util.Map;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.relnet.rn.ConvKernels.Activation;
import org.relnet.rn.ConvKernels.Geometry;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of a {@link ConvEncoder}: conv + batch norm + ReLU layers on channels-last matrices.
 *
 * <p>Layer l works on {@code M = batch*oh*ow} rows: {@code col [M, k*k*cin]} (im2col; row = output
 * pixel, column block t = kernel tap t) times {@code W [k*k*cin, c]} gives the raw conv output
 * {@code z [M, c]}, already the NHWC layout the next layer's im2col reads. Only z is stored: batch norm
 * + ReLU is folded into one scale and shift per channel and applied by the next layer's im2col as it
 * reads z (the last layer's activations are written once, as the vertex output), and backprop recomputes
 * the normalised values and the ReLU mask from z. That saves two writes and a read of every activation
 * per layer on this memory-bound stack. im2col, col2im and batch norm are {@link ConvKernels} loops; the
 * GEMMs are BLAS. Padding positions of col are never written: col is zeroed once when allocated and
 * every forward rewrites exactly the same interior.
 *
 * <p>Batch norm in training uses batch statistics, so the conv bias cancels in the normalised output
 * and is not added (it only enters the running mean); its gradient is computed anyway (it is ~0).
 * Backprop re-uses the forward's im2col matrices and skips the gradient for the first layer's input when
 * that input is the network's image.
 *
 * <p>All working arrays live outside DL4J's workspaces and are reused while the batch size stays
 * within the largest seen so far (like {@link RelationVertex}).
 */
final class ConvEncoderVertex extends HandWrittenVertex<ConvEncoder> {

    private final int layers;
    private final Geometry[] geometry;

    private long capacity;
    private long bufferBatch = -1;
    private INDArray[] colStore;   // [M_l, k*k*cin_l], flat
    private INDArray[] zStore;     // [M_l, c]: raw conv output
    private INDArray[] gradStore;  // [M_l, c]: gradient w.r.t. the activations, then w.r.t. z
    private INDArray actStore;     // [M_last, c]: the last layer's activations (the output, NHWC)
    private INDArray dColStore;
    private INDArray[] col;
    private INDArray[] z;

    // Per layer, from the last forward: the folded batch norm + ReLU, and (training) the batch statistics.
    private final Activation[] activation;
    private final double[][] batchMean;
    private final double[][] batchInvStd;

    private INDArray forwardInput;
    private boolean activationsValid;

    ConvEncoderVertex(ConvEncoder conf, ComputationGraph graph, String name, int index, INDArray paramsView,
            boolean initializeParams, DataType dataType) {
        super(conf, graph, name, index, paramsView, initializeParams, dataType);
        layers = conf.layers();
        geometry = new Geometry[layers];
        activation = new Activation[layers];
        batchMean = new double[layers][];
        batchInvStd = new double[layers][];
        long h = conf.height();
        long w = conf.width();
        for (int l = 0; l < layers; l++) {
            long oh = conf.outSide(h, l);
            long ow = conf.outSide(w, l);
            geometry[l] = new Geometry(h, w, conf.layerInChannels(l), oh, ow, conf.kernel(), conf.stride(l),
                    conf.padBefore(h, l), conf.padBefore(w, l));
            h = oh;
            w = ow;
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
        int b = (int) in.size(0);
        ensureBuffers(b);
        PhaseTimer.start();
        if (in.dataType() != dataType) {
            in = in.castTo(dataType);
        }
        in = NativeLoops.plain(in); // the kernels read the buffer from element 0 with c-order strides
        // Layer 0 reads the NCHW image as [b, y, x, c] through its strides; later layers read NHWC z.
        INDArray source = in;
        long hw = conf.height() * conf.width();
        long[] strides = {conf.inChannels() * hw, conf.width(), 1, hw};
        Activation sourceActivation = null;
        for (int l = 0; l < layers; l++) {
            Geometry g = geometry[l];
            ConvKernels.im2col(source, strides, sourceActivation, colStore[l], g, b);
            PhaseTimer.lap("conv.fwd.im2col");
            Nd4j.gemm(col[l], paramTable.get(ConvEncoder.w(l)), z[l], false, false, 1.0, 0.0);
            PhaseTimer.lap("conv.fwd.gemm");
            activation[l] = training ? batchNorm(l, (int) g.outRows(b)) : inferenceActivation(l);
            PhaseTimer.lap("conv.fwd.bn");
            source = zStore[l];
            strides = nhwcStrides(g.oh(), g.ow());
            sourceActivation = activation[l];
        }
        Geometry g = geometry[last()];
        int rows = (int) g.outRows(b);
        ConvKernels.activate(zStore[last()], actStore, rows, conf.channels(), activation[last()]);
        PhaseTimer.lap("conv.fwd.bn");
        forwardInput = inputs[0];
        activationsValid = training;
        return prefix(actStore, rows, conf.channels()).reshape('c', dims(b, g.oh(), g.ow(), conf.channels()))
                .permute(0, 3, 1, 2);
    }

    private long[] nhwcStrides(long h, long w) {
        long c = conf.channels();
        return new long[] {h * w * c, w * c, c, 1};
    }

    private int last() {
        return layers - 1;
    }

    /** Batch statistics of z[l], the running statistics' update, and the folded training activation. */
    private Activation batchNorm(int l, int rows) {
        int c = conf.channels();
        double[][] stats = ConvKernels.channelStatistics(zStore[l], rows, c);
        double[] mean = stats[0];
        double[] var = stats[1];
        double[] gamma = vector(ConvEncoder.gamma(l));
        double[] beta = vector(ConvEncoder.beta(l));
        double[] invStd = new double[c];
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int j = 0; j < c; j++) {
            invStd[j] = 1 / Math.sqrt(var[j] + ConvEncoder.EPS);
            scale[j] = gamma[j] * invStd[j];
            shift[j] = beta[j] - mean[j] * scale[j];
        }
        batchMean[l] = mean;
        batchInvStd[l] = invStd;
        // The running mean tracks the BIASED conv output (the bias was left out of z, see class comment).
        double d = ConvEncoder.DECAY;
        INDArray bias = paramTable.get(ConvEncoder.b(l));
        paramTable.get(ConvEncoder.mean(l)).muli(d).addi(row(mean).addi(bias).muli(1 - d));
        paramTable.get(ConvEncoder.var(l)).muli(d).addi(row(var).muli(1 - d));
        return new Activation(scale, shift);
    }

    /** Running statistics and the conv bias folded into one scale and shift per channel. */
    private Activation inferenceActivation(int l) {
        double[] gamma = vector(ConvEncoder.gamma(l));
        double[] beta = vector(ConvEncoder.beta(l));
        double[] bias = vector(ConvEncoder.b(l));
        double[] mean = vector(ConvEncoder.mean(l));
        double[] var = vector(ConvEncoder.var(l));
        int c = gamma.length;
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int j = 0; j < c; j++) {
            scale[j] = gamma[j] / Math.sqrt(var[j] + ConvEncoder.EPS);
            shift[j] = beta[j] + (bias[j] - mean[j]) * scale[j];
        }
        return new Activation(scale, shift);
    }

    private double[] vector(String key) {
        return paramTable.get(key).toDoubleVector();
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
            zStore = new INDArray[layers];
            gradStore = new INDArray[layers];
            long maxCol = 0;
            for (int l = 0; l < layers; l++) {
                long rows = geometry[l].outRows((int) b);
                colStore[l] = Nd4j.zeros(dataType, rows * geometry[l].colWidth());   // padding taps stay 0 forever
                zStore[l] = Nd4j.createUninitialized(dataType, rows * c);
                gradStore[l] = Nd4j.createUninitialized(dataType, rows * c);
                maxCol = Math.max(maxCol, rows * geometry[l].colWidth());
            }
            actStore = Nd4j.createUninitialized(dataType, geometry[last()].outRows((int) b) * c);
            dColStore = Nd4j.createUninitialized(dataType, maxCol);
            capacity = b;
        }
        col = new INDArray[layers];
        z = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            long rows = geometry[l].outRows((int) b);
            col[l] = prefix(colStore[l], rows, geometry[l].colWidth());
            z[l] = prefix(zStore[l], rows, c);
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
        }
        Gradient g = new DefaultGradient(gradView);
        for (Map.Entry<String, INDArray> e : gradTable.entrySet()) {
            g.setGradientFor(e.getKey(), e.getValue());
        }
        INDArray[] out = {inputGrad == null ? null : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGrad)};
        return new Pair<>(g, out);
    }

    private INDArray backward(INDArray eps) {
        int b = (int) bufferBatch;
        int c = conf.channels();
        int last = last();
        PhaseTimer.start();
        // NCHW epsilon -> the NHWC gradient matrix of the last layer's activations.
        Geometry lastGeometry = geometry[last];
        prefix(gradStore[last], lastGeometry.outRows(b), c)
                .reshape('c', dims(b, lastGeometry.oh(), lastGeometry.ow(), c)).assign(eps.permute(0, 2, 3, 1));
        PhaseTimer.lap("conv.bwd.layout");
        INDArray inputGrad = null;
        for (int l = last; l >= 0; l--) {
            Geometry geo = geometry[l];
            int rows = (int) geo.outRows(b);
            double[][] d = ConvKernels.batchNormReluBackward(gradStore[l], zStore[l], rows, c, activation[l],
                    batchMean[l], batchInvStd[l], vector(ConvEncoder.gamma(l)));
            gradTable.get(ConvEncoder.gamma(l)).assign(row(d[0]));
            gradTable.get(ConvEncoder.beta(l)).assign(row(d[1]));
            gradTable.get(ConvEncoder.b(l)).assign(row(d[2]));
            gradTable.get(ConvEncoder.mean(l)).assign(0);
            gradTable.get(ConvEncoder.var(l)).assign(0);
            PhaseTimer.lap("conv.bwd.bn+relu");
            INDArray g = prefix(gradStore[l], rows, c);
            Nd4j.gemm(col[l], g, gradTable.get(ConvEncoder.w(l)), true, false, 1.0, 0.0);
            PhaseTimer.lap("conv.bwd.gemm.dW");
            INDArray target;
            long[] ts;
            if (l > 0) {
                target = gradStore[l - 1];
                ts = nhwcStrides(geo.h(), geo.w());
            } else if (inputNeedsGradient()) {
                inputGrad = Nd4j.createUninitialized(dataType, b, conf.inChannels(), conf.height(), conf.width());
                target = inputGrad;
                long hw = conf.height() * conf.width();
                ts = new long[] {conf.inChannels() * hw, conf.width(), 1, hw};
            } else {
                break;
            }
            INDArray dCol = prefix(dColStore, rows, geo.colWidth());
            Nd4j.gemm(g, paramTable.get(ConvEncoder.w(l)), dCol, false, true, 1.0, 0.0);
            PhaseTimer.lap("conv.bwd.gemm.dX");
            ConvKernels.col2im(dColStore, target, ts, geo, b);
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
