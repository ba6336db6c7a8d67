package org.relnet.data.clevr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class ClevrIteratorTest {
    static ClevrSplit split;

    @BeforeAll
    static void data() {
        split = SortOfClevr.builder().imageSize(75).images(20).seed(9).threads(1).build().generate().train(); // 16 images, 320 examples
    }

    @Test
    void pixelBatchesAreNchwInUnitRangeWithQuestionAndOneHotAnswer() {
        ClevrIterator it = ClevrIterator.forEvaluation(split, ClevrIterator.Input.PIXELS, 32);
        MultiDataSet b = it.next();
        INDArray img = b.getFeatures(0), q = b.getFeatures(1), a = b.getLabels(0);
        assertArrayEquals(new long[] {32, 3, 75, 75}, img.shape());
        assertArrayEquals(new long[] {32, 11}, q.shape());
        assertArrayEquals(new long[] {32, 10}, a.shape());
        assertTrue(img.minNumber().doubleValue() >= 0 && img.maxNumber().doubleValue() <= 1);
        // example 21 = image 1, question 1: pixel (x=10, y=20), channel G
        byte[] px = split.pixels(1);
        assertEquals((px[(20 * 75 + 10) * 3 + 1] & 0xFF) / 255f, img.getFloat(21, 1, 20, 10), 1e-6);
        assertEquals(split.question(1, 1), Question.fromVector(q.getRow(21).toFloatVector()));
        assertEquals(split.answer(1, 1).ordinal(), a.getRow(21).argMax().getInt(0));
        assertEquals(1.0, a.sumNumber().doubleValue() / 32, 1e-9);
    }

    @Test
    void stateBatchesDescribeTheScene() {
        ClevrIterator it = ClevrIterator.forEvaluation(split, ClevrIterator.Input.STATE, 40);
        INDArray s = it.next().getFeatures(0);
        assertArrayEquals(new long[] {40, 6, 10}, s.shape());
        Scene scene = split.scene(1); // examples 20..39
        SceneObject blue = scene.object(Colour.BLUE);
        assertEquals(1f, s.getFloat(25, 1, 1)); // colour one-hot
        assertEquals(1f, s.getFloat(25, 1, 6 + blue.shape().ordinal()));
        assertEquals(2 * blue.x() / 75.0 - 1, s.getFloat(25, 1, 8), 1e-6);
        assertEquals(2 * blue.y() / 75.0 - 1, s.getFloat(25, 1, 9), 1e-6);
    }

    @Test
    void shufflingObjectsPermutesEachStateRepeatablyAndKeepsTheRest() {
        MultiDataSet ordered = ClevrIterator.forEvaluation(split, ClevrIterator.Input.STATE, 320).next();
        ClevrIterator eval = ClevrIterator.forEvaluation(split, ClevrIterator.Input.STATE, 320).shufflingObjects();
        MultiDataSet shuffled = eval.next();
        eval.reset();
        assertEquals(shuffled.getFeatures(0), eval.next().getFeatures(0), "an evaluation sees the same order every pass");
        assertEquals(ordered.getFeatures(1), shuffled.getFeatures(1));
        assertEquals(ordered.getLabels(0), shuffled.getLabels(0));
        int moved = 0;
        for (int e = 0; e < 320; e++) {
            float[][] a = rows(ordered.getFeatures(0), e), b = rows(shuffled.getFeatures(0), e);
            if (!Arrays.deepEquals(a, b)) moved++;
            Arrays.sort(a, Arrays::compare);
            Arrays.sort(b, Arrays::compare);
            assertTrue(Arrays.deepEquals(a, b), "example " + e + " holds the same six objects");
        }
        assertTrue(moved > 300, "almost every example is permuted (identity has chance 1/720): " + moved);
        // training: a function of (seed, epoch, example), so two iterators with one seed agree and epochs differ
        ClevrIterator t1 = ClevrIterator.states(split, 320, 5).shufflingObjects(), t2 = ClevrIterator.states(split, 320, 5).shufflingObjects();
        INDArray epoch0 = t1.next().getFeatures(0);
        assertEquals(epoch0, t2.next().getFeatures(0));
        t1.seek(1, 0);
        assertFalse(epoch0.equals(t1.next().getFeatures(0)));
        assertFalse(ClevrIterator.states(split, 32, 5).shufflesObjects());
    }

    private static float[][] rows(INDArray states, int example) {
        float[][] r = new float[6][];
        INDArray m = states.slice(example);
        for (int k = 0; k < 6; k++) r[k] = m.getRow(k).toFloatVector();
        return r;
    }

    @Test
    void everyEpochVisitsEachExampleOnceInASeededShuffle() {
        ClevrIterator a = ClevrIterator.states(split, 64, 42), b = ClevrIterator.states(split, 64, 42);
        int[] epoch0 = a.order();
        assertArrayEquals(epoch0, b.order(), "same seed, same order");
        assertFalse(Arrays.equals(epoch0, ClevrIterator.states(split, 64, 43).order()), "other seed, other order");
        int seen = 0, batches = 0;
        while (a.hasNext()) {
            seen += (int) a.next().getLabels(0).size(0);
            batches++;
        }
        assertEquals(320, seen);
        assertEquals(5, batches);
        a.reset();
        assertEquals(1, a.epoch());
        assertFalse(Arrays.equals(epoch0, a.order()), "reshuffled");
        int[] sorted = a.order();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i]);
    }

    @Test
    void seekReproducesTheBatchesOfAnUninterruptedRun() {
        ClevrIterator run = ClevrIterator.states(split, 32, 5);
        run.reset();
        run.reset(); // epoch 2
        run.next();
        run.next();
        INDArray third = run.next().getFeatures(1);
        ClevrIterator resumed = ClevrIterator.states(split, 32, 5);
        resumed.seek(2, 2);
        assertEquals(third, resumed.next().getFeatures(1));
        assertEquals(2, resumed.epoch());
    }

    @Test
    void evalSetCarriesTypeAndSubtypeCategories() {
        var set = ClevrIterator.evalSet("test", split, ClevrIterator.Input.STATE, 100);
        assertEquals(320, set.size());
        assertEquals(java.util.List.of("non-relational", "relational", "shape", "left", "top", "closest", "farthest", "count"), set.categoryNames());
    }

    @Test
    void categoriesFollowTheIterationOrder() {
        ClevrIterator eval = ClevrIterator.forEvaluation(split, ClevrIterator.Input.STATE, 50);
        assertArrayEquals(split.subtypeCategories(), eval.categories());
        ClevrIterator train = ClevrIterator.states(split, 50, 1);
        int[] order = train.order(), cats = train.categories();
        for (int i = 0; i < order.length; i++) assertEquals(split.question(order[i]).subtype().ordinal(), cats[i]);
        int[] types = split.typeCategories();
        for (int e = 0; e < types.length; e++) assertEquals(e % 20 < 10 ? 0 : 1, types[e]);
    }
}
