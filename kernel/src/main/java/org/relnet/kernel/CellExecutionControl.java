package org.relnet.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs JShell snippets inside the kernel's own JVM on a dedicated cell thread, so results stay real
 * objects (a chart, a model) that can be rendered without serialisation, and so the stop button can
 * reach the code that is running.
 *
 * <p>Stopping follows the project's contract: {@link #interrupt()} first interrupts the cell thread
 * (library loops check the flag and return cleanly); if the snippet has not returned after the grace
 * period the thread is force-stopped with {@link Thread#stop()}. That works on Java 17-19; on JDK 20+
 * {@code Thread.stop} throws, and only the cooperative interrupt remains.
 */
final class CellExecutionControl extends DirectExecutionControl {
    /** Cell threads live here, so {@link ExitGuard} can tell user code from the kernel's own threads. */
    static final ThreadGroup CELL_GROUP = new ThreadGroup("relnet-cells");

    private final long graceMillis;
    private final long timeoutMillis;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(new Thread(r, "relnet-cell-watchdog")));
    private final AtomicInteger threadCount = new AtomicInteger();

    private volatile ExecutorService cellExecutor;
    private volatile Thread cellThread;
    private volatile boolean stopRequested;
    private volatile boolean timedOut;

    CellExecutionControl(long graceMillis, long timeoutMillis) {
        this.graceMillis = graceMillis;
        this.timeoutMillis = timeoutMillis;
        this.cellExecutor = newCellExecutor();
    }

    private ExecutorService newCellExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(CELL_GROUP, r, "relnet-cell-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static Thread daemon(Thread t) {
        t.setDaemon(true);
        return t;
    }

    /** The real value of a snippet, looked up by the key JShell reported as the snippet's value. */
    Object takeResult(String key) {
        return key == null || key.equals(NULL_KEY) ? null : results.remove(key);
    }

    void clearResults() {
        results.clear();
    }

    /** A new cell starts: forget the stop button pressed for an earlier one. */
    void beginCell() {
        stopRequested = false;
        timedOut = false;
    }

    /** True once the stop button was pressed during the current cell: its remaining snippets are skipped. */
    boolean stopRequested() {
        return stopRequested;
    }

    boolean timedOut() {
        return timedOut;
    }

    boolean isCellThread() {
        return Thread.currentThread() == cellThread;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (isCellThread()) {
            // eval() or a magic called from inside a running cell: already on the cell thread.
            try {
                return store(runSnippet(doitMethod));
            } catch (Throwable t) {
                return throwConvertedInvocationException(t);
            }
        }
        Future<Object> future = cellExecutor.submit(() -> {
            cellThread = Thread.currentThread();
            try {
                // Set before stopRequested is read: an interrupt either sees this thread or is seen here.
                if (stopRequested) throw new InterruptedException("interrupted before it started");
                return runSnippet(doitMethod);
            } finally {
                cellThread = null;
            }
        });
        try {
            Object value = timeoutMillis > 0 ? future.get(timeoutMillis, TimeUnit.MILLISECONDS) : future.get();
            return store(value);
        } catch (TimeoutException e) {
            timedOut = true;
            interrupt();
            return store(awaitAfterStop(future));
        } catch (ExecutionException e) {
            return throwConvertedInvocationException(e.getCause());
        }
    }

    private Object awaitAfterStop(Future<Object> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return throwConvertedInvocationException(e.getCause());
        }
    }

    private static Object runSnippet(Method doitMethod) throws Exception {
        try {
            return doitMethod.invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }

    /** JShell needs a non-null value string; this one maps back to null (the other keys are UUIDs). */
    private static final String NULL_KEY = "null";

    private String store(Object value) {
        if (value == null) return NULL_KEY;
        String key = UUID.randomUUID().toString();
        results.put(key, value);
        return key;
    }

    /** The stop button: cooperative interrupt now, force-stop after the grace period. */
    void interrupt() {
        stopRequested = true;
        Thread t = cellThread;
        if (t == null) return;
        t.interrupt();
        watchdog.schedule(() -> forceStop(t), graceMillis, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("removal")
    private void forceStop(Thread t) {
        if (cellThread != t || !t.isAlive()) return;
        KernelLog.warn("cell did not return within " + graceMillis + " ms of the interrupt; force-stopping it");
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            KernelLog.warn("this JDK cannot force-stop threads (JDK 20+): the cell keeps running until it checks its interrupt flag");
            return;
        }
        // The stopped thread may have been anywhere, even inside the executor's bookkeeping: use a fresh one.
        ExecutorService old = cellExecutor;
        cellExecutor = newCellExecutor();
        old.shutdown();
    }

    @Override
    public void stop() {
        interrupt();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        cellExecutor.shutdownNow();
        super.close();
    }
}
