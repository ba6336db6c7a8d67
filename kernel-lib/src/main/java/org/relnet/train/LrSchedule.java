package org.relnet.train;

import java.io.Serializable;
import java.util.Locale;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The learning rate as a function of the training step {@code t = 0, 1, 2, ...} (the step about to
 * be taken; step 0 is the first update).
 *
 * <ul>
 *   <li>{@link #constant(double) constant}: {@code lr(t) = base}.</li>
 *   <li>{@link #stepDecay(double, double, int) step decay}: {@code lr(t) = base * factor^floor(t / every)},
 *       e.g. "x0.5 every 1000 steps" is {@code stepDecay(base, 0.5, 1000)}.</li>
 *   <li>{@link #inv(double, double, double) inv} (Caffe's "inv" policy):
 *       {@code lr(t) = base * (1 + gamma * t)^(-power)}; Caffe's LeNet uses gamma 1e-4, power 0.75,
 *       the parameter-study paper gamma 1e-3, power 0.75.</li>
 * </ul>
 *
 * <p>The trainer hands {@link #toDl4j()} to the DL4J updater as an iteration schedule and keeps the
 * graph's iteration counter equal to the trainer's step, so the rate DL4J applies at step t is
 * exactly {@link #valueAt(long) valueAt(t)}. Immutable.
 */
public final class LrSchedule implements Serializable {
    private static final long serialVersionUID = 1L;

    private enum Kind { CONSTANT, STEP, INV }

    private final Kind kind;
    private final double base;
    private final double factor;   // step decay factor, or inv gamma
    private final double every;    // step decay period, or inv power

    private LrSchedule(Kind kind, double base, double factor, double every) {
        if (!(base > 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + base);
        }
        this.kind = kind;
        this.base = base;
        this.factor = factor;
        this.every = every;
    }

    /** The same rate at every step. */
    public static LrSchedule constant(double lr) {
        return new LrSchedule(Kind.CONSTANT, lr, 1, 1);
    }

    /** {@code base * factor^floor(t / everySteps)}: multiply by {@code factor} every {@code everySteps} steps. */
    public static LrSchedule stepDecay(double base, double factor, int everySteps) {
        if (!(factor > 0)) throw new IllegalArgumentException("step-decay factor must be > 0, got " + factor);
        if (everySteps < 1) throw new IllegalArgumentException("step-decay period must be >= 1 step, got " + everySteps);
        return new LrSchedule(Kind.STEP, base, factor, everySteps);
    }

    /** Caffe's "inv" policy: {@code base * (1 + gamma * t)^(-power)}. */
    public static LrSchedule inv(double base, double gamma, double power) {
        if (gamma < 0 || power < 0) {
            throw new IllegalArgumentException("inv schedule needs gamma >= 0 and power >= 0, got gamma "
                    + gamma + ", power " + power);
        }
        return new LrSchedule(Kind.INV, base, gamma, power);
    }

    /** The initial rate, {@code valueAt(0)}. */
    public double base() {
        return base;
    }

    /** The rate used for the update at step {@code t} (0-based). */
    public double valueAt(long t) {
        if (t < 0) throw new IllegalArgumentException("step must be >= 0, got " + t);
        switch (kind) {
            case CONSTANT: return base;
            case STEP: return base * Math.pow(factor, Math.floor(t / every));
            case INV: return base / Math.pow(1 + factor * t, every);
            default: throw new AssertionError(kind);
        }
    }

    /** The equivalent DL4J schedule, indexed by iteration (DL4J computes the same formulas). */
    public ISchedule toDl4j() {
        switch (kind) {
            case CONSTANT: return new FixedSchedule(base);
            case STEP: return new StepSchedule(ScheduleType.ITERATION, base, factor, every);
            case INV: return new InverseSchedule(ScheduleType.ITERATION, base, factor, every);
            default: throw new AssertionError(kind);
        }
    }

    /** The same kind of schedule starting from another base rate (what a learning-rate search varies). */
    public LrSchedule withBase(double newBase) {
        return new LrSchedule(kind, newBase, factor, every);
    }

    @Override
    public String toString() {
        switch (kind) {
            case CONSTANT: return String.format(Locale.ROOT, "constant(%g)", base);
            case STEP: return String.format(Locale.ROOT, "stepDecay(%g, x%g every %d steps)", base, factor, (long) every);
            default: return String.format(Locale.ROOT, "inv(%g, gamma %g, power %g)", base, factor, every);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LrSchedule)) return false;
        LrSchedule s = (LrSchedule) o;
        return kind == s.kind && base == s.base && factor == s.factor && every == s.every;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, base, factor, every);
    }
}
