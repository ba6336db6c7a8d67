package org.relnet.rn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.relnet.rn.BatchNormRelu.Activation;
import org.relnet.rn.NativeLoops.Mem;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;

/**
 * Runtime of a {@link ConvEncoder}: conv + batch norm + ReLU layers on channels-last (NHWC) arrays.
 *
 * <p>Per layer l: the raw conv output {@code z [batch, oh, ow, c]} ({@link Conv2d}: oneDNN), then batch
 * norm + ReLU giving the activation {@code act}, the next layer's input. Both are kept for backprop. In
 * float, batch norm + ReLU is oneDNN's fused primitive ({@link OneDnnBatchNormRelu}, which keeps the ReLU
 * mask for its backward); double precision folds it into one scale and shift per channel
 * ({@link BatchNormRelu}), whose backward recomputes the normalised values and the ReLU mask from z in one
 * fused pass. The image is copied to NHWC once (float: {@link OneDnnReorder}); the output is an NCHW view
 * of the last activation (what DL4J's layers give the RN block and the CNN+MLP flattening).
 *
 * <p>Batch norm in training uses batch statistics, so the conv bias cancels in the normalised output
 * and is not added (it only enters the running mean); its gradient is 0 (oneDNN path) or computed
 * anyway (Java loops: ~0).
 *
 * <p>All working arrays live outside DL4J's workspaces and are reused while the batch size stays
 * within the largest seen so far (like {@link RelationVertex}).
 */
final class ConvEncoderVertex extends HandWrittenVertex<ConvEncoder> {

    private final int layers;
    private final long[] outH;
    private final long[] outW;
    private final Conv2d[] convs;
    // Float batch norm + ReLU on oneDNN, per layer and shape; null: Java loops (BatchNormRelu).
    private final List<OneDnn.PerShape<OneDnnBatchNormRelu>> oneDnnBatchNorm;
    private final OneDnnBatchNormRelu[] lastBatchNorm;
    private final OneDnn.PerShape<OneDnnReorder> imageLayout; // null: ND4J's permuted assign

    private long capacity;
    private long bufferBatch = -1;
    // Flat stores sized for the largest batch so far; the 4-d arrays below are views of their prefixes.
    private INDArray imageStore;     // [b, h, w, cin]: the input image, NHWC
    private INDArray imageGradStore; // its gradient, when the input is not the network's image
    private INDArray[] zStore;       // [b, oh, ow, c]: raw conv output
    private INDArray[] actStore;     // [b, oh, ow, c]: batch norm + ReLU of z
    private INDArray[] gradStore;    // [b, oh, ow, c]: gradient w.r.t. act, then (Java loops: in place) w.r.t. z
    private INDArray[] dzStore;      // [b, oh, ow, c]: gradient w.r.t. z (oneDNN)
    private INDArray image;
    private INDArray imageGrad;
    private INDArray[] z;
    private INDArray[] act;
    private INDArray[] grad;
    private INDArray[] dz;

    // Per layer, from the last forward: the folded batch norm + ReLU, and (training) the batch statistics.
    private final Activation[] activation;
    private final double[][] batchMean;
    private final double[][] batchInvStd;
    private final INDArray[] batchMeanArray; // oneDNN's batch statistics (biased variance)
    private final INDArray[] batchVarArray;

    private INDArray forwardInput;
    private boolean activationsValid;

    ConvEncoderVertex(ConvEncoder conf, ComputationGraph graph, String name, int index, INDArray paramsView,
            boolean initializeParams, DataType dataType) {
        super(conf, graph, name, index, paramsView, initializeParams, dataType);
        layers = conf.layers();
        outH = new long[layers];
        outW = new long[layers];
        activation = new Activation[layers];
        batchMean = new double[layers][];
        batchInvStd = new double[layers][];
        convs = new Conv2d[layers];
        boolean oneDnn = dataType == DataType.FLOAT && Conv2d.ONEDNN_UNAVAILABLE == null;
        oneDnnBatchNorm = oneDnn ? new ArrayList<>() : null;
        imageLayout = oneDnn ? new OneDnn.PerShape<>(this) : null;
        lastBatchNorm = new OneDnnBatchNormRelu[layers];
        batchMeanArray = new INDArray[layers];
        batchVarArray = new INDArray[layers];
        long h = conf.height();
        long w = conf.width();
        for (int l = 0; l < layers; l++) {
            outH[l] = h = conf.outSide(h, l);
            outW[l] = w = conf.outSide(w, l);
            convs[l] = Conv2d.sameNhwc(conf.kernel(), conf.stride(l));
            if (oneDnn) {
                oneDnnBatchNorm.add(new OneDnn.PerShape<>(this));
                batchMeanArray[l] = Nd4j.create(DataType.FLOAT, conf.channels());
                batchVarArray[l] = Nd4j.create(DataType.FLOAT, conf.channels());
            }
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
        if (imageLayout != null && OneDnn.fitsIfPresent(in)) {
            OneDnnReorder toNhwc = imageLayout.get(in.shape(), () -> new OneDnnReorder(in.shape(), dnnl_nchw, dnnl_nhwc));
            AllCores.run(() -> toNhwc.run(in, image));
        } else {
            image.assign(in.permute(0, 2, 3, 1)); // casts too
        }
        PhaseTimer.lap("conv.fwd.layout");
        INDArray source = image;
        for (int l = 0; l < layers; l++) {
            convs[l].forward(source, kernel(paramTable, l), null, z[l]);
            PhaseTimer.lap("conv.fwd.conv");
            int rows = rows(l, b);
            if (oneDnnBatchNorm != null) {
                long[] shape = {b, conf.channels(), outH[l], outW[l]};
                OneDnnBatchNormRelu bn = oneDnnBatchNorm.get(l).get(shape, () -> new OneDnnBatchNormRelu(shape, ConvEncoder.EPS));
                INDArray gamma = paramTable.get(ConvEncoder.gamma(l));
                INDArray beta = paramTable.get(ConvEncoder.beta(l));
                if (training) {
                    lastBatchNorm[l] = bn;
                    bn.forward(z[l], gamma, beta, act[l], batchMeanArray[l], batchVarArray[l]);
                    Mem mean = Mem.ofVector(batchMeanArray[l], "batch mean");
                    Mem var = Mem.ofVector(batchVarArray[l], "batch variance");
                    updateRunningStatistics(l, mean::get, var::get);
                } else {
                    // The running mean tracks the biased conv output; z is unbiased (class comment).
                    INDArray mean = paramTable.get(ConvEncoder.mean(l)).sub(paramTable.get(ConvEncoder.b(l)));
                    bn.inference(z[l], gamma, beta, mean, paramTable.get(ConvEncoder.var(l)), act[l]);
                }
            } else {
                activation[l] = training ? batchNorm(l, rows) : inferenceActivation(l);
                BatchNormRelu.activate(zStore[l], actStore[l], rows, conf.channels(), activation[l]);
            }
            PhaseTimer.lap("conv.fwd.bn");
            source = act[l];
        }
        forwardInput = inputs[0];
        activationsValid = training;
        return act[last()].permute(0, 3, 1, 2);
    }

    private int last() {
        return layers - 1;
    }

    private int rows(int l, long b) {
        return (int) (b * outH[l] * outW[l]);
    }

    /** Layer l's weights (or their gradient) as the [k, k, cin, cout] view conv2d reads and writes. */
    private INDArray kernel(Map<String, INDArray> table, int l) {
        INDArray flat = table.get(ConvEncoder.w(l));
        if (flat.ordering() != 'c' || flat.elementWiseStride() != 1) {
            throw new IllegalStateException(ConvEncoder.w(l) + " must be a contiguous c-order view, got "
                    + flat.shapeInfoToString()); // a reshape would copy and gradients would be lost
        }
        int k = conf.kernel();
        return flat.reshape('c', k, k, conf.layerInChannels(l), conf.channels());
    }

    /** Batch statistics of z[l], the running statistics' update, and the folded training activation. */
    private Activation batchNorm(int l, int rows) {
        int c = conf.channels();
        double[][] stats = BatchNormRelu.channelStatistics(zStore[l], rows, c);
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
        updateRunningStatistics(l, j -> mean[(int) j], j -> var[(int) j]);
        return new Activation(scale, shift);
    }

    private void updateRunningStatistics(int l, LongToDoubleFunction batchMean, LongToDoubleFunction batchVar) {
        // The running mean tracks the BIASED conv output (the bias was left out of z, see class comment).
        double d = ConvEncoder.DECAY;
        Mem bias = param(ConvEncoder.b(l));
        Mem mean = param(ConvEncoder.mean(l));
        Mem var = param(ConvEncoder.var(l));
        for (int j = 0; j < conf.channels(); j++) {
            mean.put(j, d * mean.get(j) + (1 - d) * (batchMean.applyAsDouble(j) + bias.get(j)));
            var.put(j, d * var.get(j) + (1 - d) * batchVar.applyAsDouble(j));
        }
    }

    private Mem param(String key) {
        return Mem.ofVector(paramTable.get(key), key);
    }

    /** Sets a (per-channel) gradient to 0 without an ND4J op per call. */
    private void zeroGradient(String key) {
        Mem g = Mem.ofVector(gradTable.get(key), key);
        for (int j = 0; j < conf.channels(); j++) {
            g.put(j, 0);
        }
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
        long imageSize = conf.inChannels() * conf.height() * conf.width();
        if (b > capacity) {
            imageStore = Nd4j.createUninitialized(dataType, b * imageSize);
            imageGradStore = Nd4j.createUninitialized(dataType, b * imageSize);
            zStore = new INDArray[layers];
            actStore = new INDArray[layers];
            gradStore = new INDArray[layers];
            dzStore = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                long n = rows(l, b) * c;
                zStore[l] = Nd4j.createUninitialized(dataType, n);
                actStore[l] = Nd4j.createUninitialized(dataType, n);
                gradStore[l] = Nd4j.createUninitialized(dataType, n);
                dzStore[l] = oneDnnBatchNorm == null ? gradStore[l] : Nd4j.createUninitialized(dataType, n);
            }
            capacity = b;
        }
        image = prefix(imageStore, b, conf.height(), conf.width(), conf.inChannels());
        imageGrad = prefix(imageGradStore, b, conf.height(), conf.width(), conf.inChannels());
        z = new INDArray[layers];
        act = new INDArray[layers];
        grad = new INDArray[layers];
        dz = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            z[l] = prefix(zStore[l], b, outH[l], outW[l], c);
            act[l] = prefix(actStore[l], b, outH[l], outW[l], c);
            grad[l] = prefix(gradStore[l], b, outH[l], outW[l], c);
            dz[l] = prefix(dzStore[l], b, outH[l], outW[l], c);
        }
        bufferBatch = b;
        activationsValid = false;
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
        PhaseTimer.start();
        grad[last()].assign(eps.permute(0, 2, 3, 1));
        PhaseTimer.lap("conv.bwd.layout");
        for (int l = last(); l >= 0; l--) {
            if (oneDnnBatchNorm != null) {
                lastBatchNorm[l].backward(z[l], paramTable.get(ConvEncoder.gamma(l)), paramTable.get(ConvEncoder.beta(l)),
                        batchMeanArray[l], batchVarArray[l], grad[l], dz[l], gradTable.get(ConvEncoder.gamma(l)),
                        gradTable.get(ConvEncoder.beta(l)));
                zeroGradient(ConvEncoder.b(l)); // exactly 0 in exact arithmetic (class comment)
            } else {
                double[][] d = BatchNormRelu.backward(gradStore[l], zStore[l], rows(l, b), c, activation[l],
                        batchMean[l], batchInvStd[l], vector(ConvEncoder.gamma(l)));
                gradTable.get(ConvEncoder.gamma(l)).assign(row(d[0]));
                gradTable.get(ConvEncoder.beta(l)).assign(row(d[1]));
                gradTable.get(ConvEncoder.b(l)).assign(row(d[2]));
            }
            zeroGradient(ConvEncoder.mean(l));
            zeroGradient(ConvEncoder.var(l));
            PhaseTimer.lap("conv.bwd.bn+relu");
            INDArray dSource = l > 0 ? grad[l - 1] : inputNeedsGradient() ? imageGrad : null;
            convs[l].backward(l == 0 ? image : act[l - 1], kernel(paramTable, l), null, dz[l], dSource,
                    kernel(gradTable, l), null);
            PhaseTimer.lap("conv.bwd.conv");
        }
        if (!inputNeedsGradient()) {
            return null;
        }
        INDArray inputGrad = imageGrad.permute(0, 3, 1, 2).dup('c');
        return inputGrad.dataType() == inputs[0].dataType() ? inputGrad : inputGrad.castTo(inputs[0].dataType());
    }

    /** False when the input is the network's own input (an image): nobody consumes that gradient. */
    private boolean inputNeedsGradient() {
        if (inputVertices == null || inputVertices.length == 0) {
            return true;
        }
        GraphVertex source = graph.getVertices()[inputVertices[0].getVertexIndex()];
        return !source.isInputVertex();
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
