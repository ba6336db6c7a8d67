package org.relnet.data.clevr;

import java.util.Locale;

/**
 * The six object colours of Sort-of-CLEVR, in the order used by the question one-hot, the state
 * vectors and the file format (index = {@link #ordinal()}). Every scene holds exactly one object
 * of each colour, so a colour names an object.
 */
public enum Colour {
    RED(255, 0, 0),
    BLUE(0, 0, 255),
    GREEN(0, 200, 0),
    ORANGE(255, 156, 0),
    YELLOW(255, 255, 0),
    GRAY(128, 128, 128);

    public static final int COUNT = 6;

    private final int r, g, b;

    Colour(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    public int red() { return r; }
    public int green() { return g; }
    public int blue() { return b; }

    /** 0xRRGGBB, as {@link java.awt.image.BufferedImage#setRGB} wants it. */
    public int rgb() { return (r << 16) | (g << 8) | b; }

    /** Lower-case English name ("gray"). */
    public String word() { return name().toLowerCase(Locale.ROOT); }

    public static Colour of(int index) {
        if (index < 0 || index >= COUNT) throw new IllegalArgumentException("colour index " + index + " not in 0..5");
        return values()[index];
    }
}
