package org.relnet.data.clevr;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.relnet.display.MimeBundle;

/** Pictures of a Sort-of-CLEVR split for notebooks: image grids, question cards, answer charts. */
public final class ClevrFigures {
    private static final int GAP = 4, GAP_RGB = 0xD0D0D0;

    private ClevrFigures() {}

    /** Images {@code first .. first+count-1} in rows of {@code columns}, each enlarged {@code scale} times (nearest neighbour). */
    public static BufferedImage grid(ClevrSplit split, int first, int count, int columns, int scale) {
        if (count < 1 || columns < 1 || scale < 1) throw new IllegalArgumentException("count, columns and scale must be >= 1");
        int rows = (count + columns - 1) / columns, tile = split.imageSize() * scale;
        BufferedImage out = new BufferedImage(columns * tile + (columns + 1) * GAP, rows * tile + (rows + 1) * GAP, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) for (int x = 0; x < out.getWidth(); x++) out.setRGB(x, y, GAP_RGB);
        for (int k = 0; k < count; k++) paste(out, split.image(first + k), GAP + (k % columns) * (tile + GAP), GAP + (k / columns) * (tile + GAP), scale);
        return out;
    }

    /** One image enlarged {@code scale} times. */
    public static BufferedImage enlarged(ClevrSplit split, int image, int scale) {
        BufferedImage out = new BufferedImage(split.imageSize() * scale, split.imageSize() * scale, BufferedImage.TYPE_INT_RGB);
        paste(out, split.image(image), 0, 0, scale);
        return out;
    }

    private static void paste(BufferedImage dst, BufferedImage src, int x0, int y0, int scale) {
        for (int y = 0; y < src.getHeight() * scale; y++) {
            for (int x = 0; x < src.getWidth() * scale; x++) dst.setRGB(x0 + x, y0 + y, src.getRGB(x / scale, y / scale));
        }
    }

    /** Question {@code k} of an image and its answer, e.g. "[relational] What is ...? -> circle". */
    public static String qa(ClevrSplit split, int image, int k) {
        Question q = split.question(image, k);
        return "[" + q.type().label() + "] " + q.toEnglish() + " -> " + split.answer(image, k).word();
    }

    /** All questions of an image with their answers, one per line. */
    public static String questionList(ClevrSplit split, int image) {
        StringBuilder sb = new StringBuilder(split.name() + " image " + image + "\n");
        for (int k = 0; k < split.questionsPerImage(); k++) sb.append(String.format("%2d ", k)).append(qa(split, image, k)).append('\n');
        return sb.toString();
    }

    /**
     * An image beside some of its questions and answers (HTML, with a text fallback). Without
     * question indices it shows the first non-relational and the first relational question, like
     * the paper's Fig. 7.
     */
    public static MimeBundle card(ClevrSplit split, int image, int... questions) {
        if (questions.length == 0) questions = new int[] {0, split.questionsPerImage() / 2};
        StringBuilder html = new StringBuilder("<div style=\"display:flex;gap:16px;align-items:center\">");
        html.append("<img src=\"data:image/png;base64,").append(MimeBundle.base64Png(enlarged(split, image, Math.max(1, 256 / split.imageSize()))))
                .append("\"/><table><tr><th>type</th><th>question</th><th>answer</th></tr>");
        StringBuilder plain = new StringBuilder(split.name() + " image " + image + "\n");
        for (int k : questions) {
            Question q = split.question(image, k);
            html.append("<tr><td>").append(q.type().label()).append("</td><td style=\"text-align:left\">").append(q.toEnglish())
                    .append("</td><td><b>").append(split.answer(image, k).word()).append("</b></td></tr>");
            plain.append(qa(split, image, k)).append('\n');
        }
        html.append("</table></div>");
        return MimeBundle.builder().html(html.toString()).plain(plain.toString()).build();
    }

    /**
     * Bar chart: for each subtype of {@code type}, the share (%) of its questions that have each
     * answer. Flat bars mean a blind guess does badly.
     */
    public static CategoryChart answerDistribution(ClevrSplit split, QuestionType type) {
        long[][] counts = BlindBaseline.answerCounts(split);
        List<String> answers = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (Answer a : Answer.values()) {
            boolean used = false;
            for (Subtype s : Subtype.of(type)) used |= counts[s.ordinal()][a.ordinal()] > 0;
            if (used) {
                answers.add(a.word());
                columns.add(a.ordinal());
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(720).height(360)
                .title("Answers to " + type.label() + " questions (" + split.name() + ", " + split.size() + " images)")
                .xAxisTitle("answer").yAxisTitle("% of the subtype's questions").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        for (Subtype s : Subtype.of(type)) {
            long n = 0;
            for (long c : counts[s.ordinal()]) n += c;
            List<Double> share = new ArrayList<>();
            for (int a : columns) share.add(n == 0 ? 0.0 : 100.0 * counts[s.ordinal()][a] / n);
            chart.addSeries(s.label(), answers, share);
        }
        return chart;
    }
}
