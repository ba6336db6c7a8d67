package org.relnet.data.clevr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.relnet.rn.StateMlpBaseline;
import org.relnet.train.EvalResult;

class ClevrEvalSetTest {
    @Test
    void aModelThatAlwaysSaysYesScoresTheShareOfYesAnswersPerCategory() {
        ClevrSplit test = SortOfClevr.builder().imageSize(75).images(100).seed(4).threads(1).build().generate().test();
        ComputationGraph alwaysYes = StateMlpBaseline.builder().objects(6, 10).question(11).hidden(4).dropout(0, 0).build();
        alwaysYes.params().assign(0);
        alwaysYes.getLayer("answer").getParam("b").putScalar(Answer.YES.ordinal(), 1.0);

        EvalResult r = ClevrIterator.evalSet("test", test, ClevrIterator.Input.STATE, 64).evaluate(alwaysYes);

        long[] yes = new long[Subtype.COUNT], n = new long[Subtype.COUNT];
        for (int e = 0; e < test.examples(); e++) {
            Subtype s = test.question(e).subtype();
            n[s.ordinal()]++;
            if (test.answer(e) == Answer.YES) yes[s.ordinal()]++;
        }
        assertEquals((double) yes[Subtype.LEFT.ordinal()] / n[Subtype.LEFT.ordinal()], r.accuracy("left"), 1e-12);
        assertEquals((double) yes[Subtype.TOP.ordinal()] / n[Subtype.TOP.ordinal()], r.accuracy("top"), 1e-12);
        assertEquals((double) (yes[1] + yes[2]) / (n[0] + n[1] + n[2]), r.accuracy("non-relational"), 1e-12);
        assertEquals(0.0, r.accuracy("relational"), 0.0);
        assertEquals(0.0, r.accuracy("shape"), 0.0);
        assertEquals(test.examples(), r.examples());
    }
}
