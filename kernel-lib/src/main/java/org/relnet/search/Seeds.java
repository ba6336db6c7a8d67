package org.relnet.search;

import java.util.SplittableRandom;

/**
 * Seeds derived from (study seed, purpose, trial index) instead of one shared generator, so the
 * values for trial k never depend on how many trials ran before it, in which order, or whether
 * the process was restarted in between. That is what makes a resumed study propose the same
 * configs and what makes results independent of the worker count.
 */
public final class Seeds {
    /** Stream of random configs. */
    public static final long CONFIG = 0x636f6e666967L;
    /** Stream of the seeds handed to trials for their own training randomness. */
    public static final long TRIAL = 0x747269616cL;

    private Seeds() {}

    public static long derive(long seed, long stream, long index) {
        return mix(mix(mix(seed) ^ stream) + index);
    }

    public static SplittableRandom rng(long seed, long stream, long index) {
        return new SplittableRandom(derive(seed, stream, index));
    }

    // SplitMix64's finaliser: a bijection that spreads nearby inputs over the whole 64-bit range.
    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
