package org.relnet.data.clevr;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset file is missing, truncated, corrupted or does not match its manifest. Names the file. */
public class DatasetFormatException extends IOException {
    private final Path file;

    public DatasetFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The offending file. */
    public Path file() { return file; }
}
