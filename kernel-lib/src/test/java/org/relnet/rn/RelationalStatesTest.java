package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relnet.data.clevr.SortOfClevrDataset;
import org.relnet.train.EvalPoint;
import org.relnet.train.TrainResult;

/**
 * Issue #4's learning test: with the notebook's state-description settings ({@link VisualQaRuns#quickStates()}:
 * 800 training images, objects as an unordered set, width 64, Adam 3e-3, 3,000 steps, fixed seeds), the RN
 * answers both kinds of question well while the MLP over the concatenated objects stays clearly lower on the
 * relational ones. Per subtype (measured 2026-11-23, see notebook 03): the RN's relational lead is the count
 * question; "closest"/"farthest" are not learned by either model in a run this short.
 */
class RelationalStatesTest {

    @Test
    void relationNetworkAnswersBothKindsWhileTheMlpStaysLowerOnRelationalQuestions() {
        VisualQaRuns.States s = VisualQaRuns.quickStates();
        SortOfClevrDataset data = s.generator().toBuilder().showProgress(false).threads(1).build().generate();
        TrainResult rn = s.train("RN", s.rn(), data);
        TrainResult mlp = s.train("MLP", s.mlp(), data);
        assertEquals(TrainResult.Status.COMPLETED, rn.status(), rn.message());
        assertEquals(TrainResult.Status.COMPLETED, mlp.status(), mlp.message());
        EvalPoint r = rn.last().orElseThrow(), m = mlp.last().orElseThrow();
        String seen = String.format(java.util.Locale.ROOT, "RN %s | MLP %s", describe(r), describe(m));
        System.out.println("state descriptions, " + s.steps() + " steps: " + seen);
        assertTrue(r.accuracy("test", "non-relational") >= 0.93, "RN non-relational: " + seen);
        assertTrue(r.accuracy("test", "relational") >= 0.74, "RN relational: " + seen);
        assertTrue(r.accuracy("test", "relational") >= m.accuracy("test", "relational") + 0.06, "RN clearly ahead on relational: " + seen);
        assertTrue(r.accuracy("test", "count") >= m.accuracy("test", "count") + 0.08, "the count question: " + seen);
    }

    private static String describe(EvalPoint p) {
        StringBuilder b = new StringBuilder();
        for (String c : new String[] {"non-relational", "relational", "shape", "left", "top", "closest", "farthest", "count"}) {
            b.append(String.format(java.util.Locale.ROOT, "%s %.3f ", c, p.accuracy("test", c)));
        }
        return b.toString().trim();
    }
}
