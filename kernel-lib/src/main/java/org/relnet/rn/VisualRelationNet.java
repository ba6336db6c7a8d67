package org.relnet.rn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/**
 * The papers' visual RN for Sort-of-CLEVR: CNN (4 conv x 24 kernels, BN, ReLU) -> every feature-map
 * cell plus its (x, y) is an object -> RN block conditioned on the 11-dim question (g 4 x 256) ->
 * f_phi 256, 256 with 50 % dropout on the 2nd -> softmax over 10 answers. Adam lr 1e-4 by default.
 *
 * <pre>{@code
 * ComputationGraph rn75  = VisualRelationNet.builder().build();                        // 75 px, 25 objects
 * ComputationGraph rn128 = VisualRelationNet.builder().image(128).conv(ConvStack.coarse128px()).build();
 * // inputs: image [batch, 3, size, size] (NCHW), question [batch, 11]; output: answer [batch, 10]
 * }</pre>
 */
public final class VisualRelationNet extends VisualModelBuilder<VisualRelationNet> {

    private int[] g = {256, 256, 256, 256};
    private RelationModule.Aggregation aggregation = RelationModule.Aggregation.SUM;

    private VisualRelationNet() {
        super(new int[] {256, 256});
    }

    public static VisualRelationNet builder() {
        return new VisualRelationNet();
    }

    public VisualRelationNet g(int... widths) {
        this.g = widths.clone();
        return this;
    }

    public VisualRelationNet aggregation(RelationModule.Aggregation aggregation) {
        this.aggregation = aggregation;
        return this;
    }

    public RelationModule relationModule() {
        long side = featureMapSize();
        return RelationModule.builder().featureMap(conv.channels(), side, side).question(questionSize).g(g)
                .aggregation(aggregation).build();
    }

    @Override
    public ComputationGraphConfiguration configuration() {
        GraphBuilder gb = newGraph();
        String features = addEncoder(gb);
        gb.addVertex("rn", relationModule(), features, QUESTION);
        addHead(gb, "rn");
        return gb.build();
    }
}
