package org.relnet.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/**
 * The named dimensions a study searches over, in a fixed order. Immutable; build with
 * {@code Space.builder().logUniform("lr", 1e-6, 1e-2).choice("batch", 64, 128, 256).build()}.
 */
public final class Space {
    private final List<Dimension> dimensions;
    private final Map<String, Dimension> byName;

    private Space(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
        Map<String, Dimension> m = new LinkedHashMap<>();
        for (Dimension d : dimensions) m.put(d.name(), d);
        this.byName = m;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    public Dimension dimension(String name) {
        Dimension d = byName.get(name);
        if (d == null) throw new IllegalArgumentException("space has no dimension '" + name + "'; it has " + byName.keySet());
        return d;
    }

    public int size() {
        return dimensions.size();
    }

    public Config sample(RandomGenerator rng) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Dimension d : dimensions) m.put(d.name(), d.sample(rng));
        return new Config(m);
    }

    /** The config as a point of the unit cube (see {@link Dimension#toUnit}). */
    public double[] toUnit(Config config) {
        double[] x = new double[dimensions.size()];
        for (int i = 0; i < x.length; i++) x[i] = dimensions.get(i).toUnit(config.get(dimensions.get(i).name()));
        return x;
    }

    public Config fromUnit(double[] x) {
        if (x.length != dimensions.size()) throw new IllegalArgumentException("point has " + x.length + " coordinates, space has " + dimensions.size() + " dimensions");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) m.put(dimensions.get(i).name(), dimensions.get(i).fromUnit(x[i]));
        return new Config(m);
    }

    /** Every combination of the dimensions' grid values; the first dimension varies slowest. */
    public List<Config> grid(int pointsPerContinuousDimension) {
        List<Map<String, Object>> partial = new ArrayList<>();
        partial.add(new LinkedHashMap<>());
        for (Dimension d : dimensions) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : partial) {
                for (Object v : d.grid(pointsPerContinuousDimension)) {
                    Map<String, Object> m = new LinkedHashMap<>(p);
                    m.put(d.name(), v);
                    next.add(m);
                }
            }
            partial = next;
        }
        List<Config> out = new ArrayList<>();
        for (Map<String, Object> m : partial) out.add(new Config(m));
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Space s && dimensions.equals(s.dimensions);
    }

    @Override public int hashCode() {
        return dimensions.hashCode();
    }

    @Override public String toString() {
        StringJoiner j = new StringJoiner(", ", "Space[", "]");
        for (Dimension d : dimensions) j.add(d.toString());
        return j.toString();
    }

    public static final class Builder {
        private final List<Dimension> dims = new ArrayList<>();

        private Builder() {}

        public Builder logUniform(String name, double low, double high) {
            return add(new Dimension.LogUniform(name, low, high));
        }

        public Builder uniform(String name, double low, double high) {
            return add(new Dimension.Uniform(name, low, high));
        }

        /** Integers from {@code low} to {@code high}, both included. */
        public Builder integer(String name, int low, int high) {
            return add(new Dimension.IntRange(name, low, high));
        }

        public Builder choice(String name, Object... values) {
            return add(new Dimension.Choice(name, Arrays.asList(values)));
        }

        public Builder add(Dimension d) {
            for (Dimension e : dims) {
                if (e.name().equals(d.name())) throw new IllegalArgumentException("space already has a dimension '" + d.name() + "'");
            }
            dims.add(d);
            return this;
        }

        public Space build() {
            if (dims.isEmpty()) throw new IllegalStateException("a space needs at least one dimension");
            return new Space(dims);
        }
    }
}
