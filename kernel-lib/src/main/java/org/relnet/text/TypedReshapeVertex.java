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
    public TypedReshapeVertex clone() {
        return new TypedReshapeVertex(getNewShape().clone(), getMaskShape() == null ? null : getMaskShape().clone(), declared);
    }

    public InputType getDeclared() { return declared; }
    public void setDeclared(InputType t) { declared = t; }
}
