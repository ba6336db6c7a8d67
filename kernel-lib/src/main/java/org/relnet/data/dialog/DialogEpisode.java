package org.relnet.data.dialog;

import java.util.ArrayList;
import java.util.List;

import org.relnet.data.babi.QaExample;

/**
 * One dialog: statements, teacher questions with the student's answers, and the teacher's feedback,
 * which is the line right after each question. The feedback is not part of any later question's
 * story (it talks about the previous answer, not about the world).
 *
 * @param lines  the lines in file order
 * @param source where the episode starts ({@code file:line})
 */
public record DialogEpisode(List<DialogLine> lines, String source) {

    public DialogEpisode {
        lines = List.copyOf(lines);
    }

    /** A question turn: the QA example, the teacher's feedback line and its reward ({@code null}/0 if none). */
    public record Turn(QaExample example, String feedback, int reward) {
        @Override
        public String toString() {
            return example.describe() + (feedback == null ? "" : "\nTeacher: " + feedback + "  (reward " + reward + ")");
        }
    }

    public List<Turn> turns() {
        List<Turn> out = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        List<Integer> factIds = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            DialogLine line = lines.get(i);
            if (!line.isQuestion()) {
                facts.add(line.text());
                factIds.add(line.id());
                continue;
            }
            QaExample example = new QaExample(facts, factIds, line.text(), line.answer(), List.of(),
                    source + " q" + line.id());
            DialogLine next = i + 1 < lines.size() ? lines.get(i + 1) : null;
            if (next != null && !next.isQuestion()) {
                out.add(new Turn(example, next.text(), next.reward()));
                i++; // the feedback line is consumed here, so it never enters the story
            } else {
                out.add(new Turn(example, null, 0));
            }
        }
        return out;
    }

    /** The (story, question, answer) examples; the answer is the student's (in task 1 the expert's). */
    public List<QaExample> examples() {
        return turns().stream().map(Turn::example).toList();
    }
}
