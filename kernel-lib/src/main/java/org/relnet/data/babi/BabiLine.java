package org.relnet.data.babi;

import java.util.List;
import java.util.Objects;

/**
 * One numbered line of a bAbI story: either a statement ("Mary moved to the bathroom.") or a
 * question with its answer and the ids of the statements that support the answer.
 *
 * @param id         the line's number inside its story (1-based, as in the file)
 * @param text       the sentence without the id (questions without the trailing space bAbI puts before the tab)
 * @param answer     the answer for a question, {@code null} for a statement
 * @param supportIds ids of the supporting statements of a question (empty for a statement)
 */
public record BabiLine(int id, String text, String answer, List<Integer> supportIds) {

    public BabiLine {
        Objects.requireNonNull(text, "text");
        supportIds = List.copyOf(supportIds);
    }

    public static BabiLine statement(int id, String text) {
        return new BabiLine(id, text, null, List.of());
    }

    public static BabiLine question(int id, String text, String answer, List<Integer> supportIds) {
        return new BabiLine(id, text, Objects.requireNonNull(answer, "answer"), supportIds);
    }

    public boolean isQuestion() { return answer != null; }
}
