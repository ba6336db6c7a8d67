package org.relnet.data.clevr;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny generator fully defined by integer arithmetic, so
 * the same seed gives the same scenes on every JVM and in the Python reference generator.
 * The n-th output (n = 1, 2, ...) of a generator seeded with s is {@code mix(s + n * GAMMA)},
 * which is how {@link SortOfClevr} derives per-image seeds without generating in order.
 */
final class SplitMix {
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix(long seed) { this.state = seed; }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound): the top 63 bits, rejecting the few values that would bias the modulo. */
    int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound; // a multiple of bound
        long u;
        do {
            u = nextLong() >>> 1;
        } while (u >= limit);
        return (int) (u % bound);
    }

    /** Uniform in [lo, hi] inclusive. */
    int nextInt(int lo, int hi) { return lo + nextInt(hi - lo + 1); }
}
