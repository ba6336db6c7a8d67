package org.relnet.data.babi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bAbI story: the lines from one id 1 up to the next, in file order. Questions are asked partway
 * through; each question sees only the statements before it (earlier questions are not part of the
 * context, as in the bAbI papers).
 *
 * @param lines  the story's lines in order
 * @param source where the story starts, e.g. {@code qa1_single-supporting-fact_train.txt:16}
 */
public record BabiStory(List<BabiLine> lines, String source) {

    public BabiStory {
        lines = List.copyOf(lines);
    }

    public BabiStory(List<BabiLine> lines) { this(lines, "generated"); }

    /** One {@link QaExample} per question, with the statements before it as the story. */
    public List<QaExample> examples() {
        List<QaExample> out = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        List<Integer> factIds = new ArrayList<>();
        Map<Integer, Integer> indexOfId = new HashMap<>();
        for (BabiLine line : lines) {
            if (!line.isQuestion()) {
                indexOfId.put(line.id(), facts.size());
                facts.add(line.text());
                factIds.add(line.id());
                continue;
            }
            List<Integer> support = new ArrayList<>();
            for (int id : line.supportIds()) {
                Integer index = indexOfId.get(id);
                if (index == null) {
                    throw new IllegalStateException(source + ": question " + line.id()
                            + " cites id " + id + " which is not an earlier statement");
                }
                support.add(index);
            }
            out.add(new QaExample(facts, factIds, line.text(), line.answer(), support,
                    source + " q" + line.id()));
        }
        return out;
    }

    /** Records compare their source too; round trips compare the lines only. */
    public boolean sameLines(BabiStory other) { return lines.equals(other.lines); }
}
