package org.relnet.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The hyperparameter values of one trial, by dimension name, in the space's order. Immutable.
 * Typed getters fail with the name and actual type instead of a bare ClassCastException.
 */
public final class Config {
    private final Map<String, Object> values;

    Config(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A config built by hand (tests, re-running one known setting). */
    public static Config of(Map<String, ?> values) {
        return new Config(new LinkedHashMap<>(values));
    }

    public Object get(String name) {
        Object v = values.get(name);
        if (v == null) throw new IllegalArgumentException("config has no '" + name + "'; it has " + values.keySet());
        return v;
    }

    public double getDouble(String name) {
        Object v = get(name);
        if (v instanceof Number n) return n.doubleValue();
        throw wrongType(name, v, "a number");
    }

    public int getInt(String name) {
        Object v = get(name);
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return Math.toIntExact(((Number) v).longValue());
        throw wrongType(name, v, "an integer");
    }

    public String getString(String name) {
        Object v = get(name);
        if (v instanceof String s) return s;
        throw wrongType(name, v, "a string");
    }

    public boolean getBoolean(String name) {
        Object v = get(name);
        if (v instanceof Boolean b) return b;
        throw wrongType(name, v, "a boolean");
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private static IllegalArgumentException wrongType(String name, Object v, String wanted) {
        return new IllegalArgumentException("config '" + name + "' = " + v + " (" + v.getClass().getSimpleName() + ") is not " + wanted);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Config c && values.equals(c.values);
    }

    @Override public int hashCode() {
        return values.hashCode();
    }

    @Override public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        values.forEach((k, v) -> j.add(k + "=" + format(v)));
        return j.toString();
    }

    /** Short form for progress lines: learning rates print as 3.2e-04, not 3.2145678901e-4. */
    static String format(Object v) {
        if (v instanceof Double d) {
            double a = Math.abs(d);
            return (a != 0 && (a < 1e-2 || a >= 1e4)) ? String.format(Locale.ROOT, "%.2e", d) : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }
}
