package org.relnet.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The user's Java namespace: a JShell whose snippets run in this JVM (see
 * {@link CellExecutionControl}). Splits a cell into snippets, keeps where each snippet came from so
 * errors point at cell lines, and returns the real value of a cell's last expression.
 */
final class JavaSession implements AutoCloseable {
    /** Where a snippet's first line sits: which cell (or file) and which line of it. */
    record Origin(String source, int firstLine) {}

    private final JShell shell;
    private final CellExecutionControl control;
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    JavaSession(KernelConfig config) {
        CellExecutionControl ctl = new CellExecutionControl(config.interruptGraceMillis(), config.timeoutMillis());
        this.control = ctl;
        this.shell = JShell.builder()
                .executionEngine(new ExecutionControlProvider() {
                    @Override public String name() { return "relnet-in-process"; }
                    @Override public ExecutionControl generate(ExecutionEnv env, Map<String, String> params) { return ctl; }
                }, Map.of())
                .compilerOptions(config.compilerOptions().toArray(String[]::new))
                .build();
        // JShell compiles against its own classpath, not the JVM's: give it kernel-lib, DL4J, this kernel.
        addToClasspath(System.getProperty("java.class.path"));
    }

    CellExecutionControl control() {
        return control;
    }

    void addToClasspath(String path) {
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) shell.addToClasspath(entry);
        }
    }

    /**
     * Runs every snippet of {@code code}; returns the real value of the last one if it is an
     * expression, else null. Throws {@link CompilationException}, {@link UserCodeException} or
     * {@link CellInterruptedException}.
     */
    Object eval(String code, String sourceName) {
        Object last = null;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int pos = 0;
        try {
            while (true) {
                pos = skipWhitespace(code, pos);
                if (pos >= code.length()) break;
                if (control.stopRequested()) throw new CellInterruptedException(control.timedOut());
                String rest = code.substring(pos);
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                if (info.completeness() == Completeness.EMPTY) {
                    // Only separators left (e.g. the ";{};" a magic call ends with): nothing to run.
                    if (info.remaining() == null || info.remaining().length() >= rest.length()) break;
                    pos = code.length() - info.remaining().length();
                    continue;
                }
                boolean complete = info.completeness().isComplete();
                String snippet = complete ? info.source() : rest;
                last = evalSnippet(snippet, code, pos, sourceName);
                if (!complete) break;
                pos = code.length() - info.remaining().length();
            }
        } finally {
            control.clearResults();
        }
        return last;
    }

    private Object evalSnippet(String snippet, String code, int offset, String sourceName) {
        List<SnippetEvent> events = shell.eval(snippet);
        Object value = null;
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) continue;
            Snippet s = ev.snippet();
            origins.put(s.id(), new Origin(sourceName, lineOf(code, offset)));
            if (ev.status() == Snippet.Status.REJECTED) {
                throw CompilationException.of(sourceName, code, offset, shell.diagnostics(s).toList(), snippet);
            }
            JShellException ex = ev.exception();
            if (ex != null) {
                if (control.stopRequested()) throw new CellInterruptedException(control.timedOut());
                if (ex instanceof UnresolvedReferenceException ure) {
                    throw new UserCodeException(unresolvedMessage(ure), null, this);
                }
                throw new UserCodeException(null, (EvalException) ex, this);
            }
            Object real = control.takeResult(ev.value());
            if (isExpression(s)) value = real;
        }
        return value;
    }

    private String unresolvedMessage(UnresolvedReferenceException ure) {
        Snippet s = ure.getSnippet();
        String names = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).toList().toString();
        return "'" + s.source().lines().findFirst().orElse("").strip() + "' uses names that are not defined yet: " + names;
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    Origin origin(String snippetId) {
        return origins.get(snippetId);
    }

    static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < code.length(); i++) {
            if (code.charAt(i) == '\n') line++;
        }
        return line;
    }

    private static int skipWhitespace(String code, int pos) {
        while (pos < code.length() && Character.isWhitespace(code.charAt(pos))) pos++;
        return pos;
    }

    /** Start offset of the snippet holding {@code cursor}, so analysis sees one snippet, as JShell expects. */
    private int snippetStart(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int pos = skipWhitespace(code, 0);
        while (pos < cursor) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code.substring(pos, cursor));
            if (!info.completeness().isComplete() || info.remaining().isBlank()) break;
            pos = skipWhitespace(code, cursor - info.remaining().length());
        }
        return Math.min(pos, cursor);
    }

    /** Tab completion: replacement texts and the [start, end) range they replace. */
    Completions complete(String code, int cursor) {
        int start = snippetStart(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(code.substring(start, cursor), cursor - start, anchor);
        Set<String> texts = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> texts.add(s.continuation()));
        suggestions.forEach(s -> texts.add(s.continuation()));
        return new Completions(new ArrayList<>(texts), start + anchor[0], cursor);
    }

    record Completions(List<String> matches, int start, int end) {}

    /** Shift-Tab: signature and javadoc of what is under the cursor, or the type of a variable. */
    String inspect(String code, int cursor) {
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        int start = snippetStart(code, Math.min(end, code.length()));
        String part = code.substring(start, end);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(part, part.length(), true);
        if (docs.isEmpty()) {
            // JShell documents a method only at its argument list: look as if the call were opened.
            docs = analysis.documentation(part + "(", part.length() + 1, true);
        }
        if (!docs.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                sb.append(d.signature()).append('\n');
                if (d.javadoc() != null && !d.javadoc().isBlank()) sb.append(d.javadoc().strip()).append("\n\n");
            }
            return sb.toString().strip();
        }
        int idStart = end;
        while (idStart > 0 && Character.isJavaIdentifierPart(code.charAt(idStart - 1))) idStart--;
        String name = code.substring(idStart, end);
        if (name.isEmpty()) return null;
        String type = shell.variables().filter(v -> v.name().equals(name)).map(v -> v.typeName()).reduce((a, b) -> b).orElse(null);
        return type == null ? null : name + " : " + type;
    }

    /** Jupyter's is_complete: "complete", "invalid", "unknown", or the indent of the next line. */
    String isComplete(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) return "    ";
            if (c == Completeness.UNKNOWN) return "invalid";
            if (c == Completeness.EMPTY) return "complete";
            rest = info.remaining();
        }
        return "complete";
    }

    /** Names of the user's variables, methods and types, for %who-style listings and tests. */
    List<String> variableNames() {
        return shell.variables().map(v -> v.name()).toList();
    }

    @Override
    public void close() {
        shell.close();
    }

    static String describe(Diag d) {
        return d.getMessage(Locale.ROOT);
    }
}
