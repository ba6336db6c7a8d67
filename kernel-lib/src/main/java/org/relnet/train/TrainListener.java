package org.relnet.train;

/**
 * Sees every evaluation as it happens and decides whether training goes on. Early-stopping search
 * strategies (successive halving, ASHA) return {@link Decision#STOP} for trials they prune.
 */
@FunctionalInterface
public interface TrainListener {
    enum Decision { CONTINUE, STOP }

    Decision onEvaluation(EvalPoint point);
}
