package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NativeLoopsTest {

    @Test
    void reluMasksPassOnlyStrictlyPositiveValues() {
        assertEquals(2.5, NativeLoops.ifPositive(1e-30, 2.5));
        assertEquals(0.0, NativeLoops.ifPositive(0.0, 2.5));
        assertEquals(0.0, NativeLoops.ifPositive(-0.0, 2.5));
        assertEquals(0.0, NativeLoops.ifPositive(-3, 2.5));
        assertEquals(-7.0, NativeLoops.ifPositive(Double.MIN_VALUE, -7));
        // relu gives +0.0 (not -0.0) for every non-positive input: its output's sign is the next mask.
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(NativeLoops.relu(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(NativeLoops.relu(-4)));
        assertEquals(4.0, NativeLoops.relu(4));
    }

    @Test
    void memoryIsOnlyHandedOutForPlainArraysThatAreLongEnough() {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 12);
        INDArray shifted = flat.get(NDArrayIndex.interval(2, 12));
        INDArray transposed = Nd4j.zeros(DataType.FLOAT, 3, 4).transpose();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeLoops.Mem.of(shifted, 10, "x"));
        assertTrue(e.getMessage().contains("offset 0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> NativeLoops.Mem.of(transposed, 12, "x"));
        assertThrows(IllegalStateException.class, () -> NativeLoops.Mem.of(flat, 13, "x"));
        assertThrows(IllegalStateException.class, () -> NativeLoops.Mem.of(Nd4j.zeros(DataType.INT, 4), 4, "x"));
        assertTrue(NativeLoops.isPlain(flat));
        assertTrue(NativeLoops.isPlain(transposed.dup('c')));
    }
}
