package org.relnet.rn;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs native work on all cores. The kernel and the tests keep libnd4j at one OpenMP thread
 * ({@code OMP_NUM_THREADS=1}: its small element-wise ops are faster that way) and its platform helpers off
 * ({@code SD_FORBID_HELPERS}); convolutions, batch norm, layout changes and matrix products want every
 * core. Around each call the calling thread's OpenMP thread count is raised (oneDNN shares libnd4j's
 * OpenMP runtime) and, for libnd4j's own conv2d ops, helpers are allowed. The helper switch is process-wide
 * and put back to its start-up value, so a concurrent call elsewhere can at worst run one op on the slower
 * path, never compute something different.
 */
final class AllCores {

    private static final boolean HELPERS_AT_START_UP = Nd4j.getEnvironment().helpersAllowed();
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private AllCores() {
    }

    static void run(Runnable op) {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(CORES);
        Nd4j.getEnvironment().allowHelpers(true);
        try {
            op.run();
        } finally {
            Nd4j.getEnvironment().allowHelpers(HELPERS_AT_START_UP);
            ops.setOmpNumThreads(threads);
        }
    }
}
