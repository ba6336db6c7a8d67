package org.relnet.data.clevr;

import java.util.Locale;

/** Object shape. The answer vocabulary calls the square "rectangle" (as the original dataset does). */
public enum Shape {
    SQUARE, CIRCLE;

    public String word() { return name().toLowerCase(Locale.ROOT); }

    public static Shape of(int index) {
        if (index < 0 || index > 1) throw new IllegalArgumentException("shape index " + index + " not in 0..1");
        return values()[index];
    }
}
