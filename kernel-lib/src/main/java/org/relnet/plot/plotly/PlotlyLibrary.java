package org.relnet.plot.plotly;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * plotly.js as shipped inside kernel-lib (the plotly.js-dist WebJar from Maven Central), turned
 * into one {@code <script>} that defines {@code window.Plotly} with no network and no require.js.
 *
 * <p>The 11 MB library is carried gzip-compressed and base64-encoded (about 2.7 MB) and unpacked
 * by the browser's DecompressionStream; it is evaluated with {@code module} hidden so that the
 * bundle takes its browser path even on pages that define a CommonJS-like {@code module}.
 */
final class PlotlyLibrary {
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";
    private static volatile String loader;

    private PlotlyLibrary() {}

    /** The plotly.js version packaged in kernel-lib. */
    static String version() {
        try (InputStream in = resource(WEBJAR)) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A script that makes {@code window.__relnetPlotly} a promise of the Plotly object, loading the
     * packaged library unless the page already has one. Safe to include more than once on a page.
     */
    static String loaderScript() {
        String s = loader;
        if (s == null) {
            synchronized (PlotlyLibrary.class) {
                if (loader == null) loader = buildLoader();
                s = loader;
            }
        }
        return s;
    }

    private static String buildLoader() {
        String path = "META-INF/resources/webjars/plotly.js-dist/" + version() + "/plotly.js";
        byte[] gz;
        try (InputStream in = resource(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(3 << 20);
            try (GZIPOutputStream zip = new GZIPOutputStream(bytes, 1 << 16)) {
                in.transferTo(zip);
            }
            gz = bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from kernel-lib's class path", e);
        }
        return "<script>\n"
                + "if (!window.__relnetPlotly) {\n"
                + "  window.__relnetPlotly = window.Plotly ? Promise.resolve(window.Plotly) : (async function () {\n"
                + "    var bin = atob('" + Base64.getEncoder().encodeToString(gz) + "');\n"
                + "    var bytes = new Uint8Array(bin.length);\n"
                + "    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);\n"
                + "    var code = await new Response(new Blob([bytes]).stream()"
                + ".pipeThrough(new DecompressionStream('gzip'))).text();\n"
                + "    var s = document.createElement('script');\n"
                + "    s.textContent = '(function (module, exports, define) {\\n' + code + '\\n}).call(window);';\n"
                + "    document.head.appendChild(s);\n"
                + "    return window.Plotly;\n"
                + "  })();\n"
                + "}\n"
                + "</script>\n";
    }

    private static InputStream resource(String path) throws IOException {
        // kernel-lib's own loader first; a kernel may load user-added jars (%jars, %maven) elsewhere.
        InputStream in = PlotlyLibrary.class.getClassLoader().getResourceAsStream(path);
        if (in == null && Thread.currentThread().getContextClassLoader() != null) {
            in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IOException(path + " is not on the class path: kernel-lib needs its dependency "
                    + "org.webjars.npm:plotly.js-dist (see kernel-lib/pom.xml)");
        }
        return in;
    }
}
