package org.relnet.data.babi;

/**
 * A text QA file that does not follow its format. The message always starts with {@code file:line:}
 * so a user can open the file at the offending line; readers never skip a bad line silently.
 */
public class TextFormatException extends RuntimeException {
    private final String file;
    private final int line;

    public TextFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file name (or label) of the malformed input. */
    public String file() { return file; }

    /** 1-based line number in the file. */
    public int line() { return line; }
}
