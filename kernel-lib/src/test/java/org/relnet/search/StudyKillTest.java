package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a study process at any moment: resuming loses no finished trial and repeats none. */
class StudyKillTest {
    @TempDir Path tmp;

    private Process startChild(Path dir, int workers, String mode) throws Exception {
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashableStudy.class.getName(), dir.toString(), Integer.toString(workers), mode);
        pb.redirectOutput(tmp.resolve("child.out").toFile());
        pb.redirectError(tmp.resolve("child.err").toFile());
        return pb.start();
    }

    /** Polls for a condition; gives up (failing with the child's stderr) only if the child died or a minute passed. */
    private void awaitCondition(Process child, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("child never reached: " + what + " (alive=" + child.isAlive() + ")\n" + Files.readString(tmp.resolve("child.err")));
            }
            Thread.sleep(10);
        }
    }

    private static int trialLines(Path dir) {
        try {
            return Math.max(0, Synthetic.lines(dir.resolve(TrialLog.FILE)).size() - 1);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private StudyResults reference() {
        return Synthetic.study(tmp.resolve("reference"), CrashableStudy.strategy(), Synthetic.curve()).build().run();
    }

    private static Set<Integer> indices(StudyResults r) {
        Set<Integer> s = new HashSet<>();
        for (TrialResult t : r.trials()) s.add(t.index());
        return s;
    }

    @Test
    void killedMidTrialResumesWithThatTrialRunAgainFromScratch() throws Exception {
        Path dir = tmp.resolve("mid");
        Process child = startChild(dir, 1, "block:4");
        awaitCondition(child, () -> Files.exists(dir.resolve("inflight")), "trial 4 in flight");
        child.destroyForcibly().waitFor();
        assertEquals(4, trialLines(dir), "trials 0-3 finished and saved, trial 4 was running");

        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        StudyResults resumed = Synthetic.study(dir, CrashableStudy.strategy(), (t, c) -> {
            ran.add(t.index());
            return Synthetic.curve().run(t, c);
        }).build().run();
        assertEquals(List.of(4, 5, 6, 7, 8, 9), ran);
        assertEquals(Synthetic.essence(reference()), Synthetic.essence(resumed));
        assertEquals(1 + CrashableStudy.TRIALS, Synthetic.lines(dir.resolve(TrialLog.FILE)).size());
    }

    @Test
    void killedAtAnArbitraryMomentWithTwoWorkersResumes() throws Exception {
        Path dir = tmp.resolve("anywhere");
        Process child = startChild(dir, 2, "slow");
        awaitCondition(child, () -> trialLines(dir) >= 3, "3 finished trials");
        child.destroyForcibly().waitFor();
        // Whatever was saved before the kill (the last line may be torn) is what the resume must keep.
        Set<Integer> saved = indices(StudyResults.load(dir, Synthetic.LR_SPACE, Goal.maximize("accuracy")));
        assertTrue(saved.size() >= 3 && saved.size() < CrashableStudy.TRIALS, "saved " + saved);

        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        StudyResults resumed = Synthetic.study(dir, CrashableStudy.strategy(), (t, c) -> {
            ran.add(t.index());
            return Synthetic.curve().run(t, c);
        }).build().run();
        for (int i : ran) assertFalse(saved.contains(i), "finished trial " + i + " ran again");
        assertEquals(CrashableStudy.TRIALS, saved.size() + ran.size(), "every unfinished trial ran exactly once");
        assertEquals(Synthetic.essence(reference()), Synthetic.essence(resumed));
    }
}
