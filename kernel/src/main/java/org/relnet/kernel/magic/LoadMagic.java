package org.relnet.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.relnet.kernel.RelNetKernel;

/**
 * {@code %load path}: runs a {@code .jsh}/{@code .jshell}/{@code .java}/{@code .ijava} file, or every
 * code cell of an {@code .ipynb}, in the session. Without an extension those are tried in turn.
 */
final class LoadMagic implements LineMagic<Void, RelNetKernel> {
    private static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".ipynb");

    @Override
    public Void eval(RelNetKernel kernel, List<String> args) throws Exception {
        if (args.size() != 1) throw new IllegalArgumentException("usage: %load <file>[.jsh|.jshell|.java|.ijava|.ipynb]");
        Path file = find(args.get(0));
        if (file.toString().endsWith(".ipynb")) {
            loadNotebook(kernel, file);
        } else {
            kernel.evalSource(Files.readString(file), file.getFileName().toString());
        }
        return null;
    }

    private static Path find(String name) {
        Path p = Path.of(name);
        if (Files.isRegularFile(p)) return p;
        for (String ext : EXTENSIONS) {
            Path withExt = Path.of(name + ext);
            if (Files.isRegularFile(withExt)) return withExt;
        }
        throw new IllegalArgumentException("%load: no file " + p.toAbsolutePath() + " (also tried " + String.join(", ", EXTENSIONS) + ")");
    }

    private static void loadNotebook(RelNetKernel kernel, Path file) throws Exception {
        JsonObject nb;
        try {
            nb = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("%load: " + file + " is not a notebook (JSON): " + e.getMessage(), e);
        }
        JsonArray cells = nb.getAsJsonArray("cells");
        if (cells == null) throw new IllegalArgumentException("%load: " + file + " has no \"cells\" array");
        int n = 0;
        for (JsonElement c : cells) {
            n++;
            JsonObject cell = c.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) continue;
            JsonElement src = cell.get("source");
            String code;
            if (src.isJsonArray()) {
                StringBuilder sb = new StringBuilder();
                src.getAsJsonArray().forEach(l -> sb.append(l.getAsString()));
                code = sb.toString();
            } else {
                code = src.getAsString();
            }
            if (!code.isBlank()) kernel.evalSource(code, file.getFileName() + " cell " + n);
        }
    }
}
