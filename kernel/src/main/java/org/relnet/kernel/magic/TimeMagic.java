package org.relnet.kernel.magic;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.relnet.kernel.RelNetKernel;

/**
 * {@code %time statement} and {@code %%time}: run the code and print its wall-clock time.
 * The line form keeps the statement's exact text (the generic magic parser would split it on
 * spaces and drop its quotes), see {@link #protectLineArguments}.
 */
public final class TimeMagic implements CellMagic<Void, RelNetKernel> {
    private static final String RAW = "b64:";
    private static final Pattern LINE = Pattern.compile("^([ \\t]*)%time[ \\t]+(\\S.*)$", Pattern.MULTILINE);

    /** Rewrites {@code %time code} lines so the code reaches this magic verbatim. */
    public static String protectLineArguments(String cell) {
        Matcher m = LINE.matcher(cell);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String encoded = Base64.getEncoder().encodeToString(m.group(2).getBytes(StandardCharsets.UTF_8));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "%time " + RAW + encoded));
        }
        m.appendTail(out);
        return out.toString();
    }

    LineMagic<Void, RelNetKernel> line() {
        return (kernel, args) -> {
            String code = args.size() == 1 && args.get(0).startsWith(RAW)
                    ? new String(Base64.getDecoder().decode(args.get(0).substring(RAW.length())), StandardCharsets.UTF_8)
                    : String.join(" ", args);
            time(kernel, code, "%time");
            return null;
        };
    }

    @Override
    public Void eval(RelNetKernel kernel, List<String> args, String body) {
        Object value = time(kernel, body, "%%time");
        if (value != null) kernel.display(kernel.getRenderer().render(value));
        return null;
    }

    private static Object time(RelNetKernel kernel, String code, String source) {
        long start = System.nanoTime();
        try {
            return kernel.evalSource(code, source);
        } finally {
            System.out.println("Wall time: " + format(System.nanoTime() - start));
        }
    }

    static String format(long nanos) {
        double ms = nanos / 1e6;
        return ms < 1000 ? String.format("%.1f ms", ms) : String.format("%.2f s", ms / 1000);
    }
}
