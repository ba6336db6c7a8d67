package org.relnet.data.babi;

import java.util.List;

/**
 * One question with its story, the unit both text models train on (bAbI and Dialog-based LL alike).
 *
 * @param facts          the story's statements before the question, oldest first
 * @param factIds        the line id of each fact in its file (for printing; same length as facts)
 * @param question       the question sentence
 * @param answer         the answer word
 * @param supportIndices indices into {@code facts} of the supporting facts (empty when the format has none)
 * @param origin         where it came from, e.g. {@code qa1_..._train.txt:1 q3}
 */
public record QaExample(List<String> facts, List<Integer> factIds, String question, String answer,
                        List<Integer> supportIndices, String origin) {

    public QaExample {
        facts = List.copyOf(facts);
        factIds = List.copyOf(factIds);
        supportIndices = List.copyOf(supportIndices);
        if (facts.size() != factIds.size()) {
            throw new IllegalArgumentException("facts and factIds differ in length");
        }
    }

    /** The story as numbered lines, supporting facts marked with {@code *}, then question and answer. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < facts.size(); i++) {
            sb.append(supportIndices.contains(i) ? " * " : "   ")
              .append(String.format("%2d ", factIds.get(i))).append(facts.get(i)).append('\n');
        }
        sb.append("Q: ").append(question).append("  A: ").append(answer);
        if (!supportIndices.isEmpty()) {
            sb.append("  (supporting fact");
            for (int i : supportIndices) sb.append(' ').append(factIds.get(i));
            sb.append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() { return describe(); }
}
