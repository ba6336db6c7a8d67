package org.relnet.data.babi;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads bAbI v1.2 task files ({@code en/}, {@code en-10k/}, any task), e.g.
 * <pre>
 * 1 Mary moved to the bathroom.
 * 2 John went to the hallway.
 * 3 Where is Mary? \tbathroom\t1
 * </pre>
 * A statement is {@code ID text}; a question is {@code ID question<TAB>answer<TAB>support ids}; a story
 * restarts when the id returns to 1. Any deviation (bad id, missing tab, non-numeric support id, a
 * support id that is not an earlier statement of the same story) throws a {@link TextFormatException}
 * naming file and line: nothing is skipped.
 */
public final class BabiReader {

    private BabiReader() {}

    public static List<BabiStory> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), in);
        }
    }

    /** Reads from any reader; {@code name} labels errors and examples. */
    public static List<BabiStory> read(String name, Reader in) throws IOException {
        List<BabiStory> stories = new ArrayList<>();
        for (List<NumberedLine> raw : NumberedLine.readStories(name, in)) {
            List<BabiLine> lines = new ArrayList<>();
            Set<Integer> statementIds = new HashSet<>();
            for (NumberedLine line : raw) {
                BabiLine parsed = parseLine(name, line, statementIds);
                if (!parsed.isQuestion()) statementIds.add(parsed.id());
                lines.add(parsed);
            }
            stories.add(new BabiStory(lines, name + ":" + raw.get(0).lineNo()));
        }
        return stories;
    }

    public static List<BabiStory> parse(String name, String content) {
        try {
            return read(name, new StringReader(content));
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
    }

    /** All question examples of a file, in file order. */
    public static List<QaExample> readExamples(Path file) throws IOException {
        return examples(read(file));
    }

    public static List<QaExample> examples(List<BabiStory> stories) {
        List<QaExample> out = new ArrayList<>();
        for (BabiStory s : stories) out.addAll(s.examples());
        return out;
    }

    private static BabiLine parseLine(String file, NumberedLine line, Set<Integer> statementIds) {
        List<String> f = line.fields();
        if (f.size() == 1) {
            String text = f.get(0).strip();
            if (text.isEmpty()) throw line.error(file, "statement " + line.id() + " has no text");
            return BabiLine.statement(line.id(), text);
        }
        if (f.size() != 3) {
            throw line.error(file, "a question line needs 3 tab-separated fields (question, answer, supporting ids), found "
                    + f.size());
        }
        String question = f.get(0).strip();
        String answer = f.get(1).strip();
        if (question.isEmpty()) throw line.error(file, "question " + line.id() + " has no text");
        if (answer.isEmpty()) throw line.error(file, "question " + line.id() + " has no answer");
        String supportText = f.get(2).strip();
        if (supportText.isEmpty()) throw line.error(file, "question " + line.id() + " has no supporting fact ids");
        List<Integer> support = new ArrayList<>();
        for (String token : supportText.split("\\s+")) {
            int id;
            try {
                id = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw line.error(file, "supporting fact id '" + token + "' is not a number");
            }
            if (id >= line.id()) {
                throw line.error(file, "supporting fact id " + id + " points forward: it must be an earlier line than question "
                        + line.id());
            }
            if (!statementIds.contains(id)) {
                throw line.error(file, "supporting fact id " + id + " is not a statement of this story (it is a question or does not exist)");
            }
            support.add(id);
        }
        return BabiLine.question(line.id(), question, answer, support);
    }
}
