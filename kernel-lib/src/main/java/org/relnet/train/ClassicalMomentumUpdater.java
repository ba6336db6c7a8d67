package org.relnet.train;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The state and arithmetic of {@link ClassicalMomentum}. DL4J's contract: {@link #applyUpdater}
 * turns the gradient, in place, into the amount DL4J then subtracts from the parameters. Caffe's
 * velocity is {@code v = mu v - lr g} and it adds {@code v}; this class keeps {@code u = -v}
 * instead ({@code u = mu u + lr g}, parameters minus {@code u}), the same steps with DL4J's sign.
 */
public final class ClassicalMomentumUpdater implements GradientUpdater<ClassicalMomentum> {
    /** Key of the velocity in the updater state map (what checkpoints and ModelSerializer keep). */
    public static final String VELOCITY = "V";

    private final ClassicalMomentum config;
    private INDArray u;

    public ClassicalMomentumUpdater(ClassicalMomentum config) {
        this.config = config;
    }

    @Override
    public ClassicalMomentum getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (stateMap == null || !stateMap.containsKey(VELOCITY) || stateMap.size() != 1) {
            throw new IllegalStateException("classical momentum needs exactly the state key " + VELOCITY + ", got "
                    + (stateMap == null ? null : stateMap.keySet()));
        }
        u = stateMap.get(VELOCITY);
        if (initialize) u.assign(0);
    }

    @Override
    public Map<String, INDArray> getState() {
        return Collections.singletonMap(VELOCITY, u);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVectorOrScalar()) {
            throw new IllegalArgumentException("state view must be a row vector, got shape " + java.util.Arrays.toString(viewArray.shape()));
        }
        if (initialize) viewArray.assign(0);
        // A view, not a copy: DL4J saves and restores the updater through this flat array.
        u = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
        if (u == null) throw new IllegalStateException("cannot view the momentum state as the gradient's shape without a copy");
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (u == null) throw new IllegalStateException("updater state not set");
        double lr = config.getLearningRate(iteration, epoch);
        double mu = config.getMomentum();
        gradient.muli(lr);           // lr * g
        u.muli(mu).addi(gradient);   // u = mu u + lr g
        gradient.assign(u);          // DL4J subtracts this
    }
}
