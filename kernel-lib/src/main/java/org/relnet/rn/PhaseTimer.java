package org.relnet.rn;

import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Optional wall-clock breakdown of the RN block's phases, for the benchmark and for profiling
 * (-Drelnet.rn.profile=true). Off by default: timing forces ND4J to finish each op first.
 */
public final class PhaseTimer {

    static final boolean ENABLED = Boolean.getBoolean("relnet.rn.profile");
    private static final Map<String, long[]> TOTALS = new TreeMap<>();
    private static long last;

    private PhaseTimer() {
    }

    static void start() {
        if (ENABLED) {
            Nd4j.getExecutioner().commit();
            last = System.nanoTime();
        }
    }

    static void lap(String phase) {
        if (ENABLED) {
            Nd4j.getExecutioner().commit();
            long now = System.nanoTime();
            synchronized (TOTALS) {
                long[] t = TOTALS.computeIfAbsent(phase, k -> new long[2]);
                t[0] += now - last;
                t[1]++;
            }
            last = now;
        }
    }

    /** Milliseconds spent per phase since the last reset, e.g. "fwd.gemm=812.3 bwd.gemm=1650.0". */
    public static String report() {
        StringBuilder sb = new StringBuilder();
        synchronized (TOTALS) {
            TOTALS.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=')
                    .append(String.format("%.1f", v[0] / 1e6)));
        }
        return sb.toString();
    }

    public static void reset() {
        synchronized (TOTALS) {
            TOTALS.clear();
        }
    }
}
