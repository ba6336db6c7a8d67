package org.relnet.data.clevr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A question about the object of one colour.
 *
 * <p>Vector encoding ({@link #VECTOR_LENGTH} = 11 values, each 0 or 1):
 * <pre>
 *   [0..5]  colour one-hot   red, blue, green, orange, yellow, gray
 *   [6..7]  type one-hot     non-relational, relational
 *   [8..10] subtype one-hot  non-relational: shape, left?, top?
 *                            relational:     closest shape, farthest shape, count same shape
 * </pre>
 * On disk a question is one byte, its {@link #code()} = colour * 6 + subtype ordinal (0..35).
 */
public record Question(Colour colour, Subtype subtype) {
    public static final int VECTOR_LENGTH = 11;
    public static final int CODES = Colour.COUNT * Subtype.COUNT;

    private static final List<Question> ALL;
    static {
        List<Question> all = new ArrayList<>(CODES);
        for (Colour c : Colour.values()) for (Subtype s : Subtype.values()) all.add(new Question(c, s));
        ALL = List.copyOf(all);
    }

    public Question {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(subtype, "subtype");
    }

    public QuestionType type() { return subtype.type(); }

    /** All 36 questions, in code order. */
    public static List<Question> all() { return ALL; }

    public int code() { return colour.ordinal() * Subtype.COUNT + subtype.ordinal(); }

    public static Question ofCode(int code) {
        if (code < 0 || code >= CODES) throw new IllegalArgumentException("question code " + code + " not in 0..35");
        return ALL.get(code);
    }

    /** The 11-value one-hot vector described in the class comment. */
    public float[] toVector() {
        float[] v = new float[VECTOR_LENGTH];
        writeVector(v, 0);
        return v;
    }

    /** Writes the vector into {@code dst[offset .. offset+10]} (which must be zero already). */
    public void writeVector(float[] dst, int offset) {
        dst[offset + colour.ordinal()] = 1f;
        dst[offset + 6 + type().ordinal()] = 1f;
        dst[offset + 8 + subtype.index()] = 1f;
    }

    /** Inverse of {@link #toVector()}; rejects anything that is not exactly three one-hots. */
    public static Question fromVector(float[] v) {
        if (v.length != VECTOR_LENGTH) {
            throw new IllegalArgumentException("question vector has " + v.length + " values, expected 11");
        }
        int colour = oneHot(v, 0, 6, "colour");
        int type = oneHot(v, 6, 2, "type");
        int sub = oneHot(v, 8, 3, "subtype");
        return new Question(Colour.of(colour), Subtype.of(QuestionType.values()[type], sub));
    }

    private static int oneHot(float[] v, int from, int n, String part) {
        int hot = -1;
        for (int i = from; i < from + n; i++) {
            if (v[i] == 1f) {
                if (hot >= 0) throw new IllegalArgumentException(part + " part [" + from + ".." + (from + n - 1) + "] has more than one 1");
                hot = i - from;
            } else if (v[i] != 0f) {
                throw new IllegalArgumentException("question vector value " + v[i] + " at " + i + " is neither 0 nor 1");
            }
        }
        if (hot < 0) throw new IllegalArgumentException(part + " part [" + from + ".." + (from + n - 1) + "] has no 1");
        return hot;
    }

    /** The question in English, e.g. "What is the shape of the object closest to the red object?". */
    public String toEnglish() {
        String c = colour.word();
        return switch (subtype) {
            case SHAPE -> "Is the " + c + " object a circle or a rectangle?";
            case LEFT -> "Is the " + c + " object on the left of the image?";
            case TOP -> "Is the " + c + " object on the top of the image?";
            case CLOSEST_SHAPE -> "What is the shape of the object closest to the " + c + " object?";
            case FARTHEST_SHAPE -> "What is the shape of the object farthest from the " + c + " object?";
            case COUNT_SAME_SHAPE -> "How many objects have the same shape as the " + c + " object?";
        };
    }

    @Override
    public String toString() { return toEnglish(); }
}
