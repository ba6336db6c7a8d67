package org.relnet.rn;

import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;

/** Helpers for the configurations of the hand-written vertices. */
final class VertexConfigs {
    private VertexConfigs() {
    }

    /**
     * Copies what DL4J sets on a vertex configuration after it is built (name, updaters,
     * regularisation, gradient normalisation, data type) — a {@code clone()} must carry these, or a
     * cloned graph trains with other settings than the original.
     */
    static <T extends SameDiffVertex> T withSettingsOf(SameDiffVertex from, T to) {
        to.setName(from.getName());
        to.setUpdater(from.getUpdater() == null ? null : from.getUpdater().clone());
        to.setBiasUpdater(from.getBiasUpdater() == null ? null : from.getBiasUpdater().clone());
        to.setRegularization(from.getRegularization());
        to.setRegularizationBias(from.getRegularizationBias());
        to.setGradientNormalization(from.getGradientNormalization());
        to.setGradientNormalizationThreshold(from.getGradientNormalizationThreshold());
        to.setDataType(from.getDataType());
        return to;
    }
}
