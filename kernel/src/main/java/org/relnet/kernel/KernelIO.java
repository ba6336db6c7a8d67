package org.relnet.kernel;

import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/**
 * The base library's notebook streams, attached to one execute request at a time. While a cell runs
 * a pump flushes stdout/stderr every {@value #PUMP_MILLIS} ms, so output without a newline (progress
 * bars using '\r') shows live rather than at the end of the cell.
 */
final class KernelIO extends JupyterIO {
    static final long PUMP_MILLIS = 100;

    private volatile Thread pump;

    KernelIO() {
        super(StandardCharsets.UTF_8);
    }

    void attach(ShellReplyEnvironment env, boolean stdinEnabled) {
        setEnv(env);
        setJupyterInEnabled(stdinEnabled);
        Thread t = new Thread(this::pumpLoop, "relnet-output-pump");
        t.setDaemon(true);
        pump = t;
        t.start();
    }

    void detach(ShellReplyEnvironment env) {
        Thread t = pump;
        pump = null;
        if (t != null) t.interrupt();
        flush();
        retractEnv(env);
    }

    void flush() {
        // Through the PrintStreams: they lock, so a flush never races a write from the cell thread.
        out.flush();
        err.flush();
    }

    private void pumpLoop() {
        while (pump == Thread.currentThread()) {
            try {
                Thread.sleep(PUMP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }
}
