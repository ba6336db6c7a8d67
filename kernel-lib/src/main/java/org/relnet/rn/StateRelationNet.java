package org.relnet.rn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * RN over state descriptions: the objects are given as feature vectors {@code [batch, n, d]} (no CNN),
 * optionally conditioned on a question {@code [batch, k]}; f_phi and the softmax follow the aggregate.
 * Small enough to train on a laptop CPU in seconds, which is what the teaching notebooks need.
 *
 * <pre>{@code
 * ComputationGraph rn = StateRelationNet.builder().objects(6, 10).question(11)
 *         .g(256, 256, 256, 256).hidden(256, 256).answers(10).build();
 * rn.fit(new INDArray[]{objects, question}, new INDArray[]{answersOneHot});
 * }</pre>
 */
public final class StateRelationNet extends ModelBuilder<StateRelationNet> {

    private long objectCount;
    private long objectSize;
    private int[] g = {256, 256, 256, 256};
    private RelationModule.Aggregation aggregation = RelationModule.Aggregation.SUM;

    private StateRelationNet() {
        super(new int[] {256, 256});
    }

    public static StateRelationNet builder() {
        return new StateRelationNet();
    }

    public StateRelationNet objects(long n, long d) {
        this.objectCount = n;
        this.objectSize = d;
        return this;
    }

    public StateRelationNet g(int... widths) {
        this.g = widths.clone();
        return this;
    }

    public StateRelationNet aggregation(RelationModule.Aggregation aggregation) {
        this.aggregation = aggregation;
        return this;
    }

    /** The RN block this model uses (also handy to inspect its sizes). */
    public RelationModule relationModule() {
        return RelationModule.builder().objects(objectCount, objectSize).question(questionSize).g(g)
                .aggregation(aggregation).build();
    }

    @Override
    public ComputationGraphConfiguration configuration() {
        GraphBuilder gb = newGraph();
        RelationModule rn = relationModule();
        if (questionSize > 0) {
            gb.addInputs(OBJECTS, QUESTION);
            gb.setInputTypes(InputType.recurrent(objectSize, objectCount, RNNFormat.NWC),
                    InputType.feedForward(questionSize));
            gb.addVertex("rn", rn, OBJECTS, QUESTION);
        } else {
            gb.addInputs(OBJECTS);
            gb.setInputTypes(InputType.recurrent(objectSize, objectCount, RNNFormat.NWC));
            gb.addVertex("rn", rn, OBJECTS);
        }
        addHead(gb, "rn");
        return gb.build();
    }
}
