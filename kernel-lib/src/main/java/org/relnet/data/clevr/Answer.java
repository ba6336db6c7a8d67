package org.relnet.data.clevr;

import java.util.Locale;

/** The 10 answer classes; index = {@link #ordinal()} = position in the one-hot label. */
public enum Answer {
    YES("yes"), NO("no"), RECTANGLE("rectangle"), CIRCLE("circle"),
    ONE("1"), TWO("2"), THREE("3"), FOUR("4"), FIVE("5"), SIX("6");

    public static final int COUNT = 10;

    private final String word;

    Answer(String word) { this.word = word; }

    public String word() { return word; }

    public static Answer of(int index) {
        if (index < 0 || index >= COUNT) throw new IllegalArgumentException("answer index " + index + " not in 0..9");
        return values()[index];
    }

    public static Answer of(boolean yes) { return yes ? YES : NO; }

    public static Answer of(Shape shape) { return shape == Shape.SQUARE ? RECTANGLE : CIRCLE; }

    /** The count answers 1..6. */
    public static Answer count(int n) {
        if (n < 1 || n > 6) throw new IllegalArgumentException("count " + n + " not in 1..6");
        return values()[ONE.ordinal() + n - 1];
    }

    @Override
    public String toString() { return word.toLowerCase(Locale.ROOT); }
}
