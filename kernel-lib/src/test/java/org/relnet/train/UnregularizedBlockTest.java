package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class UnregularizedBlockTest {

    /** 5 -> 8 tanh (l2 on it when asked) -> 3 softmax, Adam. */
    private static ComputationGraph graph(double l2OnHidden) {
        DenseLayer.Builder hidden = new DenseLayer.Builder().nOut(8).activation(Activation.TANH);
        if (l2OnHidden > 0) {
            hidden.l2(l2OnHidden);
        }
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.FLOAT).updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .setInputTypes(InputType.feedForward(5))
                .addLayer("hidden", hidden.build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    private static void train(ComputationGraph g) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 12, 5);
        INDArray y = Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 4);
        for (int step = 0; step < 6; step++) {
            g.fit(new INDArray[] {x}, new INDArray[] {y});
        }
    }

    private static long replaced(ComputationGraph g) {
        return g.getUpdater().getUpdaterBlocks().stream().filter(b -> b instanceof UnregularizedBlock).count();
    }

    @Test
    void trainsExactlyLikeDl4jsBlocksWithoutRegularization() {
        ComputationGraph dl4j = graph(0);
        ComputationGraph ours = graph(0);
        UnregularizedBlock.replaceIn(ours.getUpdater(true));
        assertEquals(ours.getUpdater().getUpdaterBlocks().size(), replaced(ours));
        train(dl4j);
        train(ours);
        assertEquals(dl4j.params(), ours.params());
        assertEquals(dl4j.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray());
        assertFalse(dl4j.params().equalsWithEps(graph(0).params(), 1e-3), "the steps trained");
    }

    @Test
    void blocksWithRegularizationKeepDl4jsPass() {
        ComputationGraph dl4j = graph(0.5);
        ComputationGraph ours = graph(0.5);
        UnregularizedBlock.replaceIn(ours.getUpdater(true));
        UnregularizedBlock.replaceIn(ours.getUpdater(true)); // idempotent
        assertTrue(replaced(ours) < ours.getUpdater().getUpdaterBlocks().size(), "the l2 block stays DL4J's");
        train(dl4j);
        train(ours);
        assertEquals(dl4j.params(), ours.params());
        ComputationGraph unregularized = graph(0);
        train(unregularized);
        assertFalse(unregularized.params().equalsWithEps(ours.params(), 1e-4), "l2 was applied");
    }
}
