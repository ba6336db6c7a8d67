package org.relnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;

import org.relnet.data.babi.TextFormatException;

/**
 * The malformed-file checks the bAbI and the dialog reader tests share: parse a text that must be
 * rejected and check that the message points at file and line (readers must never skip a bad line).
 */
public final class MalformedText {
    public static final String FILE = "bad.txt";

    private MalformedText() {}

    /** Parses {@code content} as {@value #FILE} with {@code parser} and returns the required failure. */
    public static TextFormatException malformed(BiConsumer<String, String> parser, String content) {
        return assertThrows(TextFormatException.class, () -> parser.accept(FILE, content),
                () -> "expected a TextFormatException for:\n" + content);
    }

    /** As {@link #malformed}, and the failure is at {@code line} with a message starting {@code "bad.txt:line: " + problem}. */
    public static TextFormatException assertRejectedAt(BiConsumer<String, String> parser, String content, int line,
                                                       String problem) {
        TextFormatException e = malformed(parser, content);
        assertEquals(FILE, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(FILE + ":" + line + ": " + problem), e.getMessage());
        return e;
    }
}
