package org.relnet.rn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * The non-relational baseline for state descriptions: an MLP over the concatenated objects (and the
 * question). Same inputs as {@link StateRelationNet}, so both train on the same iterator; it has to
 * learn every pairwise comparison separately for every slot, which is why it does worse on relations.
 */
public final class StateMlpBaseline extends ModelBuilder<StateMlpBaseline> {

    private long objectCount;
    private long objectSize;

    private StateMlpBaseline() {
        super(new int[] {256, 256, 256});
    }

    public static StateMlpBaseline builder() {
        return new StateMlpBaseline();
    }

    public StateMlpBaseline objects(long n, long d) {
        this.objectCount = n;
        this.objectSize = d;
        return this;
    }

    @Override
    public ComputationGraphConfiguration configuration() {
        if (objectCount <= 0 || objectSize <= 0) {
            throw new IllegalArgumentException("StateMlpBaseline: set objects(n, d), got n=" + objectCount
                    + ", d=" + objectSize);
        }
        GraphBuilder gb = newGraph();
        gb.addInputs(questionSize > 0 ? new String[] {OBJECTS, QUESTION} : new String[] {OBJECTS});
        InputType objects = InputType.recurrent(objectSize, objectCount, RNNFormat.NWC);
        if (questionSize > 0) {
            gb.setInputTypes(objects, InputType.feedForward(questionSize));
        } else {
            gb.setInputTypes(objects);
        }
        gb.addVertex("flat", new ReshapeVertex('c', new int[] {-1, (int) (objectCount * objectSize)}, null), OBJECTS);
        String in = "flat";
        if (questionSize > 0) {
            gb.addVertex("concat", new MergeVertex(), "flat", QUESTION);
            in = "concat";
        }
        addHead(gb, in);
        return gb.build();
    }
}
