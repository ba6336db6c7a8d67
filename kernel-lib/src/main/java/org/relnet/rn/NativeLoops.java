package org.relnet.rn;

import java.lang.reflect.Field;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plumbing of kernel-lib's hand-written loops over ND4J arrays ({@link BatchNormRelu}): native memory
 * read and written through {@link Mem}, work split over row blocks on 2 threads, and ReLU without
 * branches.
 *
 * <p>{@link Mem} reads the buffer's address through sun.misc.Unsafe: NIO buffer views checked every index
 * and cost 2-3x on these memory-bound loops. {@link Mem#of} checks the array's length against what the
 * loop will touch before it starts, so a wrong shape is an exception, never a stray write. Values are
 * computed in double for both element types: FLOAT for training, DOUBLE for gradient checks, one code
 * path for both.
 *
 * <p>Blocks run on ForkJoin's common pool plus the caller (2 threads on 2 cores); the kernel's libnd4j
 * runs its own ops on 1 thread, so the two do not compete (see environment/kernel_layout.py).
 *
 * <p>Where libnd4j has a contiguous op for the job, it is faster: its SIMD loops run at memory bandwidth
 * on one thread (bias + ReLU on a 40,000 x 256 matrix: 8.5 ms, against 15 ms for such a loop here on
 * two). These loops pay off for what libnd4j can only do with strided or several passes.
 */
final class NativeLoops {

    private NativeLoops() {
    }

    // ---------------------------------------------------------------- memory

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kernel-lib's native loops need sun.misc.Unsafe (module jdk.unsupported)", e);
        }
    }

    /** A FLOAT or DOUBLE array's native memory, element i read and written as a double. */
    abstract static sealed class Mem permits F32, F64 {
        final long address;

        Mem(long address) {
            this.address = address;
        }

        abstract double get(long i);

        abstract void put(long i, double v);

        /** The memory of {@code a}, which must hold at least {@code elements} values from its first one. */
        static Mem of(INDArray a, long elements, String what) {
            if (!isPlain(a) || !a.isR()) {
                throw new IllegalStateException("native loop: " + what
                        + " must be a c-ordered, contiguous floating-point array at offset 0");
            }
            if (a.data().length() < elements) {
                throw new IllegalStateException("native loop: " + what + " holds " + a.data().length()
                        + " values, the kernel needs " + elements);
            }
            return switch (a.dataType()) {
                case FLOAT -> new F32(a.data().address());
                case DOUBLE -> new F64(a.data().address());
                default -> throw new IllegalStateException("native loop: " + what + " is " + a.dataType()
                        + "; only FLOAT and DOUBLE are supported");
            };
        }

        /**
         * The memory of a small dense vector that may be a view into a larger buffer (a parameter or its
         * gradient, inside the graph's flat vectors): reading and writing it this way costs nothing, where
         * each ND4J op on it costs tens of microseconds.
         */
        static Mem ofVector(INDArray a, String what) {
            if (!a.isVectorOrScalar() || a.elementWiseStride() != 1) {
                throw new IllegalStateException("native loop: " + what + " must be a vector with unit stride");
            }
            long address = a.data().address() + a.offset() * a.data().getElementSize();
            return switch (a.dataType()) {
                case FLOAT -> new F32(address);
                case DOUBLE -> new F64(address);
                default -> throw new IllegalStateException("native loop: " + what + " is " + a.dataType()
                        + "; only FLOAT and DOUBLE are supported");
            };
        }
    }

    /** Laid out the way {@link Mem} reads it: c order, default strides, from the buffer's first element. */
    static boolean isPlain(INDArray a) {
        return a.offset() == 0 && a.data().offset() == 0 && a.ordering() == 'c'
                && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a);
    }

    static final class F32 extends Mem {
        F32(long address) {
            super(address);
        }

        @Override
        double get(long i) {
            return UNSAFE.getFloat(address + (i << 2));
        }

        @Override
        void put(long i, double v) {
            UNSAFE.putFloat(address + (i << 2), (float) v);
        }
    }

    static final class F64 extends Mem {
        F64(long address) {
            super(address);
        }

        @Override
        double get(long i) {
            return UNSAFE.getDouble(address + (i << 3));
        }

        @Override
        void put(long i, double v) {
            UNSAFE.putDouble(address + (i << 3), v);
        }
    }

    // ---------------------------------------------------------------- threads

    interface RowBlock {
        double[] run(int from, int to);
    }

    private static final int BLOCKS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    /** Runs the blocks [from, to) of 0..rows on the common pool and the caller; returns each block's result. */
    static double[][] parallelOverRows(int rows, RowBlock block) {
        int blocks = Math.max(1, Math.min(BLOCKS, rows / 4096));
        double[][] out = new double[blocks][];
        if (blocks == 1) {
            out[0] = block.run(0, rows);
            return out;
        }
        @SuppressWarnings("unchecked")
        ForkJoinTask<double[]>[] tasks = new ForkJoinTask[blocks - 1];
        for (int i = 1; i < blocks; i++) {
            int from = (int) ((long) rows * i / blocks);
            int to = (int) ((long) rows * (i + 1) / blocks);
            tasks[i - 1] = ForkJoinPool.commonPool().submit(() -> block.run(from, to));
        }
        out[0] = block.run(0, (int) ((long) rows / blocks));
        for (int i = 1; i < blocks; i++) {
            out[i] = tasks[i - 1].join();
        }
        return out;
    }

    /** The element-wise sum of the blocks' partial results. */
    static double[] sum(double[][] parts, int length) {
        double[] total = new double[length];
        for (double[] p : parts) {
            for (int j = 0; j < length; j++) {
                total[j] += p[j];
            }
        }
        return total;
    }

    // ---------------------------------------------------------------- ReLU without branches
    // Half the signs are negative in no order, so a compare-and-branch mispredicts every other element; it
    // made the conv's batch-norm backward 3x slower than these bit masks (measured on 2.2M-value maps).

    /** {@code max(0, y)}, always +0.0 where y is not positive. */
    static double relu(double y) {
        return ifPositive(y, y);
    }

    /** {@code y > 0 ? v : 0}: v's bits masked by "sign bit clear and magnitude non-zero" of y. */
    static double ifPositive(double y, double v) {
        long bits = Double.doubleToRawLongBits(y);
        long magnitude = bits & Long.MAX_VALUE;
        long keep = ~(bits >> 63) & ((magnitude | -magnitude) >> 63);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & keep);
    }
}
