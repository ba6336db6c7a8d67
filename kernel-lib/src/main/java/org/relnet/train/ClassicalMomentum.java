package org.relnet.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD with classical (heavy-ball) momentum as Caffe's {@code SGD} solver computes it:
 * {@code v = momentum * v - lr * g; w = w + v}. DL4J 1.0.0-M2.1 only ships Nesterov momentum
 * ({@code Nesterovs}), which evaluates the gradient at a look-ahead point and so takes different
 * steps: a study of Caffe's solver settings should not silently change the optimiser.
 *
 * <p>Note that the learning rate multiplies the gradient before it enters the velocity (Caffe's
 * form, not PyTorch's {@code v = mu v + g; w -= lr v}); with a decaying rate (the "inv" policy) the
 * two differ. Weight decay is not part of this rule: DL4J's {@code l2} adds {@code decay * w} to
 * the gradient before the updater sees it, which is where Caffe adds it too.
 *
 * <p>A plain bean (no-arg constructor, getters and setters) so DL4J's JSON configuration, and with
 * it {@code ModelSerializer}, can write and read it.
 */
public final class ClassicalMomentum implements IUpdater {
    private static final long serialVersionUID = 1L;
    public static final double DEFAULT_MOMENTUM = 0.9;

    private double learningRate = 0.01;
    private ISchedule learningRateSchedule;
    private double momentum = DEFAULT_MOMENTUM;

    public ClassicalMomentum() {}

    public ClassicalMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public ClassicalMomentum(ISchedule learningRateSchedule, double momentum) {
        this.learningRateSchedule = learningRateSchedule;
        this.momentum = momentum;
    }

    public double getLearningRate() { return learningRate; }
    public void setLearningRate(double lr) { this.learningRate = lr; }
    public ISchedule getLearningRateSchedule() { return learningRateSchedule; }
    public void setLearningRateSchedule(ISchedule s) { this.learningRateSchedule = s; }
    public double getMomentum() { return momentum; }
    public void setMomentum(double m) { this.momentum = m; }

    /** One velocity value per parameter. */
    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        ClassicalMomentumUpdater u = new ClassicalMomentumUpdater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        ClassicalMomentumUpdater u = new ClassicalMomentumUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public ClassicalMomentum clone() {
        ClassicalMomentum c = new ClassicalMomentum();
        c.learningRate = learningRate;
        c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        c.momentum = momentum;
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClassicalMomentum)) return false;
        ClassicalMomentum c = (ClassicalMomentum) o;
        return learningRate == c.learningRate && momentum == c.momentum
                && Objects.equals(learningRateSchedule, c.learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, momentum);
    }

    @Override
    public String toString() {
        return "ClassicalMomentum(lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate)
                + ", momentum=" + momentum + ")";
    }
}
