package org.relnet.data.clevr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.relnet.rn.StateMlpBaseline;

class ClevrAccuracyTest {
    @Test
    void aModelThatAlwaysSaysYesScoresTheShareOfYesAnswers() {
        ClevrSplit test = SortOfClevr.builder().imageSize(75).images(100).seed(4).threads(1).build().generate().test();
        ComputationGraph alwaysYes = StateMlpBaseline.builder().objects(6, 10).question(11).hidden(4).dropout(0, 0).build();
        alwaysYes.params().assign(0);
        alwaysYes.getLayer("answer").getParam("b").putScalar(Answer.YES.ordinal(), 1.0);

        ClevrAccuracy acc = ClevrAccuracy.of(alwaysYes, test, ClevrIterator.Input.STATE, 64);

        long[] yes = new long[Subtype.COUNT], n = new long[Subtype.COUNT];
        for (int e = 0; e < test.examples(); e++) {
            Subtype s = test.question(e).subtype();
            n[s.ordinal()]++;
            if (test.answer(e) == Answer.YES) yes[s.ordinal()]++;
        }
        assertEquals((double) yes[Subtype.LEFT.ordinal()] / n[Subtype.LEFT.ordinal()], acc.of(Subtype.LEFT), 1e-12);
        assertEquals((double) (yes[1] + yes[2]) / (n[0] + n[1] + n[2]), acc.nonRelational(), 1e-12);
        assertEquals(0.0, acc.relational(), 0.0);
        assertEquals(test.examples(), java.util.Arrays.stream(acc.total()).sum());
    }
}
