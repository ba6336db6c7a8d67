package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class ShuffledBatchesTest {

    /**
     * Each example's feature mask row travels with it: example i has features all i and a mask
     * whose first i % 5 + 1 steps are 1, so a batch whose masks were dropped, or not permuted with
     * the features, fails.
     */
    @Test
    void batchesCarryTheFeatureMasksOfTheirExamples() {
        int n = 10, steps = 5;
        INDArray seq = Nd4j.create(n, 2, steps);
        INDArray mask = Nd4j.zeros(n, steps);
        INDArray other = Nd4j.create(n, 3);
        INDArray labels = Nd4j.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            seq.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(i);
            other.getRow(i).assign(i);
            for (int t = 0; t <= i % steps; t++) mask.putScalar(i, t, 1);
            labels.putScalar(i, i % 2, 1);
        }
        org.nd4j.linalg.dataset.MultiDataSet all = new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {seq, other}, new INDArray[] {labels}, new INDArray[] {mask, null}, null);
        ShuffledBatches batches = ShuffledBatches.of(all, 4, 3);
        Set<Integer> seen = new HashSet<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            batches.seek(epoch, 0);
            while (batches.hasNext()) {
                MultiDataSet b = batches.next();
                INDArray m = b.getFeaturesMaskArrays()[0];
                assertNotNull(m, "feature mask dropped");
                assertNull(b.getFeaturesMaskArrays()[1]);
                assertNull(b.getLabelsMaskArrays());
                for (int r = 0; r < b.getFeatures(0).size(0); r++) {
                    int example = b.getFeatures(0).getInt(r, 0, 0);
                    assertEquals(example, b.getFeatures(1).getInt(r, 0));
                    assertEquals(example % steps + 1, m.getRow(r).sumNumber().intValue(), "mask row of example " + example);
                    if (epoch == 0) seen.add(example);
                }
            }
        }
        assertEquals(n, seen.size());
        // the old two-array constructor still gives batches without masks
        MultiDataSet plain = new ShuffledBatches(seq, labels, 4, 3).next();
        assertNull(plain.getFeaturesMaskArrays());
    }
}
