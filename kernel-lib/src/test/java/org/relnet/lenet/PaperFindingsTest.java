package org.relnet.lenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The verdicts on hand-made measurements whose answers are known, no training involved. */
class PaperFindingsTest {

    /**
     * ms per 100 iterations = 20 + 3.5 x batch (exactly linear); RSS = 150 + batch MB; accuracy
     * rises with lr x batch, except case 6 held at {@code case6Accuracy} unless that is NaN.
     */
    private static StudyResult study(boolean case8Diverges, double case6Accuracy) {
        List<CaseResult> results = new ArrayList<>();
        for (StudyCase c : StudyCase.paper()) {
            Table h = Table.create("h", IntColumn.create("step"), DoubleColumn.create("lr"), DoubleColumn.create("loss"),
                    DoubleColumn.create("test_loss"), DoubleColumn.create("test_acc"));
            boolean diverged = case8Diverges && c.number() == 8;
            for (int step = 100; step <= 1000 && !diverged; step += 100) {
                double acc = c.number() == 6 && !Double.isNaN(case6Accuracy) ? case6Accuracy : Math.min(0.99, 1 - Math.exp(-step * c.baseLr() * c.trainBatch() / 64.0));
                h.intColumn("step").append(step);
                h.doubleColumn("lr").append(c.baseLr());
                h.doubleColumn("loss").append(0.1);
                h.doubleColumn("test_loss").append(0.1);
                h.doubleColumn("test_acc").append(acc);
            }
            results.add(new CaseResult(c, diverged ? "DIVERGED" : "COMPLETED", "", diverged ? 12 : 1000, 79, h,
                    diverged ? 0.098 : Double.NaN, new double[] {20 + 3.5 * c.trainBatch()}, 100, 30,
                    150 + c.trainBatch(), 10, 0.05, 0.57 * c.trainBatch(), 0.6 * c.trainBatch(), 5.17));
        }
        return new StudyResult("SYNTHETIC test data", false, StudySettings.full(), results, false);
    }

    private static String verdict(Table findings, String findingStart) {
        for (int i = 0; i < findings.rowCount(); i++) {
            if (findings.stringColumn("finding (paper)").get(i).startsWith(findingStart)) {
                return findings.stringColumn("agrees").get(i);
            }
        }
        throw new AssertionError("no finding starting with '" + findingStart + "'");
    }

    @Test
    void verdictsFollowTheMeasurements() {
        Table f = study(true, 0.1).findings();
        assertEquals(11, f.rowCount());
        assertTrue(f.name().contains("SYNTHETIC"));
        assertTrue(verdict(f, "time per 100 iterations grows linearly").startsWith("yes"));
        assertTrue(verdict(f, "time does not depend").startsWith("yes"));
        assertTrue(verdict(f, "case 8 (lr 0.1) never learns").startsWith("yes"));
        assertTrue(verdict(f, "case 6 (batch 32, lr 0.02) oscillates").startsWith("yes"));
        assertTrue(verdict(f, "halving the batch and doubling").startsWith("no"));
        // RSS 214 -> 278 MB is +30 %, 214 -> 182 MB is -15 %: both within x2 of the paper's +26 % / -16 %
        assertTrue(verdict(f, "doubling the batch").startsWith("yes"));
        assertTrue(verdict(f, "halving the batch (case 1 -> 2)").startsWith("yes"));
        assertTrue(verdict(f, "only the batch size affects memory").startsWith("yes"));
    }

    @Test
    void aLearningCase8AndATrackingCase6AreReportedAsDisagreementAndAgreement() {
        Table f = study(false, Double.NaN).findings();
        assertTrue(verdict(f, "case 8 (lr 0.1) never learns").startsWith("no"), verdict(f, "case 8"));
        // case 6 (batch 32, lr 0.02) has case 1's lr x batch here, so its curve is case 1's
        assertTrue(verdict(f, "halving the batch and doubling").startsWith("yes"), verdict(f, "halving the batch and"));
        assertTrue(verdict(f, "case 6 (batch 32, lr 0.02) oscillates").startsWith("no"));
    }
}
