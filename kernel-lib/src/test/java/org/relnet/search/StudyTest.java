package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class StudyTest {
    private static final int TRIALS = 8;

    @TempDir Path tmp;

    /** The study run without any crash, in {@code tmp/reference}. */
    private StudyResults uninterrupted(Strategy strategy) {
        return Synthetic.study(tmp.resolve("reference"), strategy, Synthetic.curve()).build().run();
    }

    private List<String> referenceLog() throws java.io.IOException {
        return Synthetic.lines(tmp.resolve("reference").resolve(TrialLog.FILE));
    }

    @Test
    void runsEveryTrialOnceAndWritesOneLinePerTrial() throws Exception {
        Path dir = tmp.resolve("s");
        StudyResults r = Synthetic.study(dir, new RandomSearch(TRIALS, 1), Synthetic.curve()).build().run();
        assertFalse(r.interrupted());
        assertEquals(TRIALS, r.trials().size());
        assertEquals(1 + TRIALS, Synthetic.lines(dir.resolve(TrialLog.FILE)).size());
        for (TrialResult t : r.trials()) {
            assertEquals(TrialResult.Status.COMPLETED, t.status());
            assertEquals(5, t.curve().size());
            assertEquals(50, t.steps());
            assertTrue(t.peakHeapBytes() > 0, "heap peak measured");
        }
        // Running it again finds everything done and runs nothing.
        AtomicBoolean called = new AtomicBoolean();
        StudyResults again = Synthetic.study(dir, new RandomSearch(TRIALS, 1), (t, c) -> {
            called.set(true);
            return TrialOutcome.lastReported();
        }).build().run();
        assertFalse(called.get());
        assertEquals(Synthetic.essence(r), Synthetic.essence(again));
    }

    @Test
    void resultsDoNotDependOnWorkerCount() {
        StudyResults one = Synthetic.study(tmp.resolve("w1"), new RandomSearch(TRIALS, 5), Synthetic.curve()).workers(1).build().run();
        StudyResults three = Synthetic.study(tmp.resolve("w3"), new RandomSearch(TRIALS, 5), Synthetic.curve()).workers(3).build().run();
        assertEquals(Synthetic.essence(one), Synthetic.essence(three));
        Space grid = Space.builder().choice("lr", 1e-2, 1e-3, 1e-4).choice("batch", 64, 128).build();
        Objective obj = (t, c) -> TrialOutcome.of("accuracy", t.config().getDouble("lr") * t.config().getInt("batch") + c.seed() % 7);
        StudyResults g1 = Study.builder().space(grid).strategy(new GridSearch()).objective(obj).dir(tmp.resolve("g1")).progress(false).build().run();
        StudyResults g2 = Study.builder().space(grid).strategy(new GridSearch()).objective(obj).dir(tmp.resolve("g2")).workers(2).progress(false).build().run();
        assertEquals(6, g1.trials().size());
        assertEquals(Synthetic.essence(g1), Synthetic.essence(g2));
    }

    @Test
    void resumesAfterACrashBetweenTrials() throws Exception {
        StudyResults reference = uninterrupted(new RandomSearch(TRIALS, 3));
        Path dir = tmp.resolve("crashed");
        Files.createDirectories(dir);
        // A crash between trials leaves the header and the first 3 trial lines, all whole.
        List<String> lines = referenceLog();
        Files.write(dir.resolve(TrialLog.FILE), lines.subList(0, 4), StandardCharsets.UTF_8);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        Objective counting = (t, c) -> {
            ran.add(t.index());
            return Synthetic.curve().run(t, c);
        };
        StudyResults resumed = Synthetic.study(dir, new RandomSearch(TRIALS, 3), counting).build().run();
        assertEquals(List.of(3, 4, 5, 6, 7), ran);
        assertEquals(Synthetic.essence(reference), Synthetic.essence(resumed));
    }

    @Test
    void resumesAfterACrashMidTrialWithATornLastLine() throws Exception {
        StudyResults reference = uninterrupted(new Asha(new RandomSearch(TRIALS, 4), 10, 50));
        List<String> lines = referenceLog();
        Path dir = tmp.resolve("torn");
        Files.createDirectories(dir);
        // Trial 5 was being written when the process died: half its line, no newline.
        String torn = lines.get(6).substring(0, lines.get(6).length() / 2);
        Files.writeString(dir.resolve(TrialLog.FILE), String.join("\n", lines.subList(0, 6)) + "\n" + torn, StandardCharsets.UTF_8);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        StudyResults resumed = Synthetic.study(dir, new Asha(new RandomSearch(TRIALS, 4), 10, 50), (t, c) -> {
            ran.add(t.index());
            return Synthetic.curve().run(t, c);
        }).build().run();
        assertEquals(List.of(5, 6, 7), ran);
        assertEquals(1, resumed.warnings().size());
        assertTrue(resumed.warnings().get(0).contains("line 7"), resumed.warnings().get(0));
        // ASHA's rung records were rebuilt from the saved curves, so it decides as it did before.
        assertEquals(Synthetic.essence(reference), Synthetic.essence(resumed));
        assertEquals(1 + TRIALS, Synthetic.lines(dir.resolve(TrialLog.FILE)).size());
    }

    @Test
    void aCorruptLineInsideTheLogIsAnErrorNamingFileAndLine() throws Exception {
        Path dir = tmp.resolve("corrupt");
        Synthetic.study(dir, new RandomSearch(3, 1), Synthetic.curve()).build().run();
        Path file = dir.resolve(TrialLog.FILE);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"config\"", "\"confi"));
        Files.write(file, lines);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Synthetic.study(dir, new RandomSearch(3, 1), Synthetic.curve()).build().run());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aDirectoryOfAnotherStudyIsRefused() {
        Path dir = tmp.resolve("other");
        Synthetic.study(dir, new RandomSearch(3, 1), Synthetic.curve()).build().run();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Synthetic.study(dir, new RandomSearch(3, 2), Synthetic.curve()).build().run());
        assertTrue(e.getMessage().contains("different study"), e.getMessage());
    }

    @Test
    void interruptStopsCleanlyKeepsFinishedTrialsAndResumes() throws Exception {
        StudyResults reference = uninterrupted(new RandomSearch(TRIALS, 9));
        Path dir = tmp.resolve("interrupted");
        CountDownLatch trial3Running = new CountDownLatch(1);
        Objective blocksAt3 = (t, c) -> {
            if (t.index() != 3) return Synthetic.curve().run(t, c);
            c.report(10, Map.of("accuracy", 0.1));
            trial3Running.countDown();
            while (!c.shouldStop()) Thread.onSpinWait();
            return TrialOutcome.lastReported();
        };
        AtomicReference<StudyResults> out = new AtomicReference<>();
        AtomicBoolean flagLeftSet = new AtomicBoolean();
        Thread cell = new Thread(() -> {
            out.set(Synthetic.study(dir, new RandomSearch(TRIALS, 9), blocksAt3).build().run());
            flagLeftSet.set(Thread.currentThread().isInterrupted());
        });
        cell.start();
        trial3Running.await();
        cell.interrupt();
        cell.join();
        assertTrue(flagLeftSet.get(), "run() must leave the interrupt flag set");
        StudyResults partial = out.get();
        assertNotNull(partial);
        assertTrue(partial.interrupted());
        assertEquals(List.of(0, 1, 2), partial.trials().stream().map(TrialResult::index).toList());
        assertEquals(4, Synthetic.lines(dir.resolve(TrialLog.FILE)).size());

        StudyResults resumed = Synthetic.study(dir, new RandomSearch(TRIALS, 9), Synthetic.curve()).build().run();
        assertEquals(Synthetic.essence(reference), Synthetic.essence(resumed));
    }

    @Test
    void aTrialsWorkDirSurvivesACrashAndIsDeletedOnceTheTrialIsSaved() throws Exception {
        Path dir = tmp.resolve("work");
        // A previous run died in trial 0 after writing a checkpoint.
        Path leftover = dir.resolve("trials").resolve("0").resolve("checkpoint.bin");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "step 30");
        List<String> found = Collections.synchronizedList(new ArrayList<>());
        Synthetic.study(dir, new RandomSearch(2, 1), (t, c) -> {
            Path cp = c.workDir().resolve("checkpoint.bin");
            found.add(t.index() + ":" + (Files.exists(cp) ? Files.readString(cp) : "none"));
            Files.writeString(cp, "done");
            return Synthetic.curve().run(t, c);
        }).build().run();
        assertEquals(List.of("0:step 30", "1:none"), found);
        assertFalse(Files.exists(dir.resolve("trials").resolve("0")));
        assertFalse(Files.exists(dir.resolve("trials").resolve("1")));
    }

    @Test
    void aFailingTrialIsRecordedAndTheStudyGoesOn() {
        Objective failsOn2 = (t, c) -> {
            if (t.index() == 2) throw new IllegalStateException("loss exploded");
            return Synthetic.curve().run(t, c);
        };
        StudyResults r = Synthetic.study(tmp.resolve("fail"), new RandomSearch(4, 1), failsOn2).build().run();
        assertEquals(TrialResult.Status.FAILED, r.trials().get(2).status());
        assertTrue(r.trials().get(2).error().contains("loss exploded"));
        assertEquals(4, r.trials().size());
        assertTrue(r.best().isPresent() && r.best().get().index() != 2);
    }

    @Test
    void nanMetricsSurviveTheLog() {
        Path dir = tmp.resolve("nan");
        Objective diverges = (t, c) -> {
            c.report(10, Map.of("accuracy", 0.1, "loss", Double.NaN));
            return TrialOutcome.of(Map.of("accuracy", 0.1, "loss", Double.POSITIVE_INFINITY));
        };
        StudyResults r = Synthetic.study(dir, new RandomSearch(2, 1), diverges).build().run();
        StudyResults loaded = StudyResults.load(dir, Synthetic.LR_SPACE, Goal.maximize("accuracy"));
        assertEquals(Synthetic.essence(r), Synthetic.essence(loaded));
        assertTrue(Double.isNaN(loaded.trials().get(0).curve().get(0).metrics().get("loss")));
    }

    @Test
    void aMetricNamedLikeAParameterGetsItsOwnColumn() {
        // The Trainer reports the scheduled "lr" as a metric while "lr" is also the searched parameter.
        Objective reportsLr = (trial, ctx) -> TrialOutcome.of(Map.of("accuracy", 0.5, "lr", trial.config().getDouble("lr") / 2));
        StudyResults r = Study.builder().space(Synthetic.LR_SPACE).strategy(new RandomSearch(2, 1)).objective(reportsLr)
                .dir(tmp.resolve("lr-metric")).progress(false).build().run();
        Table t = r.table();
        assertEquals(t.doubleColumn("lr").getDouble(1) / 2, t.doubleColumn("lr_final").getDouble(1), 1e-15);
    }

    @Test
    void tablesHaveOneRowPerTrialAndPerPoint() {
        Space space = Space.builder().logUniform("lr", 1e-6, 1e-2).choice("batch", 64, 128).build();
        StudyResults r = Study.builder().space(space).strategy(new RandomSearch(5, 2)).objective(Synthetic.curve())
                .dir(tmp.resolve("tables")).progress(false).build().run();
        Table t = r.table();
        assertEquals(5, t.rowCount());
        assertEquals(List.of("trial", "status", "lr", "batch", "seed", "accuracy", "loss", "steps", "wall_s", "peak_heap_mb", "peak_offheap_mb", "peak_rss_mb"),
                t.columnNames());
        assertEquals(r.trials().get(4).config().getDouble("lr"), t.doubleColumn("lr").getDouble(4));
        // Printed short (the values above keep full precision): a learning rate as 3.21e-05, not 3.2145678901e-05.
        String printedLr = t.doubleColumn("lr").getString(4);
        assertEquals(Config.format(r.trials().get(4).config().getDouble("lr")), printedLr);
        assertTrue(printedLr.matches("\\d\\.\\d\\de-0\\d"), printedLr);
        assertTrue(t.print().contains(printedLr));
        Table curves = r.curves();
        assertEquals(5 * 5 * 2, curves.rowCount());
        assertEquals(List.of("trial", "step", "metric", "value"), curves.columnNames());
        Table best = r.bestSoFar();
        double running = 0;
        for (int i = 0; i < 5; i++) {
            running = Math.max(running, r.trials().get(i).metric("accuracy"));
            assertEquals(running, best.doubleColumn("best_accuracy").getDouble(i));
        }
        assertEquals(250, best.longColumn("steps").getLong(4));
    }

    @Test
    void twoStudiesCannotShareADirectoryAtOnce() throws Exception {
        Path dir = tmp.resolve("locked");
        CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread first = new Thread(() -> Synthetic.study(dir, new RandomSearch(1, 1), (t, c) -> {
            inside.countDown();
            release.await();
            return TrialOutcome.of("accuracy", 1);
        }).build().run());
        first.start();
        inside.await();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Synthetic.study(dir, new RandomSearch(1, 1), Synthetic.curve()).build().run());
            assertTrue(e.getMessage().contains("another study"), e.getMessage());
        } finally {
            release.countDown();
            first.join();
        }
        Set<Integer> seen = new HashSet<>();
        for (TrialResult t : StudyResults.load(dir, Synthetic.LR_SPACE, Goal.maximize("accuracy")).trials()) assertTrue(seen.add(t.index()));
    }

    @Test
    void nativeThreadsHoldOnlyWhileTheStudyRunsEvenWhenItFails() {
        // ND4J caps its limits at OMP_NUM_THREADS (1 under surefire), so watch the calls through a stand-in.
        int[] limits = {4, 3};
        Study.ThreadLimits fake = new Study.ThreadLimits() {
            @Override public synchronized int[] get() { return limits.clone(); }
            @Override public synchronized void set(int threads, int master) { limits[0] = threads; limits[1] = master; }
        };
        Study.ThreadLimits real = Study.threadLimits;
        Study.threadLimits = fake;
        try {
            Set<List<Integer>> seen = Collections.synchronizedSet(new HashSet<>());
            Synthetic.study(tmp.resolve("threads"), new RandomSearch(4, 1), (t, c) -> {
                seen.add(List.of(fake.get()[0], fake.get()[1]));
                return Synthetic.curve().run(t, c);
            }).workers(2).nativeThreads(1).build().run();
            assertEquals(Set.of(List.of(1, 1)), seen, "trials run on one ND4J thread each");
            assertEquals(List.of(4, 3), List.of(limits[0], limits[1]), "the kernel session gets its thread limits back");
            // A study that throws (its directory belongs to another study) restores them too.
            assertThrows(IllegalStateException.class, () -> Study.builder().space(Space.builder().uniform("x", 0, 1).build())
                    .strategy(new RandomSearch(4, 1)).objective(Synthetic.curve()).dir(tmp.resolve("threads"))
                    .progress(false).nativeThreads(1).build().run());
            assertEquals(List.of(4, 3), List.of(limits[0], limits[1]));
            // Without nativeThreads the limits are left alone.
            Synthetic.study(tmp.resolve("untouched"), new RandomSearch(2, 1), (t, c) -> {
                seen.add(List.of(fake.get()[0], fake.get()[1]));
                return Synthetic.curve().run(t, c);
            }).build().run();
            assertTrue(seen.contains(List.of(4, 3)));
        } finally {
            Study.threadLimits = real;
        }
        int[] nd4j = Study.ThreadLimits.ND4J.get();
        assertTrue(nd4j[0] >= 1 && nd4j[1] >= 1, "the real limits can be read");
    }

    @Test
    void workersAreCappedByCoresAndMemory() {
        long mb = 1L << 20;
        assertEquals(2, Study.workersFor(4, 2, 100 * mb, 10_000 * mb), "no more workers than cores");
        assertEquals(3, Study.workersFor(3, 8, 100 * mb, 350 * mb), "no more trials than fit in memory");
        assertEquals(1, Study.workersFor(3, 8, 100 * mb, 50 * mb), "always at least one");
        assertEquals(3, Study.workersFor(3, 8, 0, 0), "unknown footprint: cores decide");
        assertTrue(Study.workersFor(2, 100 * mb) >= 1);
        assertThrows(IllegalArgumentException.class, () -> Study.workersFor(0, 2, mb, mb));
    }

    @Test
    void poolingRunsRenumbersTheirTrialsAndLeavesPrunedOnesOut() {
        StudyResults a = Synthetic.study(tmp.resolve("pa"), new RandomSearch(3, 1), Synthetic.curve()).build().run();
        StudyResults b = Synthetic.study(tmp.resolve("pb"), new Asha(new RandomSearch(8, 2), 10, 50, 2), Synthetic.curve()).build().run();
        long pruned = b.trials().stream().filter(t -> t.status() == TrialResult.Status.PRUNED).count();
        assertTrue(pruned > 0, "ASHA stopped some trials");
        StudyResults pooled = StudyResults.pool(List.of(a, b), false);
        assertEquals(3 + 8 - pruned, pooled.trials().size());
        for (int i = 0; i < pooled.trials().size(); i++) assertEquals(i, pooled.trials().get(i).index());
        assertEquals(a.trials().get(2).config(), pooled.trials().get(2).config());
        assertEquals(11, StudyResults.pool(List.of(a, b), true).trials().size());
        StudyResults other = Study.builder().space(Space.builder().uniform("x", 0, 1).build()).strategy(new RandomSearch(1, 1))
                .objective((t, c) -> TrialOutcome.of("accuracy", 1)).dir(tmp.resolve("px")).progress(false).build().run();
        assertThrows(IllegalArgumentException.class, () -> StudyResults.pool(List.of(a, other), false));
    }
}
