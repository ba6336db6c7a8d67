package org.relnet.data.clevr;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates images in blocks on a thread pool and hands the blocks to a sink IN ORDER on the
 * calling thread, with a bounded number in flight so memory stays small however large the dataset.
 * Blocks never straddle the train/test boundary.
 */
final class GenerationPipeline {
    private static final int BLOCK_IMAGES = 64;

    interface Sink {
        void accept(SceneGenerator.Block block) throws IOException;
    }

    private GenerationPipeline() {}

    /**
     * @throws CancellationException if the calling thread is interrupted; the interrupt flag is left set
     *     and the sink has seen only whole blocks
     */
    static GenerationStats run(SortOfClevr config, Sink sink) throws IOException {
        long start = System.nanoTime();
        SceneGenerator generator = new SceneGenerator(config);
        int threads = config.threads();
        int total = config.images(), boundary = config.trainImages();
        GenerationProgress progress = new GenerationProgress("Sort-of-CLEVR " + config.imageSize() + " px", total, config.showProgress());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sort-of-clevr-generator");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<SceneGenerator.Block>> inFlight = new ArrayDeque<>();
        int next = 0, done = 0;
        try {
            while (done < total) {
                while (next < total && inFlight.size() < 2 * threads) {
                    int end = Math.min(total, next + BLOCK_IMAGES);
                    if (next < boundary && end > boundary) end = boundary;
                    int first = next, count = end - next;
                    inFlight.add(pool.submit(() -> {
                        SceneGenerator.Block b = new SceneGenerator.Block(first, count, config.imageSize(), config.questionsPerImage());
                        for (int i = 0; i < count; i++) generator.generate(first + i, b, i);
                        return b;
                    }));
                    next = end;
                }
                if (Thread.currentThread().isInterrupted()) throw interrupted(done, total);
                SceneGenerator.Block block;
                try {
                    block = inFlight.removeFirst().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw interrupted(done, total);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException("generation failed", e.getCause());
                }
                sink.accept(block);
                done += block.count;
                progress.update(done);
            }
            progress.finish(done);
        } finally {
            pool.shutdownNow();
        }
        return new GenerationStats(total, (long) total * config.questionsPerImage(), (System.nanoTime() - start) / 1e9, threads);
    }

    private static CancellationException interrupted(int done, int total) {
        return new CancellationException("Sort-of-CLEVR generation interrupted after " + done + " of " + total
                + " images; nothing was kept");
    }
}
