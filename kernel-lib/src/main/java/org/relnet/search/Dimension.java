package org.relnet.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One named hyperparameter and how it is drawn. Every dimension also maps its values to and from
 * the unit interval, which is the scaled space Bayesian optimisation models: a log-uniform
 * dimension maps through its logarithm, so "halfway" between 1e-6 and 1e-2 is 1e-4, not 5e-3.
 */
public sealed interface Dimension {
    String name();

    /** A value drawn from this dimension's distribution. */
    Object sample(RandomGenerator rng);

    /** Position of {@code value} in [0, 1]. */
    double toUnit(Object value);

    /** The value at position {@code u} in [0, 1] (clamped). */
    Object fromUnit(double u);

    /** Values a grid search visits; continuous dimensions are cut into {@code points} points. */
    List<Object> grid(int points);

    /** True when charts should put this dimension on a logarithmic axis. */
    default boolean logScale() {
        return false;
    }

    /** Values spread evenly in log10 between {@code low} and {@code high} (the papers' learning-rate range). */
    record LogUniform(String name, double low, double high) implements Dimension {
        public LogUniform {
            requireName(name);
            if (!(low > 0) || !(high > low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("log-uniform '" + name + "' needs 0 < low < high, got [" + low + ", " + high + "]");
            }
        }

        @Override public Object sample(RandomGenerator rng) {
            return fromUnit(rng.nextDouble());
        }

        @Override public double toUnit(Object value) {
            return (Math.log(asDouble(this, value)) - Math.log(low)) / (Math.log(high) - Math.log(low));
        }

        @Override public Object fromUnit(double u) {
            double v = Math.exp(Math.log(low) + clamp(u) * (Math.log(high) - Math.log(low)));
            return Math.min(high, Math.max(low, v));
        }

        @Override public List<Object> grid(int points) {
            return evenly(this, points);
        }

        @Override public boolean logScale() {
            return true;
        }
    }

    record Uniform(String name, double low, double high) implements Dimension {
        public Uniform {
            requireName(name);
            if (!(high > low) || Double.isInfinite(low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("uniform '" + name + "' needs finite low < high, got [" + low + ", " + high + "]");
            }
        }

        @Override public Object sample(RandomGenerator rng) {
            return fromUnit(rng.nextDouble());
        }

        @Override public double toUnit(Object value) {
            return (asDouble(this, value) - low) / (high - low);
        }

        @Override public Object fromUnit(double u) {
            return low + clamp(u) * (high - low);
        }

        @Override public List<Object> grid(int points) {
            return evenly(this, points);
        }
    }

    /** Integers {@code low..high}, both included. */
    record IntRange(String name, int low, int high) implements Dimension {
        public IntRange {
            requireName(name);
            if (high < low) throw new IllegalArgumentException("integer '" + name + "' needs low <= high, got [" + low + ", " + high + "]");
        }

        private long size() {
            return (long) high - low + 1;
        }

        @Override public Object sample(RandomGenerator rng) {
            return (int) (low + rng.nextLong(size()));
        }

        // Each integer owns an equal slice of [0, 1]; its centre is its position.
        @Override public double toUnit(Object value) {
            if (!(value instanceof Integer i)) throw new IllegalArgumentException("'" + name + "' expects an Integer, got " + describe(value));
            return (i - low + 0.5) / size();
        }

        @Override public Object fromUnit(double u) {
            return (int) Math.min(high, low + (long) Math.floor(clamp(u) * size()));
        }

        @Override public List<Object> grid(int points) {
            if (size() <= points) {
                List<Object> all = new ArrayList<>();
                for (int i = low; i <= high; i++) all.add(i);
                return all;
            }
            List<Object> out = new ArrayList<>();
            for (int k = 0; k < points; k++) {
                int v = (int) Math.round(low + (double) k * (high - low) / (points - 1));
                if (!out.contains(v)) out.add(v);
            }
            return out;
        }
    }

    /** One of a fixed list of values (numbers, strings or booleans), each equally likely. */
    record Choice(String name, List<Object> values) implements Dimension {
        public Choice {
            requireName(name);
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("choice '" + name + "' needs at least one value");
            for (Object v : values) {
                if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
                    throw new IllegalArgumentException("choice '" + name + "' holds " + describe(v) + "; only numbers, strings and booleans can be saved");
                }
            }
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("choice '" + name + "' lists a value twice: " + values);
            }
        }

        @Override public Object sample(RandomGenerator rng) {
            return values.get(rng.nextInt(values.size()));
        }

        // Choices become ordinal positions: crude for unordered categories, but keeps one GP for all.
        @Override public double toUnit(Object value) {
            int i = values.indexOf(value);
            if (i < 0) throw new IllegalArgumentException("'" + name + "' has no value " + describe(value) + "; values are " + values);
            return (i + 0.5) / values.size();
        }

        @Override public Object fromUnit(double u) {
            return values.get((int) Math.min(values.size() - 1, Math.floor(clamp(u) * values.size())));
        }

        @Override public List<Object> grid(int points) {
            return values;
        }

        @Override public boolean logScale() {
            double min = Double.MAX_VALUE, max = 0;
            for (Object v : values) {
                if (!(v instanceof Number n) || n.doubleValue() <= 0) return false;
                min = Math.min(min, n.doubleValue());
                max = Math.max(max, n.doubleValue());
            }
            return max / min >= 100;
        }
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "dimension name");
        if (name.isBlank()) throw new IllegalArgumentException("a dimension needs a non-blank name");
    }

    private static double clamp(double u) {
        return Math.max(0, Math.min(1, u));
    }

    private static double asDouble(Dimension d, Object value) {
        if (value instanceof Double v) return v;
        throw new IllegalArgumentException("'" + d.name() + "' expects a Double, got " + describe(value));
    }

    private static List<Object> evenly(Dimension d, int points) {
        if (points < 1) throw new IllegalArgumentException("a grid needs at least 1 point per dimension, got " + points);
        List<Object> out = new ArrayList<>();
        for (int k = 0; k < points; k++) out.add(d.fromUnit(points == 1 ? 0.5 : (double) k / (points - 1)));
        return out;
    }

    private static String describe(Object v) {
        return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
