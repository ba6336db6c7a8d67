package org.relnet.rn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * The papers' CNN+MLP baseline: the same conv encoder as {@link VisualRelationNet}, its flattened
 * feature map concatenated with the question, then an MLP of 3 x 256 ReLU (50 % dropout after the 2nd)
 * and a softmax over the answers. Same inputs and outputs as the visual RN.
 */
public final class CnnMlpBaseline extends VisualModelBuilder<CnnMlpBaseline> {

    private CnnMlpBaseline() {
        super(new int[] {256, 256, 256});
    }

    public static CnnMlpBaseline builder() {
        return new CnnMlpBaseline();
    }

    @Override
    public ComputationGraphConfiguration configuration() {
        GraphBuilder gb = newGraph();
        String features = addEncoder(gb);
        long side = featureMapSize();
        gb.addVertex("flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(side, side, conv.channels())),
                features);
        gb.addVertex("concat", new MergeVertex(), "flat", QUESTION);
        addHead(gb, "concat");
        return gb.build();
    }
}
