package org.relnet.search;

/**
 * What a trial is asked to do: train with {@code config} using {@code seed} for all its
 * randomness. {@code budget} is the training length the strategy wants (e.g. ASHA's maximum
 * steps), or 0 when the objective decides.
 */
public record Trial(int index, Config config, long seed, long budget) {}
