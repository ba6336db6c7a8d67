package org.relnet.data.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ToyScenesTest {

    @Test
    void answersFollowFromTheTensors() {
        int n = 5;
        ToyScenes data = ToyScenes.generate(300, n, 11);
        INDArray o = data.objects();
        INDArray q = data.questions();
        INDArray a = data.answers();
        assertArrayEquals(new long[] {300, n, n + 2}, o.shape());
        int relational = 0;
        for (int s = 0; s < 300; s++) {
            int colour = q.getRow(s).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).argMax().getInt(0);
            int slot = -1;
            for (int i = 0; i < n; i++) if (o.getFloat(s, i, colour) == 1f) slot = i;
            float x = o.getFloat(s, slot, n);
            int expected;
            if (q.getFloat(s, n + 1) == 1f) {
                relational++;
                int left = 0;
                for (int j = 0; j < n; j++) if (o.getFloat(s, j, n) < x) left++;
                expected = 2 + left;
                assertEquals(String.valueOf(left), data.answerName(expected));
            } else {
                expected = x < 0.5f ? 0 : 1;
            }
            assertEquals(expected, a.getRow(s).argMax().getInt(0), "scene " + s);
            assertEquals(1f, a.getRow(s).sumNumber().floatValue());
        }
        assertTrue(relational > 100 && relational < 200, "about half the questions are relational: " + relational);
    }

    @Test
    void sameSeedSameScenes() {
        assertEquals(ToyScenes.generate(20, 4, 3).objects(), ToyScenes.generate(20, 4, 3).objects());
        assertTrue(!ToyScenes.generate(20, 4, 3).objects().equals(ToyScenes.generate(20, 4, 4).objects()));
    }

    @Test
    void permutedReordersObjects() {
        INDArray o = ToyScenes.generate(3, 4, 1).objects();
        INDArray p = ToyScenes.permuted(o, 2, 0, 3, 1);
        assertEquals(o.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(2)),
                p.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)));
        assertThrows(IllegalArgumentException.class, () -> ToyScenes.permuted(o, 0, 0, 1, 2));
    }

    @Test
    void pairTensorRowsAreOrderedPairsWithTheQuestion() {
        INDArray objects = Nd4j.create(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray pairs = PairTensor.of(objects, Nd4j.create(new float[] {9}));
        assertArrayEquals(new long[] {9, 5}, pairs.shape());
        assertArrayEquals(new float[] {3, 4, 5, 6, 9}, pairs.getRow(1 * 3 + 2).toFloatVector());   // pair (1, 2)
        assertArrayEquals(new float[] {5, 6, 5, 6, 9}, pairs.getRow(8).toFloatVector());           // self pair (2, 2)
        assertEquals(9, PairTensor.table(objects, null).rowCount());
    }
}
