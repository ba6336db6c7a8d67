package org.relnet.data.mnist;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that cannot be read as it claims to be; the message names the file and the problem. */
public final class IdxFormatException extends IOException {
    private final transient Path file;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
