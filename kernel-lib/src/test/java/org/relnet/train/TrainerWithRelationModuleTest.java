package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.relnet.data.toy.ToyScenes;
import org.relnet.rn.StateRelationNet;

/** The Trainer drives graphs holding the RN block (a custom vertex with its own parameters) like any other. */
class TrainerWithRelationModuleTest {
    private final ToyScenes train = ToyScenes.generate(256, 4, 1);
    private final ToyScenes test = ToyScenes.generate(64, 4, 2);

    private static ComputationGraph rn() {
        return StateRelationNet.builder().objects(4, 6).question(6).g(16, 16).hidden(16, 16).answers(6).seed(1).build();
    }

    @Test
    void optimiserReachesTheRelationVertexAndResumeIsExact(@TempDir Path dir) {
        TrainConfig cfg = TrainConfig.builder().nesterov().lr(0.01).steps(24).evalEvery(8).seed(5).progress(false).build();
        ComputationGraph g = rn();
        INDArray before = g.getVertex("rn").params().dup();
        TrainResult straight = new Trainer(cfg).fit(g, train.batches(32, 3), test.evalSet("test"));
        SameDiffVertex conf = (SameDiffVertex) g.getConfiguration().getVertices().get("rn");
        assertInstanceOf(Nesterovs.class, conf.getUpdater(), "the config's optimiser replaced the builder's Adam");
        assertNotEquals(before, g.getVertex("rn").params(), "the RN block's own parameters were trained");

        TrainConfig withCkpt = cfg.toBuilder().checkpoint(dir.resolve("rn.zip")).build();
        TrainResult first = new Trainer(withCkpt).addListener(p -> {
            if (p.step() == 8) Thread.currentThread().interrupt();
            return TrainListener.Decision.CONTINUE;
        }).fit(rn(), train.batches(32, 3), test.evalSet("test"));
        assertTrue(Thread.interrupted());
        assertEquals(TrainResult.Status.INTERRUPTED, first.status());
        TrainResult resumed = new Trainer(withCkpt).fit(rn(), train.batches(32, 3), test.evalSet("test"));
        assertEquals(straight.history().removeColumns("wall_s").print(), resumed.history().removeColumns("wall_s").print());
        assertEquals(straight.model().params(), resumed.model().params());
    }
}
