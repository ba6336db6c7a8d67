package org.relnet.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class DigitBatchesTest {
    private static final DigitSet DIGITS = SyntheticDigits.generate(10, 4);

    /** Each digit's label, read back from a batch's one-hot rows. */
    private static List<Integer> labels(MultiDataSet b) {
        List<Integer> out = new ArrayList<>();
        INDArray l = b.getLabels(0);
        for (int i = 0; i < l.size(0); i++) out.add(l.getRow(i).argMax().getInt(0));
        return out;
    }

    @Test
    void inOrderBatchesCarryScaledPixelsAndOneHotLabels() {
        DigitBatches it = DIGITS.batches(4, false, false, 0);
        assertEquals(3, it.batchesPerPass());
        MultiDataSet first = it.next();
        assertArrayEquals(new long[] {4, 1, 28, 28}, first.getFeatures(0).shape());
        assertArrayEquals(new long[] {4, 10}, first.getLabels(0).shape());
        assertEquals(DIGITS.pixel(2, 14, 13) / 256f, first.getFeatures(0).getFloat(2, 0, 14, 13), 0f);
        assertEquals(List.of(DIGITS.label(0), DIGITS.label(1), DIGITS.label(2), DIGITS.label(3)), labels(first));
        assertEquals(1.0, first.getLabels(0).sumNumber().doubleValue() / 4, 0);
        it.next();
        assertEquals(2, it.next().getFeatures(0).size(0), "without dropLast the last batch is short");
        assertFalse(it.hasNext());
    }

    @Test
    void dropLastYieldsOnlyFullBatches() {
        DigitBatches it = DIGITS.batches(4, true, true, 7);
        assertEquals(2, it.batchesPerPass());
        assertEquals(4, it.next().getFeatures(0).size(0));
        assertEquals(4, it.next().getFeatures(0).size(0));
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
        it.reset();
        assertTrue(it.hasNext());
    }

    @Test
    void shuffledOrderIsAFunctionOfSeedAndPassAndSeekReproducesIt() {
        DigitBatches a = DIGITS.batches(5, true, true, 7);
        List<Integer> pass0 = new ArrayList<>(labels(a.next()));
        pass0.addAll(labels(a.next()));
        a.seek(1, 0);
        List<Integer> pass1 = new ArrayList<>(labels(a.next()));

        DigitBatches b = DIGITS.batches(5, true, true, 7);
        b.seek(0, 1);
        assertEquals(pass0.subList(5, 10), labels(b.next()));
        b.seek(1, 0);
        assertEquals(pass1, labels(b.next()));
        // a permutation of the ten digits, and not the identity for this seed
        List<Integer> sorted = new ArrayList<>(pass0);
        sorted.sort(null);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) expected.add(DIGITS.label(i));
        expected.sort(null);
        assertEquals(expected, sorted);
        assertNotEquals(labels(DIGITS.batches(10, false, true, 0).next()), pass0);
    }
}
