package org.relnet.data.clevr;

/** How much a generation run made and how long it took (wall clock, all threads). */
public record GenerationStats(long images, long questions, double seconds, int threads) {
    public double imagesPerSecond() { return images / seconds; }

    public double questionsPerSecond() { return questions / seconds; }

    @Override
    public String toString() {
        return String.format("%d images + %d questions in %.2f s on %d threads: %.0f images/s, %.0f questions/s",
                images, questions, seconds, threads, imagesPerSecond(), questionsPerSecond());
    }
}
