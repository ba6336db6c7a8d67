package org.relnet.lenet;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.data.mnist.DigitBatches;
import org.relnet.train.SeekableIterator;

/**
 * Times and samples memory of the training iterations of one case, the same way for every case.
 *
 * <p>An iteration's time runs from the trainer asking for its batch ({@link #next()}, so building
 * the batch counts, as Caffe's data layer does) to DL4J reporting the update done
 * ({@link #iterationDone}). Evaluation, progress output and checkpoints happen between those two
 * points and are therefore not billed. Memory is sampled right after the first and every
 * {@code memoryEvery}-th update: JVM heap in use, the process's resident bytes ({@link Pointer#physicalBytes()}), the
 * bytes JavaCPP tracks ({@link Pointer#totalBytes()}; ND4J allocates its buffers outside that
 * accounting on CPU, so it stays near 0 there) and the ND4J workspaces of this thread (the
 * activation and working memory that scales with the batch).
 */
final class CaseMeter extends BaseTrainingListener implements SeekableIterator {
    private final DigitBatches batches;
    private final int memoryEvery;
    private final long[] stepNanos;
    private int steps;
    private long stepStart = -1;

    private double heapSum, physicalSum, javacppSum, workspaceSum;
    private long heapPeak, physicalPeak, workspacePeak;
    private int samples;

    CaseMeter(DigitBatches batches, int maxSteps, int memoryEvery) {
        this.batches = batches;
        this.memoryEvery = memoryEvery;
        this.stepNanos = new long[maxSteps];
    }

    // --- the iterator the trainer pulls batches from ---

    @Override
    public MultiDataSet next() {
        stepStart = System.nanoTime();
        return batches.next();
    }

    @Override public MultiDataSet next(int num) { stepStart = System.nanoTime(); return batches.next(num); }
    @Override public boolean hasNext() { return batches.hasNext(); }
    @Override public void seek(int epoch, long batch) { batches.seek(epoch, batch); }
    @Override public void reset() { batches.reset(); }
    @Override public boolean resetSupported() { return true; }
    @Override public boolean asyncSupported() { return false; }
    @Override public void setPreProcessor(MultiDataSetPreProcessor p) { batches.setPreProcessor(p); }
    @Override public MultiDataSetPreProcessor getPreProcessor() { return batches.getPreProcessor(); }

    // --- DL4J's callback after every update ---

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long end = System.nanoTime();
        if (stepStart >= 0 && steps < stepNanos.length) stepNanos[steps] = end - stepStart;
        stepStart = -1;
        steps++;
        if (steps == 1 || steps % memoryEvery == 0) sample(); // the first too, so even a short run has a figure
    }

    private void sample() {
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        long physical = Pointer.physicalBytes();
        long workspaces = workspaceBytes();
        heapSum += heap;
        physicalSum += physical;
        javacppSum += Pointer.totalBytes();
        workspaceSum += workspaces;
        heapPeak = Math.max(heapPeak, heap);
        physicalPeak = Math.max(physicalPeak, physical);
        workspacePeak = Math.max(workspacePeak, workspaces);
        samples++;
    }

    static long workspaceBytes() {
        long sum = 0;
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) sum += w.getCurrentSize();
        return sum;
    }

    int steps() { return Math.min(steps, stepNanos.length); }

    /** Milliseconds per 100 iterations in consecutive windows of {@code window} iterations (a last partial window included). */
    double[] msPer100(int window) {
        int n = steps();
        int windows = (n + window - 1) / window;
        double[] out = new double[windows];
        for (int w = 0; w < windows; w++) {
            int from = w * window, to = Math.min(n, from + window);
            long sum = 0;
            for (int i = from; i < to; i++) sum += stepNanos[i];
            out[w] = sum / 1e6 * 100.0 / (to - from);
        }
        return out;
    }

    double[] stepMillis() {
        return Arrays.stream(Arrays.copyOf(stepNanos, steps())).mapToDouble(x -> x / 1e6).toArray();
    }

    int samples() { return samples; }
    double meanHeap() { return samples == 0 ? Double.NaN : heapSum / samples; }
    double meanPhysical() { return samples == 0 ? Double.NaN : physicalSum / samples; }
    double meanJavacpp() { return samples == 0 ? Double.NaN : javacppSum / samples; }
    double meanWorkspace() { return samples == 0 ? Double.NaN : workspaceSum / samples; }
    long peakHeap() { return heapPeak; }
    long peakPhysical() { return physicalPeak; }
    long peakWorkspace() { return workspacePeak; }
}
