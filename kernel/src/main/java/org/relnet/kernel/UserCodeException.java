package org.relnet.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.EvalException;

/**
 * An exception thrown by the user's code. The traceback lists the user's frames first, as cell
 * lines ("cell [3], line 2"), then the library frames they called into; JShell's and the kernel's
 * own frames are left out because nobody can act on them.
 */
final class UserCodeException extends RuntimeException implements CellError {
    private static final int MAX_LIBRARY_FRAMES = 12;
    private static final String[] INTERNAL = {
        "jdk.internal.", "java.lang.reflect.", "jdk.jshell.", "org.relnet.kernel.", "java.util.concurrent.FutureTask",
        "java.util.concurrent.ThreadPoolExecutor", "java.lang.Thread.run",
    };

    private final String ename;
    private final List<String> traceback = new ArrayList<>();

    UserCodeException(String message, EvalException ex, JavaSession session) {
        super(message != null ? message : ex.getMessage());
        if (ex == null) {
            this.ename = "UnresolvedReference";
            traceback.add(ename + ": " + message);
            return;
        }
        String cls = ex.getExceptionClassName();
        this.ename = cls.substring(cls.lastIndexOf('.') + 1);
        describe(ex, session, "");
    }

    private void describe(Throwable ex, JavaSession session, String prefix) {
        String cls = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
        traceback.add(prefix + cls + (ex.getMessage() != null ? ": " + ex.getMessage() : ""));
        List<String> user = new ArrayList<>();
        List<String> library = new ArrayList<>();
        for (StackTraceElement f : ex.getStackTrace()) {
            String file = f.getFileName();
            if (file != null && file.startsWith("#")) {
                user.add(userFrame(f, session));
            } else if (!isInternal(f)) {
                library.add("        at " + f);
            }
        }
        if (!user.isEmpty()) {
            traceback.add("    in your code:");
            traceback.addAll(user);
        }
        if (!library.isEmpty()) {
            traceback.add("    in libraries (innermost first):");
            traceback.addAll(library.subList(0, Math.min(MAX_LIBRARY_FRAMES, library.size())));
            if (library.size() > MAX_LIBRARY_FRAMES) traceback.add("        ... " + (library.size() - MAX_LIBRARY_FRAMES) + " more");
        }
        if (ex.getCause() != null && ex.getCause() != ex) describe(ex.getCause(), session, "Caused by: ");
    }

    private static String userFrame(StackTraceElement f, JavaSession session) {
        String id = f.getFileName().substring(1);
        JavaSession.Origin o = session.origin(id);
        String where = o == null ? "snippet " + id + ", line " + f.getLineNumber()
                : o.source() + ", line " + (o.firstLine() + Math.max(0, f.getLineNumber() - 1));
        String method = f.getMethodName();
        return "        at " + (method == null || method.isEmpty() || method.startsWith("do_it$") ? "" : method + ", ") + where;
    }

    private static boolean isInternal(StackTraceElement f) {
        String name = f.getClassName() + "." + f.getMethodName();
        for (String p : INTERNAL) if (name.startsWith(p)) return true;
        return false;
    }

    @Override public String ename() { return ename; }
    @Override public String evalue() { return getMessage() == null ? "" : getMessage(); }
    @Override public List<String> traceback() { return traceback; }
}
