package org.relnet.text;

import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * DL4J's ReshapeVertex with a declared output type. DL4J infers each layer's nIn from the type of its
 * input, and for embedding layers nIn is the vocabulary size, which no shape can tell; ReshapeVertex
 * also reports [n, S, d] as an NCW sequence where the RelationModule reads NWC objects.
 */
public class TypedReshapeVertex extends ReshapeVertex {
    private InputType declared;

    /** For JSON deserialisation. */
    public TypedReshapeVertex() { super(1); }

    public TypedReshapeVertex(int[] shape, int[] maskShape, InputType declared) {
        super('c', shape, maskShape);
        this.declared = declared;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) { return declared; }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(org.deeplearning4j.nn.graph.ComputationGraph graph,
            String name, int idx, org.nd4j.linalg.api.ndarray.INDArray paramsView, boolean initializeParams,
            org.nd4j.linalg.api.buffer.DataType networkDatatype) {
        return new Runtime(graph, name, idx, getReshapeOrder(), getNewShape(), getMaskShape(), networkDatatype);
    }

    /**
     * Reshape of ids feeding an embedding layer: that layer sends no gradient back, and none is needed.
     * A zero gradient (not null) goes on, because DL4J sums the gradients of an input read by several
     * vertices (the RN reads storyTime twice: position tag and age) and cannot add a null.
     */
    private static final class Runtime extends org.deeplearning4j.nn.graph.vertex.impl.ReshapeVertex {
        Runtime(org.deeplearning4j.nn.graph.ComputationGraph graph, String name, int idx, char order, int[] shape,
                int[] maskShape, org.nd4j.linalg.api.buffer.DataType dataType) {
            super(graph, name, idx, order, shape, maskShape, dataType);
        }

        @Override
        public org.nd4j.common.primitives.Pair<org.deeplearning4j.nn.gradient.Gradient, org.nd4j.linalg.api.ndarray.INDArray[]>
                doBackward(boolean tbptt, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr workspaceMgr) {
            if (epsilon == null) {
                org.nd4j.linalg.api.ndarray.INDArray in = inputs[0];
                return new org.nd4j.common.primitives.Pair<>(null, new org.nd4j.linalg.api.ndarray.INDArray[] {
                        workspaceMgr.create(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape())});
            }
            return super.doBackward(tbptt, workspaceMgr);
        }
    }

    @Override
    public TypedReshapeVertex clone() {
        return new TypedReshapeVertex(getNewShape().clone(), getMaskShape() == null ? null : getMaskShape().clone(), declared);
    }

    public InputType getDeclared() { return declared; }
    public void setDeclared(InputType t) { declared = t; }
}
