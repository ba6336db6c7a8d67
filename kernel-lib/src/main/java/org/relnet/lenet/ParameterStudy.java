package org.relnet.lenet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.data.mnist.DigitBatches;
import org.relnet.data.mnist.MnistData;
import org.relnet.train.EvalSet;
import org.relnet.train.LrSchedule;
import org.relnet.train.TrainConfig;
import org.relnet.train.TrainResult;
import org.relnet.train.Trainer;

/**
 * Runs the paper's LeNet cases one after another with the shared {@link Trainer} and measures each
 * the same way ({@link CaseMeter}): accuracy at every evaluation, time per 100 training
 * iterations, memory.
 *
 * <p>Cases run in order of increasing batch, not in the paper's numbering: a process's resident
 * memory rarely shrinks once grown, so running a big batch first would inflate every later
 * reading. A throw-away warm-up run first keeps JIT compilation out of the first case's time.
 * The thread's interrupt flag is checked before each case (and by the trainer before each step):
 * an interrupted study returns the cases it finished, flag still set. With
 * {@link StudySettings#resultsDir()} set, the tables are also saved as CSV after every case.
 */
public final class ParameterStudy {
    private final MnistData data;
    private final StudySettings settings;

    public ParameterStudy(MnistData data, StudySettings settings) {
        this.settings = settings;
        this.data = data.first(settings.trainDigits(), settings.testDigits());
    }

    /** The paper's nine cases. */
    public StudyResult run() {
        return run(StudyCase.paper());
    }

    public StudyResult run(List<StudyCase> cases) {
        System.out.println("LeNet parameter study on " + data);
        System.out.println("  " + settings);
        warmUp();
        List<StudyCase> order = new ArrayList<>(cases);
        order.sort(Comparator.comparingInt(StudyCase::trainBatch).thenComparingInt(StudyCase::testBatch)
                .thenComparingInt(StudyCase::number));
        List<CaseResult> done = new ArrayList<>();
        boolean interrupted = false;
        for (int i = 0; i < order.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                interrupted = true;
                break;
            }
            StudyCase c = order.get(i);
            System.out.printf(Locale.ROOT, "[%d/%d] %s, test batch %d x %d batches%n", i + 1, order.size(), c.label(),
                    c.testBatch(), settings.testIter(c.testBatch()));
            CaseResult r = runCase(c);
            done.add(r);
            save(done);
            System.out.printf(Locale.ROOT, "      %s: final test acc %.4f, %.0f ms / 100 iterations, RSS %.0f MB, workspaces %.1f MB%n",
                    r.status(), r.finalAccuracy(), r.msPer100(), r.rssMb(), r.workspaceMb());
            if ("INTERRUPTED".equals(r.status())) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) System.out.println("Interrupted: returning the " + done.size() + " finished case(s).");
        return result(done, interrupted);
    }

    private StudyResult result(List<CaseResult> done, boolean interrupted) {
        List<CaseResult> sorted = new ArrayList<>(done);
        sorted.sort(Comparator.comparingInt(r -> r.studyCase().number()));
        return new StudyResult(data.source(), data.isReal(), settings, sorted, interrupted);
    }

    /** Rewrites the tables after every case (each file replaced atomically): a dying run keeps what it finished. */
    private void save(List<CaseResult> done) {
        Path dir = settings.resultsDir();
        if (dir == null) return;
        StudyResult r = result(done, false);
        try {
            Files.createDirectories(dir);
            write(r.summary(), dir.resolve("summary.csv"));
            write(r.curves(), dir.resolve("curves.csv"));
            write(r.timing(), dir.resolve("timing.csv"));
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the study's tables to " + dir + ": " + e.getMessage());
        }
    }

    private static void write(tech.tablesaw.api.Table t, Path file) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        t.write().csv(part.toFile());
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One case, measured. */
    public CaseResult runCase(StudyCase c) {
        // The iterators first: the digits' ND4J arrays are built once per study (on first use) and
        // must not count as the growth of whichever case happens to come first.
        DigitBatches train = data.train().batches(c.trainBatch(), true, true, settings.seed());
        DigitBatches testBatches = data.test().batches(c.testBatch(), false, false, 0);
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
        long rssBefore = Pointer.physicalBytes();

        ComputationGraph net = LeNet.builder().seed(settings.seed()).weightDecay(settings.weightDecay()).build();
        CaseMeter meter = new CaseMeter(train, settings.iterations(), settings.memoryEvery());
        net.addListeners(meter);
        EvalSet test = EvalSet.builder("test").iterator(testBatches, data.test().size()).build();
        TrainConfig config = TrainConfig.builder()
                .name(c.label())
                .momentum() // Caffe's classical momentum 0.9, not DL4J's Nesterov
                .schedule(LrSchedule.inv(c.baseLr(), settings.gamma(), settings.power()))
                .steps(settings.iterations())
                .evalEvery(settings.evalEvery())
                .seed(settings.seed())
                .progress(settings.progress())
                .build();
        TrainResult result = new Trainer(config).fit(net, meter, test);

        double afterDivergence = Double.NaN;
        if (result.status() == TrainResult.Status.DIVERGED && !Thread.currentThread().isInterrupted()) {
            afterDivergence = test.evaluate(net).accuracy();
        }
        long paramBytes = net.params().length() * net.params().dataType().width();
        long updaterBytes = net.getUpdater().getStateViewArray() == null ? 0
                : net.getUpdater().getStateViewArray().length() * net.params().dataType().width();
        double mb = 1e6;
        return new CaseResult(c, result.status().name(), result.message(), result.steps(), settings.testIter(c.testBatch()),
                result.history(), afterDivergence, meter.msPer100(settings.timingWindow()), meter.samples(),
                meter.meanHeap() / mb, meter.meanPhysical() / mb, (meter.meanPhysical() - rssBefore) / mb,
                meter.meanJavacpp() / mb, meter.meanWorkspace() / mb, meter.peakWorkspace() / mb,
                (2 * paramBytes + updaterBytes) / mb); // parameters, their gradients, momentum
    }

    /**
     * Runs the study from the command line ({@code benchmarks/lenet-study/run.sh}): quick mode, or
     * the paper's settings with {@code RELNET_FULL=1}; prints the tables.
     */
    public static void main(String[] args) {
        StudySettings settings = StudySettings.fromEnvironment();
        MnistData data = org.relnet.data.mnist.Mnist.load(settings.trainDigits(), settings.testDigits());
        StudyResult r = new ParameterStudy(data, settings).run();
        System.out.println(r.summary().print());
        System.out.println(r.timing().print());
        System.out.println(r.findings().print());
    }

    private void warmUp() {
        if (settings.warmupSteps() == 0) return;
        ComputationGraph net = LeNet.builder().seed(settings.seed()).build();
        DigitBatches batches = data.train().batches(Math.min(64, data.train().size()), true, true, settings.seed() + 1);
        for (int i = 0; i < settings.warmupSteps() && !Thread.currentThread().isInterrupted(); i++) {
            if (!batches.hasNext()) batches.seek(i, 0);
            net.fit(batches.next());
        }
    }
}
