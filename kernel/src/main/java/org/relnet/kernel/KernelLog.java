package org.relnet.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The kernel's own log, on the process's original stderr (Jupyter shows it in the server log).
 * Captured at class load, before cells redirect System.err to the notebook.
 */
public final class KernelLog {
    private static final PrintStream ERR = System.err;

    private KernelLog() {}

    public static void info(String message) {
        log("INFO", message);
    }

    public static void warn(String message) {
        log("WARN", message);
    }

    private static void log(String level, String message) {
        ERR.println("[relnet-kernel " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + "] " + message);
        ERR.flush();
    }
}
