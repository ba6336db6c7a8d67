package org.relnet.rn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.relnet.data.clevr.ClevrIterator;
import org.relnet.data.clevr.ClevrSplit;
import org.relnet.data.clevr.Colour;
import org.relnet.data.clevr.Question;
import org.relnet.data.clevr.SortOfClevr;
import org.relnet.data.clevr.SortOfClevrDataset;
import org.relnet.train.EvalPoint;
import org.relnet.train.EvalSet;
import org.relnet.train.LrSchedule;
import org.relnet.train.TrainConfig;
import org.relnet.train.TrainListener;
import org.relnet.train.TrainResult;
import org.relnet.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.relnet.plot.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The runs of the visual-QA chapter (Sort-of-CLEVR, journal Table 1): one place for their settings,
 * used by notebook 03 and by the learning test, so the notebook shows what the test proves.
 *
 * <pre>{@code
 * VisualQaRuns.States s = VisualQaRuns.quickStates();          // RN vs MLP on state descriptions
 * TrainResult rn = s.train("RN", s.rn(), s.data());
 * VisualQaRuns.Pixels p = VisualQaRuns.pixels();                // RN vs CNN+MLP on images (quick or full)
 * TrainResult cnn = p.train("CNN+MLP", p.cnnMlp(), p.data());
 * Table t = VisualQaRuns.beside(Map.of("RN", rn, "CNN+MLP", cnn));   // with the papers' numbers
 * }</pre>
 */
public final class VisualQaRuns {
    private VisualQaRuns() {}

    /** Answers per question, question vector length and batch of evaluation passes. */
    private static final int ANSWERS = 10, EVAL_BATCH = 250;

    /**
     * RN vs MLP on state descriptions (6 objects x 10 features). {@code shuffleObjects}: objects as
     * an unordered set (see {@link ClevrIterator#shufflingObjects()}); false = in colour order.
     */
    public record States(int images, int imageSize, long dataSeed, boolean shuffleObjects, int width, double lr,
                         int batch, int steps, int evalEvery, int testImages, long seed) {

        public SortOfClevr generator() {
            return SortOfClevr.builder().images(images).imageSize(imageSize).seed(dataSeed).build();
        }

        /** The dataset from {@code datasets/} (generated there on first use). */
        public SortOfClevrDataset data() { return load(generator()); }

        /** RN: g_theta 4 x width, f_phi width-width, no dropout (a short run on a small model does not need it). */
        public ComputationGraph rn() {
            return StateRelationNet.builder().objects(Colour.COUNT, ClevrIterator.stateFeatures())
                    .question(Question.VECTOR_LENGTH).g(width, width, width, width).hidden(width, width)
                    .dropout(0, 0).answers(ANSWERS).seed(seed).build();
        }

        /** MLP over the concatenated objects and the question: 3 x width, no dropout. */
        public ComputationGraph mlp() {
            return StateMlpBaseline.builder().objects(Colour.COUNT, ClevrIterator.stateFeatures())
                    .question(Question.VECTOR_LENGTH).hidden(width, width, width)
                    .dropout(0, 0).answers(ANSWERS).seed(seed).build();
        }

        /** Adam at {@code lr}, halved every 10,000 steps as in the paper (a no-op in a short run). */
        public TrainConfig config(String name) {
            return TrainConfig.builder().name(name).adam().schedule(LrSchedule.stepDecay(lr, 0.5, 10_000))
                    .steps(steps).evalEvery(evalEvery).seed(seed).build();
        }

        public ClevrIterator trainIterator(SortOfClevrDataset d) {
            ClevrIterator it = ClevrIterator.states(d.train(), batch, seed);
            return shuffleObjects ? it.shufflingObjects() : it;
        }

        /** The first {@code testImages} test images, per type and subtype. */
        public EvalSet testSet(SortOfClevrDataset d) { return evalSet("test", d.test(), testImages); }

        /** As many training images as test images: the train curve. */
        public EvalSet trainSet(SortOfClevrDataset d) { return evalSet("train", d.train(), testImages); }

        private EvalSet evalSet(String name, ClevrSplit split, int n) {
            ClevrIterator it = ClevrIterator.forEvaluation(split.first(Math.min(n, split.size())), ClevrIterator.Input.STATE, EVAL_BATCH);
            return ClevrIterator.evalSet(name, shuffleObjects ? it.shufflingObjects() : it);
        }

        /** Trains {@code net} with {@link #config}, evaluating the train and test sets. */
        public TrainResult train(String name, ComputationGraph net, SortOfClevrDataset d, TrainListener... listeners) {
            return fit(config(name), net, trainIterator(d), List.of(trainSet(d), testSet(d)), listeners);
        }

        public States withSteps(int n) { return new States(images, imageSize, dataSeed, shuffleObjects, width, lr, batch, n, evalEvery, testImages, seed); }

        public States withShuffleObjects(boolean v) { return new States(images, imageSize, dataSeed, v, width, lr, batch, steps, evalEvery, testImages, seed); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "state descriptions of %,d images (%d px, data seed %d), objects %s; g 4x%d, f %d-%d / MLP 3x%d; "
                    + "Adam lr %.0e, batch %d, %,d steps, test on %d images every %d steps, seed %d",
                    images, imageSize, dataSeed, shuffleObjects ? "in random order" : "in colour order", width, width, width, width,
                    lr, batch, steps, testImages, evalEvery, seed);
        }
    }

    /**
     * The settings the learning test proves ({@code RelationalStatesTest}) and the notebook's
     * state-description run: 1,000 images (800 train), objects in random order, width 64, Adam 3e-3,
     * batch 64, 3,000 steps, no dropout. Chosen on 2026-11-23 from runs at lr 1e-3 / 3e-3, width 64 / 128,
     * objects ordered / shuffled (numbers in notebook 03).
     */
    public static States quickStates() {
        return new States(1_000, 75, 1, true, 64, 3e-3, 64, 3_000, 250, 200, 1);
    }

    /** RN vs CNN+MLP on images with the paper's training: batch 64, Adam 1e-4 halved every 10,000 steps, dropout 50 %. */
    public record Pixels(int imageSize, int images, long dataSeed, int steps, int evalEvery, int testImages, int trainEvalImages, long seed) {

        public SortOfClevr generator() {
            return SortOfClevr.builder().images(images).imageSize(imageSize).seed(dataSeed).build();
        }

        public SortOfClevrDataset data() { return load(generator()); }

        /** 75 px: 4 conv 3x3 stride 2 (25 objects); 128 px: 5x5, strides 3, 3, 2, 2 (16 objects, as the TensorFlow reference). */
        public ConvStack conv() { return imageSize == 128 ? ConvStack.coarse128px() : ConvStack.for75px(); }

        /** The paper's RN: conv 4 x 24, g 4 x 256, f 256-256 with 50 % dropout on the 2nd, Adam 1e-4. */
        public ComputationGraph rn() {
            return VisualRelationNet.builder().image(imageSize).conv(conv()).seed(seed).build();
        }

        /** The paper's CNN+MLP: the same conv stack, MLP 3 x 256 with 50 % dropout on the 2nd. */
        public ComputationGraph cnnMlp() {
            return CnnMlpBaseline.builder().image(imageSize).conv(conv()).seed(seed).build();
        }

        public TrainConfig config(String name) {
            return TrainConfig.builder().name(name).adam().schedule(LrSchedule.stepDecay(1e-4, 0.5, 10_000))
                    .steps(steps).evalEvery(evalEvery).seed(seed).build();
        }

        public EvalSet testSet(SortOfClevrDataset d) {
            return ClevrIterator.evalSet("test", d.test().first(Math.min(testImages, d.test().size())), ClevrIterator.Input.PIXELS, EVAL_BATCH);
        }

        public EvalSet trainSet(SortOfClevrDataset d) {
            return ClevrIterator.evalSet("train", d.train().first(Math.min(trainEvalImages, d.train().size())), ClevrIterator.Input.PIXELS, EVAL_BATCH);
        }

        public TrainResult train(String name, ComputationGraph net, SortOfClevrDataset d, TrainListener... listeners) {
            return fit(config(name), net, ClevrIterator.pixels(d.train(), 64, seed), List.of(trainSet(d), testSet(d)), listeners);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d px images, %,d images (data seed %d); batch 64, Adam 1e-4 x0.5 every 10,000 steps, dropout 50 %%; "
                    + "%,d steps, test on %d images every %,d steps", imageSize, images, dataSeed, steps, testImages, evalEvery);
        }
    }

    /** Quick: a pipeline check, 20 steps per model at 75 px on the state run's 1,000 images (an RN step costs ~1-3 s of CPU). */
    public static Pixels quickPixels() { return new Pixels(75, 1_000, 1, 20, 10, 20, 20, 1); }

    /** Full: the paper's setting, 10,000 images at 128 px, 200,000 steps, test on 500 images every 2,000 steps. */
    public static Pixels fullPixels() { return new Pixels(128, 10_000, 1, 200_000, 2_000, 500, 200, 1); }

    /** {@link #fullPixels()} when {@code RELNET_FULL=1}, else {@link #quickPixels()}. */
    public static Pixels pixels() { return org.relnet.Mode.full() ? fullPixels() : quickPixels(); }

    private static TrainResult fit(TrainConfig config, ComputationGraph net, ClevrIterator data, List<EvalSet> sets, TrainListener... listeners) {
        Trainer t = new Trainer(config);
        for (TrainListener l : listeners) t.addListener(l);
        return t.fit(net, data, sets);
    }

    private static SortOfClevrDataset load(SortOfClevr g) {
        String name = String.format(Locale.ROOT, "sort-of-clevr-%d-%dimg-seed%d", g.imageSize(), g.images(), g.seed());
        try {
            return g.loadOrGenerate(SortOfClevr.datasetDir(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Journal Table 1: test accuracy (%) on pixels, batch 64, lr 1e-4, 200,000 steps. Its "average"
     * is as printed (55.0, 52.5), which is 0.6 x non-relational + 0.4 x relational, not the plain mean.
     */
    public static Table table1() {
        return Table.create("journal Table 1 (pixels, batch 64, lr 1e-4)").addColumns(
                StringColumn.create("model", "RN", "CNN+MLP"),
                DoubleColumn.create("non_relational", 61.9, 59.5),
                DoubleColumn.create("relational", 44.5, 42.0),
                DoubleColumn.create("average", 55.0, 52.5));
    }

    /** The short paper's batch-64 rows (pixels): RN 20 epochs (relational 87-90 % shown as 88.5), CNN+MLP 50 epochs. */
    public static Table shortPaper() {
        return Table.create("short paper (pixels, batch 64)").addColumns(
                StringColumn.create("model", "RN, lr 1e-4", "RN, lr 1e-3", "CNN+MLP, lr 1e-4"),
                DoubleColumn.create("non_relational", 99, 100, 63),
                DoubleColumn.create("relational", 88.5, 93, 71));
    }

    /**
     * One table: our runs' last test accuracies (%) (rows "name (what)"), then journal Table 1 and
     * the short paper, each row labelled with its source.
     */
    public static Table beside(List<String> names, List<TrainResult> runs) {
        List<String> model = new ArrayList<>();
        DoubleColumn non = DoubleColumn.create("non_relational"), rel = DoubleColumn.create("relational"), avg = DoubleColumn.create("average");
        for (int i = 0; i < runs.size(); i++) {
            EvalPoint p = runs.get(i).last().orElseThrow(() -> new IllegalArgumentException("a run without evaluations"));
            model.add(names.get(i) + " (ours, " + String.format(Locale.ROOT, "%,d", p.step()) + " steps)");
            non.append(pct(p.accuracy("test", "non-relational")));
            rel.append(pct(p.accuracy("test", "relational")));
            avg.append(pct(p.accuracy("test")));
        }
        for (Table paper : List.of(table1(), shortPaper())) {
            for (int r = 0; r < paper.rowCount(); r++) {
                model.add(paper.stringColumn("model").get(r) + " (" + paper.name().replaceFirst(" \\(.*", "") + ")");
                non.append(paper.doubleColumn("non_relational").getDouble(r));
                rel.append(paper.doubleColumn("relational").getDouble(r));
                if (paper.columnNames().contains("average")) avg.append(paper.doubleColumn("average").getDouble(r));
                else avg.appendMissing(); // the short paper gives none
            }
        }
        return Table.create("Sort-of-CLEVR test accuracy (%)").addColumns(StringColumn.create("model", model), non, rel, avg);
    }

    /** Test accuracy (%) per subtype of each run's last evaluation, one column per run. */
    public static Table perSubtype(List<String> names, List<TrainResult> runs) {
        Table t = Table.create("test accuracy per subtype (%)").addColumns(StringColumn.create("subtype", ClevrIterator.EVAL_SUBTYPE_NAMES));
        for (int i = 0; i < runs.size(); i++) {
            EvalPoint p = runs.get(i).last().orElseThrow();
            DoubleColumn c = DoubleColumn.create(names.get(i));
            for (String s : ClevrIterator.EVAL_SUBTYPE_NAMES) c.append(pct(p.accuracy("test", s)));
            t.addColumns(c);
        }
        return t;
    }

    /**
     * Test accuracy against step for each run: relational (solid) and non-relational (dashed),
     * so both models and both kinds of question are in one figure.
     */
    public static XYChart curves(String title, List<String> names, List<TrainResult> runs) {
        Map<String, Table> relational = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) relational.put(names.get(i) + ", relational", runs.get(i).history());
        XYChart chart = Charts.compareRuns(title, relational, "test_acc_relational");
        chart.setYAxisTitle("test accuracy");
        for (int i = 0; i < runs.size(); i++) {
            Table h = runs.get(i).history();
            XYSeries s = chart.addSeries(names.get(i) + ", non-relational", h.intColumn("step").asDoubleArray(),
                    h.doubleColumn("test_acc_non_relational").asDoubleArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineStyle(SeriesLines.DASH_DASH);
        }
        return chart;
    }

    /**
     * The notebook's "longer CPU run": both pixel models at 75 px with the paper's training on
     * 10,000 images, trained in alternating segments so they reach the same step count, until
     * {@code minutes} would be exceeded; history CSVs and checkpoints go to {@code dir} (a rerun
     * resumes). Test accuracy on 100 test images after every segment.
     * Usage: {@code VisualQaRuns <minutes> <dir> [segment steps, default 50]}.
     */
    public static void main(String[] args) throws IOException {
        double minutes = Double.parseDouble(args[0]);
        java.nio.file.Path dir = java.nio.file.Path.of(args[1]);
        int segment = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        java.nio.file.Files.createDirectories(dir);
        Pixels p = new Pixels(75, 10_000, 1, segment, segment, 100, 0, 1);
        SortOfClevrDataset d = p.data();
        EvalSet test = p.testSet(d);
        Map<String, ComputationGraph> nets = new LinkedHashMap<>();
        nets.put("rn", p.rn());
        nets.put("cnn-mlp", p.cnnMlp());
        Map<String, ClevrIterator> batches = new LinkedHashMap<>();
        for (String k : nets.keySet()) batches.put(k, ClevrIterator.pixels(d.train(), 64, p.seed()));
        long t0 = System.nanoTime();
        for (int k = 1; ; k++) {
            for (var e : nets.entrySet()) {
                TrainConfig c = p.config(e.getKey()).toBuilder().steps(k * segment).progress(false)
                        .checkpoint(dir.resolve(e.getKey() + ".ckpt")).build();
                TrainResult r = new Trainer(c).fit(e.getValue(), batches.get(e.getKey()), test);
                r.history().write().csv(dir.resolve(e.getKey() + "-history.csv").toString());
                System.out.printf(Locale.ROOT, "%s: %s (%.0f s)%n", e.getKey(), r.last().orElseThrow(), (System.nanoTime() - t0) / 1e9);
            }
            if ((System.nanoTime() - t0) / 6e10 * (k + 1) / k > minutes) break; // the next round would overrun
        }
    }

    private static double pct(double a) { return Math.round(1000 * a) / 10.0; }
}
