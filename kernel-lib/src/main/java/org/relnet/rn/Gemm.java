package org.relnet.rn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.dnnl_sgemm;

/**
 * Matrix products, {@code c = alpha op(a) op(b) + beta c} (as {@link Nd4j#gemm}), for float matrices on
 * oneDNN's JIT sgemm on all cores. ND4J M2.1's products go to its bundled OpenBLAS, which on the shapes of
 * these models is 1.2-6x slower on the same 2 cores (best of many, this host, AVX-512): [64 x 611] x
 * [611 x 256] 250 vs 97 us, the weight gradient [611 x 64] x [64 x 256] 609 vs 98 us, the RN's
 * [40000 x 256] x [256 x 256] ~32 ms (in a training step) vs 13-25 ms. Double precision, other backends, and
 * matrices without a unit stride in either dimension use {@link Nd4j#gemm}, as does everything when oneDNN
 * is not called directly ({@link Conv2d#ONEDNN_UNAVAILABLE}).
 */
public final class Gemm {

    /**
     * Smaller products stay on the caller's thread: waking a second OpenMP thread (asleep between calls under
     * OMP_WAIT_POLICY=PASSIVE) costs ~55 us here, more than it saves below ~60 MFLOP. Measured, best of
     * 2,000, this host: [64 x 64] x [64 x 64] 2.7 us on one thread vs 59 us handed to two;
     * [2304 x 64] x [64 x 64] 97 vs 152 us; [2304 x 256] x [256 x 256] 1,398 vs 1,065 us.
     */
    static final double ALL_CORES_FLOPS = 64e6;

    private Gemm() {
    }

    /** {@code c = alpha op(a) op(b) + beta c}, op = transpose where asked; c is overwritten in place. */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
            double alpha, double beta) {
        boolean direct = Conv2d.ONEDNN_UNAVAILABLE == null; // else not touching other backends' memory
        RowMajor ra = direct ? RowMajor.of(a) : null;
        RowMajor rb = direct ? RowMajor.of(b) : null;
        RowMajor rc = direct ? RowMajor.of(c) : null;
        if (ra == null || rb == null || rc == null) {
            nd4jGemm(a, b, c, transposeA, transposeB, alpha, beta);
            return;
        }
        long m = c.size(0);
        long n = c.size(1);
        long k = transposeA ? a.size(0) : a.size(1);
        if (m == 0 || n == 0 || k == 0 || (transposeA ? a.size(1) : a.size(0)) != m
                || (transposeB ? b.size(0) : b.size(1)) != n || (transposeB ? b.size(1) : b.size(0)) != k) {
            nd4jGemm(a, b, c, transposeA, transposeB, alpha, beta); // empty, or ND4J reports the mismatch
            return;
        }
        // op(x) = R or R^T for x's row-major matrix R (the transpose of an 'f'-ordered x).
        boolean ta = transposeA != ra.transposed;
        boolean tb = transposeB != rb.transposed;
        Runnable product = () -> {
            int status;
            if (!rc.transposed) {
                status = dnnl_sgemm(flag(ta), flag(tb), m, n, k, (float) alpha, ra.pointer, ra.ld, rb.pointer, rb.ld,
                        (float) beta, rc.pointer, rc.ld);
            } else { // c is 'f': its row-major matrix is c^T = op(b)^T op(a)^T
                status = dnnl_sgemm(flag(!tb), flag(!ta), n, m, k, (float) alpha, rb.pointer, rb.ld, ra.pointer, ra.ld,
                        (float) beta, rc.pointer, rc.ld);
            }
            OneDnn.check(status, "sgemm");
        };
        if (2.0 * m * n * k >= ALL_CORES_FLOPS) {
            AllCores.run(product);
        } else {
            product.run(); // on the caller's OpenMP threads (one in the kernel)
        }
    }

    /** ND4J's product (it validates and reports shapes), which wants c contiguous. */
    private static void nd4jGemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
            double alpha, double beta) {
        if (c.elementWiseStride() == 1) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        } else {
            INDArray dense = c.dup(c.ordering());
            Nd4j.gemm(a, b, dense, transposeA, transposeB, alpha, beta);
            c.assign(dense);
        }
    }

    private static byte flag(boolean transpose) {
        return (byte) (transpose ? 'T' : 'N');
    }

    /** A float matrix as oneDNN reads it: a row-major matrix R (x itself, or x^T when x is 'f'), its leading dimension. */
    private static final class RowMajor {
        final FloatPointer pointer;
        final long ld;
        final boolean transposed;

        private RowMajor(INDArray x, long ld, boolean transposed) {
            this.pointer = new At(x.data().address() + x.offset() * Float.BYTES);
            this.ld = ld;
            this.transposed = transposed;
        }

        /** Null when x is not a float matrix with unit stride along one dimension. */
        static RowMajor of(INDArray x) {
            if (x.rank() != 2 || x.dataType() != DataType.FLOAT || x.data().address() == 0) {
                return null;
            }
            long rows = x.size(0);
            long cols = x.size(1);
            if ((x.stride(1) == 1 || cols == 1) && (rows == 1 || x.stride(0) >= Math.max(cols, 1))) {
                return new RowMajor(x, rows == 1 ? Math.max(cols, 1) : x.stride(0), false);
            }
            if ((x.stride(0) == 1 || rows == 1) && (cols == 1 || x.stride(1) >= Math.max(rows, 1))) {
                return new RowMajor(x, cols == 1 ? Math.max(rows, 1) : x.stride(1), true);
            }
            return null;
        }
    }

    /** A FloatPointer at a given address (JavaCPP sets the address only through subclasses). */
    private static final class At extends FloatPointer {
        At(long address) {
            this.address = address;
        }
    }
}
