package org.relnet.data.babi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The line layer shared by the bAbI and the Dialog-based LL formats: {@code ID text} lines whose ids
 * count up from 1 inside a story and return to 1 when a new story starts; the text is split on tabs.
 *
 * @param lineNo 1-based line number in the file
 * @param id     the story-local id
 * @param fields the text after {@code "ID "} split on tabs (trailing empty fields kept)
 */
public record NumberedLine(int lineNo, int id, List<String> fields) {

    /** Reads all lines, checking ids; each inner list is one story. */
    public static List<List<NumberedLine>> readStories(String file, Reader in) throws IOException {
        List<List<NumberedLine>> stories = new ArrayList<>();
        List<NumberedLine> current = null;
        BufferedReader reader = new BufferedReader(in);
        String raw;
        int lineNo = 0;
        while ((raw = reader.readLine()) != null) {
            lineNo++;
            NumberedLine line = parse(file, lineNo, raw);
            if (line.id() == 1) {
                current = new ArrayList<>();
                stories.add(current);
            } else if (current == null) {
                throw new TextFormatException(file, lineNo, "the first line must have id 1, found " + line.id());
            } else {
                int previous = current.get(current.size() - 1).id();
                if (line.id() != previous + 1) {
                    throw new TextFormatException(file, lineNo, "id " + line.id() + " does not follow id "
                            + previous + " (expected " + (previous + 1) + ", or 1 to start a new story)");
                }
            }
            current.add(line);
        }
        if (stories.isEmpty()) {
            throw new TextFormatException(file, Math.max(lineNo, 1), "no story lines in the file");
        }
        return stories;
    }

    static NumberedLine parse(String file, int lineNo, String raw) {
        if (raw.endsWith("\r")) raw = raw.substring(0, raw.length() - 1);
        int space = raw.indexOf(' ');
        if (raw.isBlank()) {
            throw new TextFormatException(file, lineNo, "empty line (every line must be 'ID text')");
        }
        if (space <= 0) {
            throw new TextFormatException(file, lineNo, "expected 'ID text' with a numeric id and a space, got '"
                    + abbreviate(raw) + "'");
        }
        String idText = raw.substring(0, space);
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw new TextFormatException(file, lineNo, "line id '" + abbreviate(idText) + "' is not a number");
        }
        if (id < 1) {
            throw new TextFormatException(file, lineNo, "line id must be >= 1, got " + id);
        }
        return new NumberedLine(lineNo, id, List.of(raw.substring(space + 1).split("\t", -1)));
    }

    /** A failure at this line. */
    public TextFormatException error(String file, String problem) {
        return new TextFormatException(file, lineNo, problem);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
