package org.relnet.lenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Each finding of the paper (papers.md part B) beside what this run measured, with a verdict:
 * "yes", "no", "partly", or "n/a" when the run lacks the cases or iterations to say. The verdict
 * thresholds are stated in the row so a reader can disagree with them.
 */
final class PaperFindings {
    private PaperFindings() {}

    static Table compare(StudyResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(timeLinearInBatch(r));
        rows.add(timeIndependentOfLr(r));
        rows.add(case8NeverLearns(r));
        rows.add(case6Oscillates(r));
        rows.add(case6TracksCase1(r));
        rows.add(slowLearners(r));
        rows.add(reach95(r));
        rows.add(plateauBy400(r));
        rows.add(memoryChange(r, 3, "doubling the batch (case 1 -> 3) raised memory by 26 %", 26));
        rows.add(memoryChange(r, 2, "halving the batch (case 1 -> 2) lowered memory by 16 %", -16));
        rows.add(memoryOnlyBatch(r));
        Table t = Table.create("Paper findings vs this run — " + r.source() + " — " + r.settings().mode() + " mode");
        String[] names = {"finding (paper)", "this run", "agrees"};
        for (int k = 0; k < names.length; k++) {
            StringColumn c = StringColumn.create(names[k]);
            for (String[] row : rows) c.append(row[k]);
            t.addColumns(c);
        }
        return t;
    }

    private static String[] row(String finding, String ours, String verdict) {
        return new String[] {finding, ours, verdict};
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }

    private static OptionalDouble meanOver(StudyResult r, ToDoubleFunction<CaseResult> value, int... cases) {
        double sum = 0;
        int n = 0;
        for (int c : cases) {
            Optional<CaseResult> cr = r.find(c);
            if (cr.isPresent() && Double.isFinite(value.applyAsDouble(cr.get()))) {
                sum += value.applyAsDouble(cr.get());
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    /** Least-squares line through (batch, ms) over the converging cases of each batch. */
    private static String[] timeLinearInBatch(StudyResult r) {
        String finding = "time per 100 iterations grows linearly with batch size";
        int[] batches = {32, 64, 128};
        double[] ms = new double[3];
        for (int i = 0; i < 3; i++) {
            int b = batches[i];
            OptionalDouble m = meanOver(r, CaseResult::msPer100,
                    r.cases().stream().filter(c -> c.studyCase().trainBatch() == b && !c.diverged())
                            .mapToInt(c -> c.studyCase().number()).toArray());
            if (m.isEmpty()) return row(finding, "needs cases with batch 32, 64 and 128", "n/a");
            ms[i] = m.getAsDouble();
        }
        double mx = (32 + 64 + 128) / 3.0, my = (ms[0] + ms[1] + ms[2]) / 3;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 3; i++) {
            sxy += (batches[i] - mx) * (ms[i] - my);
            sxx += (batches[i] - mx) * (batches[i] - mx);
            syy += (ms[i] - my) * (ms[i] - my);
        }
        double r2 = syy == 0 ? 0 : sxy * sxy / (sxx * syy);
        double slope = sxy / sxx;
        String ours = f("batch 32 / 64 / 128: %.0f / %.0f / %.0f ms; x%.2f per doubling (64/32), x%.2f (128/64); "
                + "linear fit R^2 %.3f, %.2f ms per extra example", ms[0], ms[1], ms[2], ms[1] / ms[0], ms[2] / ms[1], r2, slope);
        return row(finding, ours, r2 >= 0.98 && slope > 0 ? "yes (R^2 >= 0.98)" : "no (R^2 < 0.98)");
    }

    private static String[] timeIndependentOfLr(StudyResult r) {
        String finding = "time does not depend on the learning rate (batch 64: cases 1, 4, 5, 7, 8)";
        // A diverged run stopped after a few (warm-up heavy) iterations: its time is not comparable.
        List<CaseResult> group = completed(pick(r, StudyCase.LR_GROUP));
        if (group.size() < 2) return row(finding, "needs at least two batch-64 cases that did not diverge", "n/a");
        double lo = Double.MAX_VALUE, hi = 0, sum = 0;
        StringBuilder sb = new StringBuilder();
        for (CaseResult c : group) {
            lo = Math.min(lo, c.msPer100());
            hi = Math.max(hi, c.msPer100());
            sum += c.msPer100();
            sb.append(f("%s%d: %.0f", sb.length() == 0 ? "" : ", ", c.studyCase().number(), c.msPer100()));
        }
        double spread = (hi - lo) / (sum / group.size());
        return row(finding, f("ms per 100 iterations %s (diverged cases left out); spread %.0f %% of the mean", sb, 100 * spread),
                spread <= 0.15 ? "yes (spread <= 15 %)" : "no (spread > 15 %)");
    }

    private static String[] case8NeverLearns(StudyResult r) {
        String finding = "case 8 (lr 0.1) never learns (accuracy < 0.1)";
        Optional<CaseResult> c8 = r.find(8);
        if (c8.isEmpty()) return row(finding, "case 8 not run", "n/a");
        CaseResult c = c8.get();
        double best = c.diverged() ? Math.max(nz(c.bestAccuracy()), nz(c.finalAccuracy())) : c.bestAccuracy();
        String how = c.diverged()
                ? f("best accuracy %.3f, then diverged at iteration %d (loss exploded); accuracy afterwards %.3f",
                        best, c.steps(), c.finalAccuracy())
                : f("best accuracy %.3f, final %.3f", c.bestAccuracy(), c.finalAccuracy());
        String verdict = best <= 0.2 ? "yes (best <= 0.2)" : c.diverged() ? "partly (learned first, then diverged)" : "no (it learned)";
        return row(finding, how, verdict);
    }

    private static double nz(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String[] case6Oscillates(StudyResult r) {
        String finding = "case 6 (batch 32, lr 0.02) oscillates around 0.1 after 200 iterations";
        Optional<CaseResult> c6 = r.find(6);
        if (c6.isEmpty()) return row(finding, "case 6 not run", "n/a");
        CaseResult c = c6.get();
        double lo = Double.NaN, hi = Double.NaN;
        for (int i = 0; i < c.history().rowCount(); i++) {
            if (c.history().intColumn("step").get(i) < 200) continue;
            double a = c.history().doubleColumn("test_acc").get(i);
            lo = Double.isNaN(lo) ? a : Math.min(lo, a);
            hi = Double.isNaN(hi) ? a : Math.max(hi, a);
        }
        if (c.diverged()) return row(finding, f("diverged at iteration %d; accuracy afterwards %.3f", c.steps(), c.finalAccuracy()), "yes (diverged)");
        if (Double.isNaN(lo)) return row(finding, "no evaluation at or after iteration 200", "n/a");
        return row(finding, f("accuracy from iteration 200 on: %.3f .. %.3f", lo, hi), hi <= 0.2 ? "yes" : "no (it learned)");
    }

    private static String[] case6TracksCase1(StudyResult r) {
        String finding = "halving the batch and doubling the lr (case 6) tracks case 1";
        Optional<CaseResult> c1 = r.find(1), c6 = r.find(6);
        if (c1.isEmpty() || c6.isEmpty()) return row(finding, "needs cases 1 and 6", "n/a");
        double maxGap = 0;
        int n = 0;
        for (int i = 0; i < c1.get().history().rowCount(); i++) {
            int step = c1.get().history().intColumn("step").get(i);
            double a6 = c6.get().accuracyAt(step);
            if (Double.isNaN(a6)) continue;
            maxGap = Math.max(maxGap, Math.abs(a6 - c1.get().history().doubleColumn("test_acc").get(i)));
            n++;
        }
        if (n == 0) {
            return row(finding, f("case 6 %s at iteration %d, case 1 final %.3f", c6.get().status(), c6.get().steps(),
                    c1.get().finalAccuracy()), c6.get().diverged() ? "no (case 6 diverged)" : "n/a");
        }
        return row(finding, f("largest accuracy gap over %d shared evaluations: %.3f; finals %.3f vs %.3f", n, maxGap,
                c6.get().finalAccuracy(), c1.get().finalAccuracy()), maxGap <= 0.05 ? "yes (gap <= 0.05)" : "no (gap > 0.05)");
    }

    private static String[] slowLearners(StudyResult r) {
        String finding = "cases 5, 7, 9 (small lr) learn slowly";
        Optional<CaseResult> c1 = r.find(1);
        if (c1.isEmpty() || c1.get().history().rowCount() == 0) return row(finding, "needs case 1 as reference", "n/a");
        int first = c1.get().history().intColumn("step").get(0);
        double ref = c1.get().history().doubleColumn("test_acc").get(0);
        StringBuilder sb = new StringBuilder(f("accuracy at iteration %d: case 1 %.3f", first, ref));
        int slower = 0, seen = 0;
        for (int n : new int[] {5, 7, 9}) {
            Optional<CaseResult> c = r.find(n);
            if (c.isEmpty()) continue;
            double a = c.get().accuracyAt(first);
            sb.append(f(", case %d %.3f", n, a));
            seen++;
            if (a < ref) slower++;
        }
        if (seen == 0) return row(finding, "cases 5, 7, 9 not run", "n/a");
        return row(finding, sb.toString(), slower == seen ? "yes" : slower > 0 ? "partly" : "no");
    }

    private static String[] reach95(StudyResult r) {
        String finding = "all but case 5 reach ~0.95 by the end (1,000 iterations)";
        List<String> reached = new ArrayList<>(), not = new ArrayList<>();
        for (CaseResult c : r.cases()) {
            (c.finalAccuracy() >= 0.95 ? reached : not).add(String.valueOf(c.studyCase().number()));
        }
        String ours = f("after %d iterations: >= 0.95: cases %s; below: %s", r.settings().iterations(),
                reached.isEmpty() ? "none" : String.join(", ", reached), not.isEmpty() ? "none" : String.join(", ", not));
        boolean five = not.contains("5");
        if (r.find(5).isEmpty()) return row(finding, ours, "n/a (case 5 not run)");
        String verdict = not.equals(List.of("5")) ? "yes" : five ? "partly (case 5 below, others too)" : "no (case 5 reached it)";
        if (r.settings().iterations() < 1000) verdict += "; run shorter than the paper's";
        return row(finding, ours, verdict);
    }

    private static String[] plateauBy400(StudyResult r) {
        String finding = "all batch sizes (cases 1, 2, 3) reach their plateau by ~400 iterations";
        List<CaseResult> group = pick(r, StudyCase.BATCH_GROUP);
        if (group.isEmpty()) return row(finding, "cases 1-3 not run", "n/a");
        StringBuilder sb = new StringBuilder();
        boolean all = true;
        for (CaseResult c : group) {
            int step = plateauStep(c);
            all &= step >= 0 && step <= 400;
            sb.append(f("%scase %d at %s", sb.length() == 0 ? "" : ", ", c.studyCase().number(), step < 0 ? "-" : String.valueOf(step)));
        }
        String verdict = r.settings().iterations() < 400 ? "n/a (run shorter than 400 iterations)" : all ? "yes" : "no";
        return row(finding, "first evaluation within 0.01 of the final accuracy: " + sb, verdict);
    }

    private static int plateauStep(CaseResult c) {
        double fin = c.finalAccuracy();
        for (int i = 0; i < c.history().rowCount(); i++) {
            if (c.history().doubleColumn("test_acc").get(i) >= fin - 0.01) return c.history().intColumn("step").get(i);
        }
        return -1;
    }

    private static String[] memoryChange(StudyResult r, int other, String finding, double paperPercent) {
        Optional<CaseResult> c1 = r.find(1), co = r.find(other);
        if (c1.isEmpty() || co.isEmpty()) return row(finding, "needs cases 1 and " + other, "n/a");
        double rss = 100 * (co.get().rssMb() / c1.get().rssMb() - 1);
        double ws = 100 * (co.get().workspaceMb() / c1.get().workspaceMb() - 1);
        double heap = 100 * (co.get().heapMb() / c1.get().heapMb() - 1);
        String ours = f("process RSS %+.0f %% (%.0f -> %.0f MB); ND4J workspaces %+.0f %%; JVM heap %+.0f %%",
                rss, c1.get().rssMb(), co.get().rssMb(), ws, heap);
        boolean sameSign = Math.signum(rss) == Math.signum(paperPercent);
        boolean similar = sameSign && Math.abs(rss) >= Math.abs(paperPercent) / 2 && Math.abs(rss) <= Math.abs(paperPercent) * 2;
        return row(finding, ours, similar ? "yes (RSS within x2 of the paper's change)" : sameSign ? "partly (same direction)" : "no");
    }

    private static String[] memoryOnlyBatch(StudyResult r) {
        String finding = "only the batch size affects memory (not the lr)";
        List<CaseResult> group = completed(pick(r, StudyCase.LR_GROUP));
        if (group.size() < 2) return row(finding, "needs at least two batch-64 cases that did not diverge", "n/a");
        double lo = Double.MAX_VALUE, hi = 0, wlo = Double.MAX_VALUE, whi = 0;
        for (CaseResult c : group) {
            lo = Math.min(lo, c.rssMb());
            hi = Math.max(hi, c.rssMb());
            wlo = Math.min(wlo, c.workspaceMb());
            whi = Math.max(whi, c.workspaceMb());
        }
        double spread = (hi - lo) / lo;
        return row(finding, f("batch-64 cases: RSS %.0f .. %.0f MB (spread %.0f %%), workspaces %.1f .. %.1f MB",
                lo, hi, 100 * spread, wlo, whi), spread <= 0.05 ? "yes (spread <= 5 %)" : "no (spread > 5 %)");
    }

    private static List<CaseResult> completed(List<CaseResult> cases) {
        return cases.stream().filter(c -> !c.diverged()).toList();
    }

    private static List<CaseResult> pick(StudyResult r, int[] numbers) {
        List<CaseResult> out = new ArrayList<>();
        for (int n : numbers) r.find(n).ifPresent(out::add);
        return out;
    }
}
