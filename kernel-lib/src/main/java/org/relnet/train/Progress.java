package org.relnet.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.relnet.display.MimeBundle;
import org.relnet.display.Notebook;
import org.relnet.plot.Charts;
import tech.tablesaw.api.Table;

/**
 * Shows how training is going, at most once per {@link TrainConfig#progressInterval()} (never per
 * step: a notebook or log flooded with hundreds of lines helps nobody). In a notebook it is one
 * output updated in place: an HTML progress bar with rate, ETA, loss and accuracy, above learning
 * curves (PNG); elsewhere one text line on stdout per interval.
 */
abstract class Progress {
    private final long intervalNanos;
    private long lastShown = Long.MIN_VALUE;
    private long sessionStart;
    private int sessionFirstStep;
    protected final String name;
    protected int total;
    private double smoothedLoss = Double.NaN;

    Progress(TrainConfig config) {
        this.intervalNanos = config.progressInterval().toNanos();
        this.name = config.name();
    }

    static Progress create(TrainConfig config) {
        if (!config.progress()) return new Silent(config);
        return Notebook.isActive() ? new InNotebook(config) : new Text(config, System.out);
    }

    final void start(int step, int totalSteps, History history) {
        this.total = totalSteps;
        this.sessionStart = System.nanoTime();
        this.sessionFirstStep = step;
        begin(status(step, history), history);
        lastShown = sessionStart;
    }

    /** After every step; shows something only if the interval has passed or {@code force}. */
    final void step(int step, double loss, History history, boolean force) {
        if (Double.isFinite(loss)) {
            smoothedLoss = Double.isNaN(smoothedLoss) ? loss : 0.9 * smoothedLoss + 0.1 * loss;
        }
        long now = System.nanoTime();
        if (!force && now - lastShown < intervalNanos) return;
        lastShown = now;
        show(status(step, history), history);
    }

    final void finish(int step, History history, TrainResult result) {
        end(status(step, history), history, result);
    }

    abstract void begin(String status, History history);

    abstract void show(String status, History history);

    abstract void end(String status, History history, TrainResult result);

    /** "step 300/2000 (15%) | 12.3 steps/s | ETA 2m18s | loss 0.6931 | test acc 0.512" */
    String status(int step, History history) {
        double seconds = (System.nanoTime() - sessionStart) / 1e9;
        int done = step - sessionFirstStep;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: step %d/%d (%d%%)", name, step, total, total == 0 ? 0 : 100L * step / total));
        if (done > 0) {
            sb.append(String.format(Locale.ROOT, " | %.2f steps/s | ETA %s", rate, duration((total - step) / rate)));
        }
        if (!Double.isNaN(smoothedLoss)) sb.append(String.format(Locale.ROOT, " | loss %.4f", smoothedLoss));
        history.last().ifPresent(p -> {
            for (EvalResult r : p.results().values()) {
                sb.append(String.format(Locale.ROOT, " | %s acc %.3f", r.set(), r.accuracy()));
            }
        });
        return sb.toString();
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "?";
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }

    double fraction(int step) {
        return total == 0 ? 1 : Math.min(1, (double) step / total);
    }

    /** No output at all (parallel search trials). */
    static final class Silent extends Progress {
        Silent(TrainConfig c) { super(c); }
        @Override void begin(String status, History history) {}
        @Override void show(String status, History history) {}
        @Override void end(String status, History history, TrainResult result) {}
    }

    /** One line per interval on a stream. */
    static final class Text extends Progress {
        private final PrintStream out;

        Text(TrainConfig c, PrintStream out) {
            super(c);
            this.out = out;
        }

        @Override void begin(String status, History history) { out.println(status); }
        @Override void show(String status, History history) { out.println(status); }

        @Override
        void end(String status, History history, TrainResult result) {
            out.println(status);
            out.println(name + ": " + result.status() + " - " + result.message());
        }
    }

    /** One notebook output, replaced in place: progress bar + learning curves. */
    static final class InNotebook extends Progress {
        private Optional<String> displayId = Optional.empty();
        private int chartedPoints = -1;
        private String chartPng;

        InNotebook(TrainConfig c) { super(c); }

        @Override
        void begin(String status, History history) {
            displayId = Notebook.display(bundle(status, history, null));
        }

        @Override
        void show(String status, History history) {
            displayId.ifPresent(id -> Notebook.update(id, bundle(status, history, null)));
        }

        @Override
        void end(String status, History history, TrainResult result) {
            MimeBundle b = bundle(status, history, result);
            if (displayId.isPresent()) Notebook.update(displayId.get(), b);
            else Notebook.display(b);
        }

        private MimeBundle bundle(String status, History history, TrainResult result) {
            String png = chart(history);
            String step = status.replaceFirst("^.*?: ", "");
            String colour = result == null ? "#1f77b4"
                    : result.status() == TrainResult.Status.COMPLETED ? "#2ca02c" : "#d62728";
            StringBuilder html = new StringBuilder();
            html.append("<div style=\"font-family:monospace;font-size:13px\">")
                .append("<b>").append(escape(name)).append("</b> ")
                .append("<div style=\"display:inline-block;width:240px;height:12px;border:1px solid #999;vertical-align:middle\">")
                .append(String.format(Locale.ROOT, "<div style=\"width:%.1f%%;height:100%%;background:%s\"></div></div> ",
                        100 * fraction(stepOf(status)), colour))
                .append(escape(step));
            if (result != null) {
                html.append("<br><span style=\"color:").append(colour).append("\">")
                    .append(escape(result.status() + ": " + result.message())).append("</span>");
            }
            html.append("</div>");
            if (png != null) html.append("<img src=\"data:image/png;base64,").append(png).append("\"/>");
            MimeBundle.Builder b = MimeBundle.builder().html(html.toString());
            if (png != null) b.put(MimeBundle.PNG, png);
            return b.plain(result == null ? status : status + "\n" + result.status() + ": " + result.message()).build();
        }

        private int stepOf(String status) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("step (\\d+)/").matcher(status);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        /** The curves as base64 PNG, re-rendered only when a new evaluation arrived. */
        private String chart(History history) {
            int n = history.points().size();
            if (n == 0) return null;
            if (n != chartedPoints) {
                Table t = history.toTable();
                List<String> acc = new ArrayList<>();
                List<String> loss = new ArrayList<>(List.of("loss"));
                for (String set : history.points().get(0).results().keySet()) {
                    acc.add(set + "_acc");
                    loss.add(set + "_loss");
                }
                XYChart a = Charts.curves(t, acc.toArray(new String[0]));
                a.setTitle(name + ": accuracy");
                a.setYAxisTitle("accuracy");
                XYChart l = Charts.curves(t, loss.toArray(new String[0]));
                l.setTitle(name + ": loss");
                l.setYAxisTitle("loss");
                for (XYChart c : List.of(a, l)) {
                    c.getStyler().setChartTitleVisible(true);
                }
                a.getStyler().setYAxisMin(0.0);
                a.getStyler().setYAxisMax(1.0);
                chartPng = MimeBundle.base64Png(Charts.row(a, l));
                chartedPoints = n;
            }
            return chartPng;
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
