package org.relnet.search;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak memory while a trial runs: JVM heap in use, and ND4J's native buffers as JavaCPP counts
 * them ({@code Pointer.totalBytes()}: bytes it allocated; {@code Pointer.physicalBytes()}: the
 * process's resident size). DL4J keeps weights and activations off-heap, so heap alone would
 * miss most of a model. Without JavaCPP natives the off-heap figures are -1.
 */
final class MemoryProbe {
    private static volatile Boolean javacpp;

    private final AtomicLong heap = new AtomicLong(-1);
    private final AtomicLong offHeap = new AtomicLong(-1);
    private final AtomicLong physical = new AtomicLong(-1);

    void sample() {
        Runtime rt = Runtime.getRuntime();
        heap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        if (javacppAvailable()) {
            try {
                offHeap.accumulateAndGet(org.bytedeco.javacpp.Pointer.totalBytes(), Math::max);
                physical.accumulateAndGet(org.bytedeco.javacpp.Pointer.physicalBytes(), Math::max);
            } catch (LinkageError e) {
                javacpp = false;
            }
        }
    }

    long peakHeap() {
        return heap.get();
    }

    long peakOffHeap() {
        return offHeap.get();
    }

    long peakPhysical() {
        return physical.get();
    }

    private static boolean javacppAvailable() {
        Boolean b = javacpp;
        if (b == null) {
            try {
                Class.forName("org.bytedeco.javacpp.Pointer");
                b = true;
            } catch (ClassNotFoundException | LinkageError e) {
                b = false;
            }
            javacpp = b;
        }
        return b;
    }
}
