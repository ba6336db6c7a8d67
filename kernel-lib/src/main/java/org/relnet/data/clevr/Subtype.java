package org.relnet.data.clevr;

import java.util.Arrays;
import java.util.List;

/**
 * The six questions one can ask about an object, three per {@link QuestionType}.
 * {@link #index()} (0..2) is the position in the question vector's subtype one-hot;
 * {@link #ordinal()} (0..5) is the category used for per-subtype accuracy.
 */
public enum Subtype {
    SHAPE(QuestionType.NON_RELATIONAL, 0, "shape"),
    LEFT(QuestionType.NON_RELATIONAL, 1, "left?"),
    TOP(QuestionType.NON_RELATIONAL, 2, "top?"),
    CLOSEST_SHAPE(QuestionType.RELATIONAL, 0, "closest shape"),
    FARTHEST_SHAPE(QuestionType.RELATIONAL, 1, "farthest shape"),
    COUNT_SAME_SHAPE(QuestionType.RELATIONAL, 2, "count same shape");

    public static final int COUNT = 6;

    private final QuestionType type;
    private final int index;
    private final String label;

    Subtype(QuestionType type, int index, String label) {
        this.type = type;
        this.index = index;
        this.label = label;
    }

    public QuestionType type() { return type; }

    /** Position within its type, 0..2. */
    public int index() { return index; }

    /** Short label for tables and charts. */
    public String label() { return label; }

    public static Subtype of(QuestionType type, int index) {
        if (index < 0 || index > 2) throw new IllegalArgumentException("subtype index " + index + " not in 0..2");
        return values()[type.ordinal() * 3 + index];
    }

    public static List<Subtype> of(QuestionType type) {
        return Arrays.stream(values()).filter(s -> s.type == type).toList();
    }
}
