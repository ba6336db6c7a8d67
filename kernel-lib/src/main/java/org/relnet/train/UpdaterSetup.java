package org.relnet.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Puts a {@link TrainConfig}'s update rule, schedule and clipping into a built graph, whatever the
 * model builder chose, so every notebook trains under the same rules. Covers ordinary layers,
 * SameDiff layers and SameDiff vertices (the RN block), in both the live layers and the stored
 * configuration (the one ModelSerializer writes).
 */
final class UpdaterSetup {
    private UpdaterSetup() {}

    static void apply(ComputationGraph graph, TrainConfig config) {
        IUpdater updater = config.optimizer().toUpdater(config.schedule().toDl4j());
        GradientNormalization norm = GradientNormalization.None;
        double threshold = 0;
        if (config.clipNorm() > 0) {
            norm = GradientNormalization.ClipL2PerLayer;
            threshold = config.clipNorm();
        } else if (config.clipValue() > 0) {
            norm = GradientNormalization.ClipElementWiseAbsoluteValue;
            threshold = config.clipValue();
        }
        boolean setClip = norm != GradientNormalization.None;
        for (Object conf : layerConfigs(graph)) {
            if (conf instanceof BaseLayer) {
                BaseLayer l = (BaseLayer) conf;
                l.setIUpdater(updater.clone());
                l.setBiasUpdater(null);
                if (setClip) {
                    l.setGradientNormalization(norm);
                    l.setGradientNormalizationThreshold(threshold);
                }
            } else if (conf instanceof AbstractSameDiffLayer) {
                AbstractSameDiffLayer l = (AbstractSameDiffLayer) conf;
                l.setUpdater(updater.clone());
                l.setBiasUpdater(null);
                if (setClip) {
                    l.setGradientNormalization(norm);
                    l.setGradientNormalizationThreshold(threshold);
                }
            } else if (conf instanceof SameDiffVertex) {
                SameDiffVertex v = (SameDiffVertex) conf;
                v.setUpdater(updater.clone());
                v.setBiasUpdater(null);
                if (setClip) {
                    v.setGradientNormalization(norm);
                    v.setGradientNormalizationThreshold(threshold);
                }
            }
        }
        // The updater groups parameters into blocks by configuration: rebuild it from the new one.
        graph.setUpdater(null);
        UnregularizedBlock.replaceIn(graph.getUpdater(true));
    }

    private static List<Object> layerConfigs(ComputationGraph graph) {
        List<Object> out = new ArrayList<>();
        for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : graph.getVertices()) {
            if (v.hasLayer()) {
                out.add(v.getLayer().conf().getLayer());
            } else if (v instanceof Trainable) {
                out.add(((Trainable) v).getConfig());
            }
        }
        for (GraphVertex v : graph.getConfiguration().getVertices().values()) {
            if (v instanceof LayerVertex) {
                out.add(((LayerVertex) v).getLayerConf().getLayer());
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
