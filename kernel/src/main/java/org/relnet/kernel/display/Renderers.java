package org.relnet.kernel.display;

import com.google.gson.JsonParser;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import org.relnet.display.MimeBundle;
import org.relnet.plot.Charts;
import org.relnet.plot.plotly.OfflinePlotly;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The one place that decides how objects look in the notebook. The base library already renders
 * {@code RenderedImage} (so {@code BufferedImage}) as image/png; this adds kernel-lib's
 * {@link MimeBundle}, XChart charts (PNG, or SVG when asked: {@code display(chart, "image/svg+xml")})
 * and Tablesaw tables (HTML).
 */
public final class Renderers {
    private Renderers() {}

    public static void registerAll(Renderer renderer) {
        renderer.createRegistration(MimeBundle.class)
                .preferring(MIMEType.ANY)
                .register((bundle, ctx) -> fill(ctx.getOutputContainer(), bundle));
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> MimeBundle.base64Png(Charts.toImage(chart)));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> Charts.toSvg(chart));
                });
        // Tablesaw jsplot figures: interactive Plotly with no network (kernel-lib's OfflinePlotly).
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.ANY)
                .register((figure, ctx) -> fill(ctx.getOutputContainer(), OfflinePlotly.toBundle(figure)));
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.of(table)));
    }

    /** A kernel-lib bundle as the base library's display data: every MIME type as given. */
    public static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        fill(data, bundle);
        return data;
    }

    private static void fill(DisplayData data, MimeBundle bundle) {
        for (Map.Entry<String, String> e : bundle.data().entrySet()) {
            // JSON MIME types (application/json, application/vnd.plotly.v1+json) travel as JSON
            // objects: front ends do not parse a JSON string (Plotly's renderer shows nothing).
            boolean json = e.getKey().endsWith("/json") || e.getKey().endsWith("+json");
            data.putData(e.getKey(), json ? JsonParser.parseString(e.getValue()) : e.getValue());
        }
    }
}
