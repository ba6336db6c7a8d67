package org.relnet.data.dialog;

import java.util.Objects;

/**
 * One line of a Dialog-based Language Learning file: {@code ID text<TAB>answer<TAB>reward}.
 *
 * @param id     story-local id (1-based; back to 1 starts a new episode)
 * @param text   the sentence: a statement, the teacher's question, or the teacher's feedback
 * @param answer the student's answer on a question line, {@code null} otherwise (the column is empty)
 * @param reward the reward column, 0 or 1; 1 marks feedback that the answer before it was right
 */
public record DialogLine(int id, String text, String answer, int reward) {
    public DialogLine {
        Objects.requireNonNull(text, "text");
    }

    public boolean isQuestion() { return answer != null; }
}
