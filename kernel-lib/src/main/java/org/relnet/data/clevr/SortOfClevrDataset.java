package org.relnet.data.clevr;

import java.util.Optional;

/** A generated or loaded Sort-of-CLEVR dataset: its configuration and the two splits. */
public final class SortOfClevrDataset {
    private final SortOfClevr config;
    private final ClevrSplit train, test;
    private final GenerationStats stats;

    SortOfClevrDataset(SortOfClevr config, ClevrSplit train, ClevrSplit test, GenerationStats stats) {
        this.config = config;
        this.train = train;
        this.test = test;
        this.stats = stats;
    }

    public SortOfClevr config() { return config; }
    public ClevrSplit train() { return train; }
    public ClevrSplit test() { return test; }

    /** Timing of the generation, when this dataset was generated in this JVM. */
    public Optional<GenerationStats> stats() { return Optional.ofNullable(stats); }

    @Override
    public String toString() {
        return "Sort-of-CLEVR " + config.imageSize() + "x" + config.imageSize() + " (seed " + config.seed() + "): "
                + train + "; " + test + stats().map(s -> "; generated: " + s).orElse("");
    }
}
