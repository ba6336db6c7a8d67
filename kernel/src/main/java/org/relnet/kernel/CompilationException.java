package org.relnet.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;

/** A cell that does not compile; each message names the cell line and column and shows the line. */
final class CompilationException extends RuntimeException implements CellError {
    private final List<String> traceback;

    private CompilationException(String message, List<String> traceback) {
        super(message);
        this.traceback = traceback;
    }

    /**
     * @param code    the whole cell (or file) the snippet came from
     * @param offset  where the snippet starts in {@code code}
     */
    static CompilationException of(String sourceName, String code, int offset, List<Diag> diags, String snippet) {
        List<String> lines = new ArrayList<>();
        String first = null;
        List<Diag> errors = diags.stream().filter(Diag::isError).toList();
        if (errors.isEmpty()) errors = diags;
        for (Diag d : errors) {
            long pos = Math.max(0, d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition());
            long end = Math.max(pos + 1, d.getEndPosition());
            int abs = (int) Math.min(code.length(), offset + pos);
            int lineStart = code.lastIndexOf('\n', abs - 1) + 1;
            int lineEnd = code.indexOf('\n', abs);
            if (lineEnd < 0) lineEnd = code.length();
            int line = JavaSession.lineOf(code, abs);
            int column = abs - lineStart + 1;
            String msg = d.getMessage(Locale.ROOT);
            String head = "Compile error in " + sourceName + ", line " + line + ", column " + column + ": " + msg.lines().findFirst().orElse(msg);
            if (first == null) first = head;
            lines.add(head);
            msg.lines().skip(1).forEach(l -> lines.add("    " + l.strip()));
            String src = code.substring(lineStart, lineEnd);
            String gutter = String.format("%5d | ", line);
            lines.add(gutter + src);
            int width = (int) Math.max(1, Math.min(end - pos, lineEnd - abs));
            lines.add(" ".repeat(gutter.length() - 2) + "| " + " ".repeat(column - 1) + "^".repeat(width));
        }
        if (first == null) {
            first = "Compile error in " + sourceName + ": the snippet was rejected: " + snippet.lines().findFirst().orElse("");
            lines.add(first);
        }
        return new CompilationException(first, lines);
    }

    @Override public String ename() { return "CompilationException"; }
    @Override public String evalue() { return getMessage(); }
    @Override public List<String> traceback() { return traceback; }
}
