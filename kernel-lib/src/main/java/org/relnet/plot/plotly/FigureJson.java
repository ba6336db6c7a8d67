package org.relnet.plot.plotly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import tech.tablesaw.plotly.components.Config;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A Tablesaw figure as Plotly's JSON figure {@code {"data": [...], "layout": {...}, "config": {...}}}.
 *
 * <p>Tablesaw only writes its figures as JavaScript ({@code var trace0 = {x: [...], type: 'bar'};}),
 * object literals with bare keys, single quotes and trailing commas. Those literals are read back
 * with a lenient JSON parser instead of running JavaScript, which Java 17 no longer ships.
 */
final class FigureJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    /** Trace fields holding data, which Tablesaw writes as strings ("2.5", "NaN"). */
    private static final String[] DATA_KEYS = {"x", "y", "z", "values", "open", "high", "low", "close"};

    private FigureJson() {}

    /** @throws IllegalArgumentException naming the part of the figure Tablesaw wrote unreadably */
    static ObjectNode of(Figure figure) {
        ObjectNode fig = JsonNodeFactory.instance.objectNode();
        ArrayNode data = fig.putArray("data");
        Trace[] traces = figure.getTraces();
        for (int i = 0; i < traces.length; i++) {
            JsonNode trace = literal(traces[i].asJavascript(i), "trace " + i + " (" + traces[i].name() + ")");
            for (String key : DATA_KEYS) {
                if (trace.get(key) instanceof ArrayNode a) numbersFromText(a);
            }
            data.add(trace);
        }
        Layout layout = figure.getLayout();
        JsonNode layoutJson = layout == null ? JsonNodeFactory.instance.objectNode() : literal(layout.asJavascript(), "layout");
        titlesAsObjects(layoutJson);
        fig.set("layout", layoutJson);
        Config config = figure.getConfig();
        ObjectNode cfg = config == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) literal(config.asJavascript(), "config");
        // Plotly's own "send data to the cloud" button would reach the network: never offer it.
        cfg.put("showLink", false).put("displaylogo", false);
        fig.set("config", cfg);
        return fig;
    }

    /** Parses {@code [var name =] {...}[;]} into a JSON tree, mapping NaN and infinities to null (a gap). */
    static JsonNode literal(String javascript, String what) {
        String s = javascript.strip();
        if (s.startsWith("var ")) {
            int eq = s.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("Tablesaw " + what + ": no '=' after 'var' in: " + head(s));
            s = s.substring(eq + 1).strip();
        }
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        try {
            return withoutNonFinite(LENIENT.readTree(s));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Tablesaw " + what + " is not a plain object literal ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + head(s), e);
        }
    }

    /**
     * Tablesaw writes {@code title: 'Loss'} and {@code titlefont}, a shorthand plotly.js 3 dropped
     * (the title would silently vanish); rewrites them as {@code title: {text, font}} everywhere.
     */
    static void titlesAsObjects(JsonNode node) {
        if (!(node instanceof ObjectNode o)) return;
        JsonNode title = o.get("title");
        JsonNode font = o.remove("titlefont");
        if (title != null && title.isValueNode()) {
            ObjectNode t = o.putObject("title");
            t.put("text", title.asText());
            if (font != null) t.set("font", font);
        } else if (title instanceof ObjectNode t && font != null) {
            t.set("font", font);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("title")) titlesAsObjects(e.getValue());
        }
    }

    /**
     * Turns an all-numeric array of strings into numbers, with "NaN" as null (a gap), so JSON
     * readers see the data Plotly would infer; arrays with any real label stay as they are.
     */
    static void numbersFromText(ArrayNode a) {
        double[] values = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (v.isArray()) {
                numbersFromText((ArrayNode) v);   // rows of a heatmap's z
                return;
            }
            if (v.isNumber() || v.isNull()) {
                values[i] = v.isNull() ? Double.NaN : v.doubleValue();
                continue;
            }
            try {
                values[i] = Double.parseDouble(v.asText());
            } catch (NumberFormatException label) {
                return;
            }
        }
        for (int i = 0; i < values.length; i++) {
            a.set(i, Double.isFinite(values[i]) ? JsonNodeFactory.instance.numberNode(values[i]) : JsonNodeFactory.instance.nullNode());
        }
    }

    private static JsonNode withoutNonFinite(JsonNode node) {
        if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) a.set(i, withoutNonFinite(a.get(i)));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(withoutNonFinite(e.getValue()));
            }
        }
        return node;
    }

    private static String head(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
