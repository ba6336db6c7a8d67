package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GemmTest {

    /** An [rows, cols] matrix in the given order; "view": a sub-matrix of a larger one (offset, wider rows). */
    private static INDArray matrix(long rows, long cols, char order, boolean view, long seed) {
        Nd4j.getRandom().setSeed(seed);
        if (!view) {
            return Nd4j.rand(DataType.FLOAT, rows, cols).dup(order).subi(0.5);
        }
        INDArray big = Nd4j.rand(DataType.FLOAT, rows + 3, cols + 5).dup(order).subi(0.5);
        return big.get(NDArrayIndex.interval(2, 2 + rows), NDArrayIndex.interval(1, 1 + cols));
    }

    /** Every layout and transpose combination equals ND4J's (OpenBLAS) product, computed in double. */
    @ParameterizedTest
    @CsvSource({
            "c, c, c, false, false, false", "f, c, c, false, false, false", "c, f, c, false, false, false",
            "c, c, f, false, false, false", "f, f, f, false, false, false", "c, c, c, true, false, false",
            "c, c, c, false, true, false", "f, c, f, true, true, false", "c, f, f, true, false, true",
            "f, f, c, false, true, true", "c, c, c, true, true, true"})
    void equalsNd4jsGemm(char oa, char ob, char oc, boolean ta, boolean tb, boolean views) {
        long m = 13;
        long n = 7;
        long k = 11;
        INDArray a = ta ? matrix(k, m, oa, views, 1) : matrix(m, k, oa, views, 1);
        INDArray b = tb ? matrix(n, k, ob, views, 2) : matrix(k, n, ob, views, 2);
        for (double[] ab : new double[][] {{1, 0}, {0.5, 1}, {-2, 0.25}}) {
            INDArray c = matrix(m, n, oc, views, 3);
            INDArray expected = c.castTo(DataType.DOUBLE);
            Nd4j.gemm(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE), expected, ta, tb, ab[0], ab[1]);
            Gemm.gemm(a, b, c, ta, tb, ab[0], ab[1]);
            assertTrue(expected.castTo(DataType.FLOAT).equalsWithEps(c, 1e-5),
                    "alpha " + ab[0] + " beta " + ab[1] + ": " + expected + " vs " + c);
        }
    }

    /** Products above {@link Gemm#ALL_CORES_FLOPS} take the all-cores path: same results. */
    @ParameterizedTest
    @CsvSource({"c, false", "f, true"})
    void largeProducts(char order, boolean transposeB) {
        long m = 330;
        long n = 310;
        long k = 320;
        assertTrue(2.0 * m * n * k >= Gemm.ALL_CORES_FLOPS);
        INDArray a = matrix(m, k, 'c', false, 6);
        INDArray b = transposeB ? matrix(n, k, order, false, 7) : matrix(k, n, order, false, 7);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {m, n}, order);
        Gemm.gemm(a, b, c, false, transposeB, 1, 0);
        INDArray expected = Nd4j.create(DataType.DOUBLE, m, n);
        Nd4j.gemm(a.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE), expected, false, transposeB, 1, 0);
        assertTrue(expected.castTo(DataType.FLOAT).equalsWithEps(c, 1e-4));
    }

    /** Shapes that do not multiply are ND4J's error, never a product of the wrong sizes. */
    @org.junit.jupiter.api.Test
    void mismatchedShapesAreReported() {
        INDArray c = Nd4j.create(DataType.FLOAT, 3, 2);
        assertThrows(RuntimeException.class,
                () -> Gemm.gemm(Nd4j.rand(DataType.FLOAT, 3, 4), Nd4j.rand(DataType.FLOAT, 5, 2), c, false, false, 1, 0));
        assertThrows(RuntimeException.class,
                () -> Gemm.gemm(Nd4j.rand(DataType.FLOAT, 3, 4), Nd4j.rand(DataType.FLOAT, 4, 3), c, false, false, 1, 0));
    }

    /** Row and column vectors (ambiguous strides) and double precision (ND4J's path). */
    @ParameterizedTest
    @CsvSource({"1, 9, 4", "6, 9, 1", "6, 1, 4", "1, 1, 1"})
    void vectorsAndDoubles(long m, long k, long n) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = matrix(m, k, 'c', false, 4).castTo(type);
            INDArray b = matrix(k, n, 'f', false, 5).castTo(type);
            INDArray c = Nd4j.create(type, m, n);
            Gemm.gemm(a, b, c, false, false, 1, 0);
            INDArray expected = a.castTo(DataType.DOUBLE).mmul(b.castTo(DataType.DOUBLE));
            assertTrue(expected.castTo(type).equalsWithEps(c, 1e-5), type + ": " + expected + " vs " + c);
        }
    }
}
