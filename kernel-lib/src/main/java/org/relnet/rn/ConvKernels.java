package org.relnet.rn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.LongConsumer;

/**
 * The memory-bound parts of {@link ConvEncoderVertex} as plain loops over the arrays' native memory:
 * im2col / col2im for channels-last maps and batch norm + ReLU forward and (fused) backward, each a
 * single pass (two for the reductions) instead of the 5-10 separate ND4J ops, and instead of libnd4j's
 * generic strided copies, which computed an offset per element and dominated the first profile.
 * The GEMMs stay with BLAS.
 *
 * <p>Work is split over the batch (im2col / col2im: disjoint output rows per example) or over row blocks
 * with per-block partial sums, on ForkJoin's common pool plus the caller (2 threads on 2 cores, like
 * libnd4j's OpenMP side). float and double versions are identical apart from the element type (double:
 * gradient checks). Buffers are indexed by int: every array here is far below 2^31 elements.
 */
final class ConvKernels {

    private ConvKernels() {
    }

    /** One conv layer's shape: input h x w x cin, output oh x ow, k x k kernel, stride, "same" padding. */
    record Geometry(long h, long w, long cin, long oh, long ow, int k, int stride, long padTop, long padLeft) {
    }

    interface RowBlock {
        double[] run(int from, int to);
    }

    private static final int BLOCKS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    static void parallelOverBatch(int batch, LongConsumer perExample) {
        int blocks = Math.min(BLOCKS, batch);
        if (blocks <= 1) {
            for (int n = 0; n < batch; n++) {
                perExample.accept(n);
            }
            return;
        }
        parallelOverRows(batch, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                perExample.accept(n);
            }
            return null;
        });
    }

    static double[][] parallelOverRows(int rows, RowBlock block) {
        return parallelOverRows(rows, 4096, block);
    }

    /** Runs the blocks [from, to) of 0..rows on the common pool and the caller; returns each block's result. */
    static double[][] parallelOverRows(int rows, int minRowsPerBlock, RowBlock block) {
        int blocks = Math.max(1, Math.min(BLOCKS, rows / minRowsPerBlock));
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

    // ---------------------------------------------------------------- float

    static void im2col(FloatBuffer src, long srcOff, long sn, long sy, long sx, long sc, FloatBuffer col, Geometry g, int batch) {
        parallelOverBatch(batch, n -> {
            long cin = g.cin;
            long kk = (long) g.k * g.k * cin;
            for (long oy = 0; oy < g.oh; oy++) {
                for (int ky = 0; ky < g.k; ky++) {
                    long iy = oy * g.stride + ky - g.padTop;
                    if (iy < 0 || iy >= g.h) {
                        continue;
                    }
                    for (long ox = 0; ox < g.ow; ox++) {
                        long rowBase = ((n * g.oh + oy) * g.ow + ox) * kk;
                        for (int kx = 0; kx < g.k; kx++) {
                            long ix = ox * g.stride + kx - g.padLeft;
                            if (ix < 0 || ix >= g.w) {
                                continue;
                            }
                            int d = (int) (rowBase + (ky * g.k + kx) * cin);
                            long s = srcOff + n * sn + iy * sy + ix * sx;
                            for (int c = 0; c < cin; c++) {
                                col.put(d + c, src.get((int) (s + c * sc)));
                            }
                        }
                    }
                }
            }
        });
    }

    /** Adjoint of im2col: target (zeroed here first) += every tap's block of dCol. */
    static void col2im(FloatBuffer dCol, FloatBuffer dst, long dstOff, long sn, long sy, long sx, long sc, Geometry g, int batch) {
        parallelOverBatch(batch, n -> {
            long cin = g.cin;
            long kk = (long) g.k * g.k * cin;
            for (long y = 0; y < g.h; y++) {
                for (long x = 0; x < g.w; x++) {
                    long s = dstOff + n * sn + y * sy + x * sx;
                    for (int c = 0; c < cin; c++) {
                        dst.put((int) (s + c * sc), 0);
                    }
                }
            }
            for (long oy = 0; oy < g.oh; oy++) {
                for (int ky = 0; ky < g.k; ky++) {
                    long iy = oy * g.stride + ky - g.padTop;
                    if (iy < 0 || iy >= g.h) {
                        continue;
                    }
                    for (long ox = 0; ox < g.ow; ox++) {
                        long rowBase = ((n * g.oh + oy) * g.ow + ox) * kk;
                        for (int kx = 0; kx < g.k; kx++) {
                            long ix = ox * g.stride + kx - g.padLeft;
                            if (ix < 0 || ix >= g.w) {
                                continue;
                            }
                            int d = (int) (rowBase + (ky * g.k + kx) * cin);
                            long s = dstOff + n * sn + iy * sy + ix * sx;
                            for (int c = 0; c < cin; c++) {
                                int t = (int) (s + c * sc);
                                dst.put(t, dst.get(t) + dCol.get(d + c));
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * Training batch norm + ReLU on z [rows, c] (row-major): z becomes xhat = (z - mean) / sqrt(var + eps),
     * act = max(0, gamma * xhat + beta). Returns {mean, biased var} per channel.
     */
    static double[][] batchNormReluForward(FloatBuffer z, FloatBuffer act, int rows, int c, double[] gamma, double[] beta,
            double eps) {
        double[][] part = parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[2 * c];
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    double v = z.get(base + j);
                    acc[j] += v;
                    acc[c + j] += v * v;
                }
            }
            return acc;
        });
        double[] mean = new double[c];
        double[] var = new double[c];
        float[] scale = new float[c];
        float[] shift = new float[c];
        float[] mu = new float[c];
        float[] inv = new float[c];
        for (int j = 0; j < c; j++) {
            double s = 0;
            double q = 0;
            for (double[] p : part) {
                s += p[j];
                q += p[c + j];
            }
            mean[j] = s / rows;
            var[j] = Math.max(0, q / rows - mean[j] * mean[j]);
            double is = 1 / Math.sqrt(var[j] + eps);
            mu[j] = (float) mean[j];
            inv[j] = (float) is;
            scale[j] = (float) gamma[j];
            shift[j] = (float) beta[j];
        }
        parallelOverRows(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    float xh = (z.get(base + j) - mu[j]) * inv[j];
                    z.put(base + j, xh);
                    float y = scale[j] * xh + shift[j];
                    act.put(base + j, y > 0 ? y : 0);
                }
            }
            return null;
        });
        return new double[][] {mean, var};
    }

    /**
     * Fused ReLU + batch-norm backward. g [rows, c]: in = gradient w.r.t. act, out = gradient w.r.t. the
     * conv output z. Returns {dGamma, dBeta, dBias} per channel.
     */
    static double[][] batchNormReluBackward(FloatBuffer g, FloatBuffer act, FloatBuffer xhat, int rows, int c, double[] gamma,
            double[] invStd) {
        double[][] part = parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[2 * c];
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    float gy = act.get(base + j) > 0 ? g.get(base + j) : 0;
                    g.put(base + j, gy);
                    acc[j] += gy;
                    acc[c + j] += gy * xhat.get(base + j);
                }
            }
            return acc;
        });
        double[] dGamma = new double[c];
        double[] dBeta = new double[c];
        float[] k = new float[c];
        float[] a = new float[c];
        float[] bb = new float[c];
        for (int j = 0; j < c; j++) {
            for (double[] p : part) {
                dBeta[j] += p[j];
                dGamma[j] += p[c + j];
            }
            k[j] = (float) (gamma[j] * invStd[j]);
            a[j] = (float) (dGamma[j] / rows);
            bb[j] = (float) (dBeta[j] / rows);
        }
        double[][] part2 = parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[c];
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    float dz = k[j] * (g.get(base + j) - bb[j] - xhat.get(base + j) * a[j]);
                    g.put(base + j, dz);
                    acc[j] += dz;
                }
            }
            return acc;
        });
        double[] dBias = new double[c];
        for (double[] p : part2) {
            for (int j = 0; j < c; j++) {
                dBias[j] += p[j];
            }
        }
        return new double[][] {dGamma, dBeta, dBias};
    }

    // ---------------------------------------------------------------- double

    static void im2col(DoubleBuffer src, long srcOff, long sn, long sy, long sx, long sc, DoubleBuffer col, Geometry g, int batch) {
        parallelOverBatch(batch, n -> {
            long cin = g.cin;
            long kk = (long) g.k * g.k * cin;
            for (long oy = 0; oy < g.oh; oy++) {
                for (int ky = 0; ky < g.k; ky++) {
                    long iy = oy * g.stride + ky - g.padTop;
                    if (iy < 0 || iy >= g.h) {
                        continue;
                    }
                    for (long ox = 0; ox < g.ow; ox++) {
                        long rowBase = ((n * g.oh + oy) * g.ow + ox) * kk;
                        for (int kx = 0; kx < g.k; kx++) {
                            long ix = ox * g.stride + kx - g.padLeft;
                            if (ix < 0 || ix >= g.w) {
                                continue;
                            }
                            int d = (int) (rowBase + (ky * g.k + kx) * cin);
                            long s = srcOff + n * sn + iy * sy + ix * sx;
                            for (int c = 0; c < cin; c++) {
                                col.put(d + c, src.get((int) (s + c * sc)));
                            }
                        }
                    }
                }
            }
        });
    }

    /** Adjoint of im2col: target (zeroed here first) += every tap's block of dCol. */
    static void col2im(DoubleBuffer dCol, DoubleBuffer dst, long dstOff, long sn, long sy, long sx, long sc, Geometry g, int batch) {
        parallelOverBatch(batch, n -> {
            long cin = g.cin;
            long kk = (long) g.k * g.k * cin;
            for (long y = 0; y < g.h; y++) {
                for (long x = 0; x < g.w; x++) {
                    long s = dstOff + n * sn + y * sy + x * sx;
                    for (int c = 0; c < cin; c++) {
                        dst.put((int) (s + c * sc), 0);
                    }
                }
            }
            for (long oy = 0; oy < g.oh; oy++) {
                for (int ky = 0; ky < g.k; ky++) {
                    long iy = oy * g.stride + ky - g.padTop;
                    if (iy < 0 || iy >= g.h) {
                        continue;
                    }
                    for (long ox = 0; ox < g.ow; ox++) {
                        long rowBase = ((n * g.oh + oy) * g.ow + ox) * kk;
                        for (int kx = 0; kx < g.k; kx++) {
                            long ix = ox * g.stride + kx - g.padLeft;
                            if (ix < 0 || ix >= g.w) {
                                continue;
                            }
                            int d = (int) (rowBase + (ky * g.k + kx) * cin);
                            long s = dstOff + n * sn + iy * sy + ix * sx;
                            for (int c = 0; c < cin; c++) {
                                int t = (int) (s + c * sc);
                                dst.put(t, dst.get(t) + dCol.get(d + c));
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * Training batch norm + ReLU on z [rows, c] (row-major): z becomes xhat = (z - mean) / sqrt(var + eps),
     * act = max(0, gamma * xhat + beta). Returns {mean, biased var} per channel.
     */
    static double[][] batchNormReluForward(DoubleBuffer z, DoubleBuffer act, int rows, int c, double[] gamma, double[] beta,
            double eps) {
        double[][] part = parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[2 * c];
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    double v = z.get(base + j);
                    acc[j] += v;
                    acc[c + j] += v * v;
                }
            }
            return acc;
        });
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] scale = new double[c];
        double[] shift = new double[c];
        double[] mu = new double[c];
        double[] inv = new double[c];
        for (int j = 0; j < c; j++) {
            double s = 0;
            double q = 0;
            for (double[] p : part) {
                s += p[j];
                q += p[c + j];
            }
            mean[j] = s / rows;
            var[j] = Math.max(0, q / rows - mean[j] * mean[j]);
            double is = 1 / Math.sqrt(var[j] + eps);
            mu[j] = (double) mean[j];
            inv[j] = (double) is;
            scale[j] = (double) gamma[j];
            shift[j] = (double) beta[j];
        }
        parallelOverRows(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    double xh = (z.get(base + j) - mu[j]) * inv[j];
                    z.put(base + j, xh);
                    double y = scale[j] * xh + shift[j];
                    act.put(base + j, y > 0 ? y : 0);
                }
            }
            return null;
        });
        return new double[][] {mean, var};
    }

    /**
     * Fused ReLU + batch-norm backward. g [rows, c]: in = gradient w.r.t. act, out = gradient w.r.t. the
     * conv output z. Returns {dGamma, dBeta, dBias} per channel.
     */
    static double[][] batchNormReluBackward(DoubleBuffer g, DoubleBuffer act, DoubleBuffer xhat, int rows, int c, double[] gamma,
            double[] invStd) {
        double[][] part = parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[2 * c];
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    double gy = act.get(base + j) > 0 ? g.get(base + j) : 0;
                    g.put(base + j, gy);
                    acc[j] += gy;
                    acc[c + j] += gy * xhat.get(base + j);
                }
            }
            return acc;
        });
        double[] dGamma = new double[c];
        double[] dBeta = new double[c];
        double[] k = new double[c];
        double[] a = new double[c];
        double[] bb = new double[c];
        for (int j = 0; j < c; j++) {
            for (double[] p : part) {
                dBeta[j] += p[j];
                dGamma[j] += p[c + j];
            }
            k[j] = (double) (gamma[j] * invStd[j]);
            a[j] = (double) (dGamma[j] / rows);
            bb[j] = (double) (dBeta[j] / rows);
        }
        double[][] part2 = parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[c];
            for (int r = from; r < to; r++) {
                int base = r * c;
                for (int j = 0; j < c; j++) {
                    double dz = k[j] * (g.get(base + j) - bb[j] - xhat.get(base + j) * a[j]);
                    g.put(base + j, dz);
                    acc[j] += dz;
                }
            }
            return acc;
        });
        double[] dBias = new double[c];
        for (double[] p : part2) {
            for (int j = 0; j < c; j++) {
                dBias[j] += p[j];
            }
        }
        return new double[][] {dGamma, dBeta, dBias};
    }
}
