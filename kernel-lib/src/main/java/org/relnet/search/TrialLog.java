package org.relnet.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The study's append-only record on disk: one JSON object per line, a header line naming the
 * study, then one line per finished trial, each written whole and fsync'ed before the study goes
 * on. A crash can therefore only leave an incomplete LAST line (no newline yet); opening the log
 * detects it, warns, and cuts it off, so the trial it belonged to simply runs again. Any other
 * unreadable line is an error naming the file and line: the log is never half-trusted.
 */
final class TrialLog implements Closeable {
    static final String FILE = "trials.jsonl";
    private static final int FORMAT = 1;
    private static final System.Logger LOG = System.getLogger(TrialLog.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Space space;
    private final FileChannel channel;
    private final List<TrialResult> loaded;
    private final List<String> warnings;

    private TrialLog(Path file, Space space, FileChannel channel, List<TrialResult> loaded, List<String> warnings) {
        this.file = file;
        this.space = space;
        this.channel = channel;
        this.loaded = loaded;
        this.warnings = warnings;
    }

    /** Opens (or starts) the log in {@code dir}; fails if it was written by a different study. */
    static TrialLog open(Path dir, Space space, Goal goal, String strategy) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            List<String> warnings = new ArrayList<>();
            byte[] bytes = Files.readAllBytes(file);
            int end = lastNewline(bytes) + 1;
            if (end < bytes.length) {
                String msg = file + ": line " + (countLines(bytes, end) + 1) + " is incomplete (" + (bytes.length - end)
                        + " bytes, the process stopped while writing it); ignored, its trial will run again";
                LOG.log(System.Logger.Level.WARNING, msg);
                warnings.add(msg);
                ch.truncate(end);
                ch.force(true);
            }
            ch.position(end);
            TrialLog log;
            ObjectNode header = header(space, goal, strategy);
            if (end == 0) {
                log = new TrialLog(file, space, ch, List.of(), warnings);
                log.writeLine(header);
            } else {
                List<TrialResult> results = parse(file, new String(bytes, 0, end, StandardCharsets.UTF_8), space, header);
                log = new TrialLog(file, space, ch, results, warnings);
            }
            return log;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads a study's finished trials without opening it for writing (for looking at old studies). */
    static List<TrialResult> read(Path file, Space space) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = lastNewline(bytes) + 1;
        return parse(file, new String(bytes, 0, end, StandardCharsets.UTF_8), space, null);
    }

    List<TrialResult> loaded() {
        return loaded;
    }

    List<String> warnings() {
        return warnings;
    }

    Path file() {
        return file;
    }

    synchronized void append(TrialResult r) {
        try {
            writeLine(toJson(r));
        } catch (IOException e) {
            throw new UncheckedIOException("could not append trial " + r.index() + " to " + file, e);
        }
    }

    private void writeLine(ObjectNode node) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) channel.write(buf);
        channel.force(true);
    }

    @Override public void close() throws IOException {
        channel.close();
    }

    private static ObjectNode header(Space space, Goal goal, String strategy) {
        ObjectNode h = JSON.createObjectNode();
        h.put("type", "study");
        h.put("format", FORMAT);
        h.put("space", space.toString());
        h.put("goal", goal.toString());
        h.put("strategy", strategy);
        return h;
    }

    private static List<TrialResult> parse(Path file, String text, Space space, ObjectNode expectedHeader) {
        String[] lines = text.split("\n", -1);
        Map<Integer, TrialResult> byIndex = new TreeMap<>();
        // The text ends with a newline, so the last split element is empty.
        for (int i = 0; i < lines.length - 1; i++) {
            int lineNo = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(file + ": line " + lineNo + " is not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) throw new IllegalStateException(file + ": line " + lineNo + " is not a JSON object");
            if (i == 0) {
                checkHeader(file, node, expectedHeader);
                continue;
            }
            try {
                TrialResult r = fromJson(node, space);
                if (byIndex.put(r.index(), r) != null) throw new IllegalArgumentException("trial " + r.index() + " is recorded twice");
            } catch (RuntimeException e) {
                throw new IllegalStateException(file + ": line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(byIndex.values()));
    }

    private static void checkHeader(Path file, JsonNode node, ObjectNode expected) {
        if (!"study".equals(node.path("type").asText())) throw new IllegalStateException(file + ": line 1 is not a study header");
        if (node.path("format").asInt() != FORMAT) throw new IllegalStateException(file + ": format " + node.path("format") + ", this library reads format " + FORMAT);
        if (expected == null) return;
        for (String key : List.of("space", "goal", "strategy")) {
            if (!expected.get(key).equals(node.get(key))) {
                throw new IllegalStateException(file + " belongs to a different study: its " + key + " is " + node.get(key)
                        + ", this study's is " + expected.get(key) + ". Use another directory, or delete the file to start over.");
            }
        }
    }

    private static ObjectNode toJson(TrialResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "trial");
        o.put("index", r.index());
        o.put("status", r.status().name());
        o.put("seed", r.seed());
        o.put("budget", r.budget());
        ObjectNode config = o.putObject("config");
        r.config().asMap().forEach((k, v) -> config.set(k, JSON.valueToTree(v)));
        o.set("final", metrics(r.finalMetrics()));
        ArrayNode curve = o.putArray("curve");
        for (CurvePoint p : r.curve()) curve.addArray().add(p.step()).add(metrics(p.metrics()));
        o.put("wallMillis", r.wallMillis());
        o.put("peakHeapBytes", r.peakHeapBytes());
        o.put("peakOffHeapBytes", r.peakOffHeapBytes());
        o.put("peakPhysicalBytes", r.peakPhysicalBytes());
        if (r.error() != null) o.put("error", r.error());
        return o;
    }

    // NaN and infinities (diverged runs) are not JSON numbers: they are written as strings.
    private static ObjectNode metrics(Map<String, Double> m) {
        ObjectNode o = JSON.createObjectNode();
        m.forEach((k, v) -> {
            if (Double.isFinite(v)) o.put(k, v);
            else o.put(k, v.toString());
        });
        return o;
    }

    private static Map<String, Double> metrics(JsonNode node, String what) {
        if (!node.isObject()) throw new IllegalArgumentException(what + " is not an object");
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), number(e.getValue(), what + "." + e.getKey()));
        }
        return m;
    }

    private static double number(JsonNode n, String what) {
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) {
            switch (n.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new IllegalArgumentException(what + " = " + n + " is not a number");
    }

    private static TrialResult fromJson(JsonNode o, Space space) {
        if (!"trial".equals(o.path("type").asText())) throw new IllegalArgumentException("not a trial record");
        int index = required(o, "index").asInt();
        if (index < 0) throw new IllegalArgumentException("negative trial index " + index);
        TrialResult.Status status;
        try {
            status = TrialResult.Status.valueOf(required(o, "status").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status " + o.get("status"));
        }
        JsonNode configNode = required(o, "config");
        Map<String, Object> config = new LinkedHashMap<>();
        for (Dimension d : space.dimensions()) {
            JsonNode v = configNode.get(d.name());
            if (v == null) throw new IllegalArgumentException("config lacks '" + d.name() + "'");
            config.put(d.name(), value(d, v));
        }
        if (configNode.size() != space.size()) throw new IllegalArgumentException("config " + configNode + " has names outside the space " + space);
        List<CurvePoint> curve = new ArrayList<>();
        for (JsonNode p : required(o, "curve")) {
            if (!p.isArray() || p.size() != 2 || !p.get(0).canConvertToLong()) throw new IllegalArgumentException("curve point " + p + " is not [step, {metrics}]");
            curve.add(new CurvePoint(p.get(0).asLong(), metrics(p.get(1), "curve metrics")));
        }
        JsonNode err = o.get("error");
        return new TrialResult(index, status, new Config(config), required(o, "seed").asLong(), required(o, "budget").asLong(),
                curve, metrics(required(o, "final"), "final"), required(o, "wallMillis").asLong(),
                required(o, "peakHeapBytes").asLong(), required(o, "peakOffHeapBytes").asLong(),
                required(o, "peakPhysicalBytes").asLong(), err == null || err.isNull() ? null : err.asText());
    }

    // Values are converted back by the dimension's type, so a config reads back equal to the one written.
    private static Object value(Dimension d, JsonNode v) {
        if (d instanceof Dimension.Choice c) {
            for (Object option : c.values()) {
                if (option instanceof Number num && v.isNumber() && num.doubleValue() == v.doubleValue()) return option;
                if (option instanceof String s && v.isTextual() && s.equals(v.asText())) return option;
                if (option instanceof Boolean b && v.isBoolean() && b == v.asBoolean()) return option;
            }
            throw new IllegalArgumentException("'" + d.name() + "' = " + v + " is not one of " + c.values());
        }
        if (!v.isNumber()) throw new IllegalArgumentException("'" + d.name() + "' = " + v + " is not a number");
        if (d instanceof Dimension.IntRange) {
            if (!v.canConvertToInt() || v.isFloatingPointNumber()) throw new IllegalArgumentException("'" + d.name() + "' = " + v + " is not an integer");
            return v.asInt();
        }
        return v.doubleValue();
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("missing '" + field + "'");
        return v;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) if (bytes[i] == '\n') return i;
        return -1;
    }

    private static int countLines(byte[] bytes, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (bytes[i] == '\n') n++;
        return n;
    }
}
