package org.relnet.train;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The update rule. Each maps to the DL4J updater of the same name with DL4J's default
 * hyperparameters except the learning rate, which always comes from the {@link LrSchedule}:
 * Adam (beta1 0.9, beta2 0.999, eps 1e-8, as in PyTorch), plain SGD, RMSProp (DL4J decay 0.95,
 * eps 1e-8; PyTorch's default decay is 0.99) and SGD with Nesterov momentum 0.9.
 * {@link #MOMENTUM} is SGD with classical momentum 0.9 as Caffe's solver does it
 * ({@link ClassicalMomentum}; DL4J has no such updater).
 */
public enum Optimizer {
    ADAM, SGD, RMSPROP, NESTEROV, MOMENTUM;

    /** A fresh DL4J updater configuration driven by {@code lr}. */
    public IUpdater toUpdater(ISchedule lr) {
        switch (this) {
            case ADAM: return new Adam(lr);
            case SGD: return new Sgd(lr);
            case RMSPROP: return new RmsProp(lr);
            case NESTEROV: return new Nesterovs(lr, 0.9);
            case MOMENTUM: return new ClassicalMomentum(lr, ClassicalMomentum.DEFAULT_MOMENTUM);
            default: throw new AssertionError(this);
        }
    }
}
