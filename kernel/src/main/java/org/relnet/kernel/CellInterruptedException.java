package org.relnet.kernel;

import java.util.List;

/** The cell was stopped (stop button, or IJAVA_TIMEOUT); earlier variables are kept. */
final class CellInterruptedException extends RuntimeException implements CellError {
    CellInterruptedException() {
        this(false);
    }

    CellInterruptedException(boolean timedOut) {
        super(timedOut ? "the cell ran longer than IJAVA_TIMEOUT and was stopped" : "the cell was interrupted");
    }

    @Override public String ename() { return "Interrupted"; }
    @Override public String evalue() { return getMessage(); }
    @Override public List<String> traceback() { return List.of("Interrupted: " + getMessage() + "; variables defined before it are kept."); }
}
