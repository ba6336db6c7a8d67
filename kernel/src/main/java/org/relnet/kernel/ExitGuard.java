package org.relnet.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.security.Permission;

/**
 * Keeps {@code System.exit()} in a cell from killing the kernel: exit from a thread of
 * {@link CellExecutionControl#CELL_GROUP} (the cell thread and any thread it started) throws a
 * {@link SecurityException} that the notebook shows as an error; every other permission is granted.
 *
 * <p>Why a SecurityManager: it is the only hook the JDK gives before {@code Runtime.exit} starts the
 * shutdown sequence (a shutdown hook is too late, rewriting the source misses library calls). On
 * Java 17, the project's JDK, {@code System.setSecurityManager} is allowed without any flag, so
 * kernel.json does not pass {@code -Djava.security.manager=allow}: that flag makes JDK 24+ refuse
 * to start. On JDK 18-23 add the flag to kernel.json's argv to keep this protection; without it, and
 * on JDK 24+, the guard is not installed, a warning is logged and System.exit ends the kernel
 * (Jupyter then offers to restart it).
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {

    static boolean install() {
        PrintStream err = System.err;
        try {
            // Java 17 prints a deprecation warning for this call; it is expected, keep the log clean.
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            System.setSecurityManager(new ExitGuard());
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            KernelLog.warn("System.exit() in a cell will end the kernel on this JDK (" + Runtime.version()
                    + "): the SecurityManager is disabled; on JDK 18-23 add -Djava.security.manager=allow to kernel.json");
            return false;
        } finally {
            System.setErr(err);
        }
    }

    @Override
    public void checkExit(int status) {
        if (inCellThread()) {
            throw new SecurityException("System.exit(" + status + ") was blocked: it would end the kernel."
                    + " Use Kernel > Restart (or Shut Down) in Jupyter instead.");
        }
    }

    private static boolean inCellThread() {
        for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
            if (g == CellExecutionControl.CELL_GROUP) return true;
        }
        return false;
    }

    @Override
    public void checkPermission(Permission perm) {
        // Everything else is allowed: this is not a sandbox, only an exit guard.
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
    }
}
