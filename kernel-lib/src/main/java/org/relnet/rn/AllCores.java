package org.relnet.rn;

import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs native work on all cores. The kernel and the tests keep libnd4j at one OpenMP thread
 * ({@code OMP_NUM_THREADS=1}: its small element-wise ops are faster that way); convolutions, batch norm,
 * layout changes and large matrix products want every core. Around each call the calling thread's OpenMP
 * thread count is raised (a per-thread setting; oneDNN shares libnd4j's OpenMP runtime) and put back.
 */
final class AllCores {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private AllCores() {
    }

    static void run(Runnable op) {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(CORES);
        try {
            op.run();
        } finally {
            ops.setOmpNumThreads(threads);
        }
    }
}
