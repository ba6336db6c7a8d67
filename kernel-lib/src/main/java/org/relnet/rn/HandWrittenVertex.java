package org.relnet.rn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A graph vertex whose forward and backward passes are written by hand (RN block, conv encoder,
 * memory network), configured by a {@link SameDiffVertex} so DL4J still counts, updates and
 * serialises its parameters. This class holds what all of them share: the parameters as views of
 * the graph's flat vector, the gradient views, and DL4J's parameter bookkeeping.
 */
public abstract class HandWrittenVertex<C extends SameDiffVertex> extends BaseGraphVertex {
    protected final C conf;
    protected final INDArray params;
    protected final Map<String, INDArray> paramTable;
    protected Map<String, INDArray> gradTable;
    protected INDArray gradView;

    protected HandWrittenVertex(C conf, ComputationGraph graph, String name, int index, INDArray paramsView,
            boolean initializeParams, DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.conf = conf;
        this.params = paramsView;
        this.paramTable = slice(paramsView);
        if (initializeParams) {
            conf.initializeParameters(paramTable);
        }
    }

    /**
     * Views (never copies: the updater and the gradient checks must see these very arrays) of a flat
     * vector, one per parameter key in the configuration's order.
     */
    private Map<String, INDArray> slice(INDArray flat) {
        INDArray vector = flat.reshape('c', new long[] {flat.length()});
        Map<String, INDArray> table = new LinkedHashMap<>();
        Map<String, long[]> shapes = conf.getVertexParams().getParamShapes();
        long offset = 0;
        for (String key : conf.getVertexParams().getParameterKeys()) {
            long[] shape = shapes.get(key);
            long len = shape[0] * shape[1];
            INDArray view = vector.get(NDArrayIndex.interval(offset, offset + len)).reshape('c', shape);
            if (!view.isView()) {
                throw new IllegalStateException(getClass().getSimpleName() + ": parameter " + key
                        + " is not a view of the flat parameter vector");
            }
            table.put(key, view);
            offset += len;
        }
        return table;
    }

    /**
     * The first elements of a flat working buffer (sized for the largest batch so far) as a c-order view of
     * {@code shape}: the vertices reuse one buffer for every smaller batch.
     */
    protected static INDArray prefix(INDArray flat, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return flat.get(NDArrayIndex.interval(0, n)).reshape('c', shape);
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        this.gradView = view;
        this.gradTable = slice(view);
    }

    /** Masks, where a vertex takes them, arrive as inputs; the output is one row per example. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropOnly) {
        return paramTable;
    }

    @Override
    public TrainingConfig getConfig() {
        return conf;
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradView;
    }
}
