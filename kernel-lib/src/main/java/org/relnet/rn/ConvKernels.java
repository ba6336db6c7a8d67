package org.relnet.rn;

import static org.relnet.rn.NativeLoops.ifPositive;
import static org.relnet.rn.NativeLoops.parallelOverBatch;
import static org.relnet.rn.NativeLoops.parallelOverRows;
import static org.relnet.rn.NativeLoops.relu;
import static org.relnet.rn.NativeLoops.sum;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.relnet.rn.NativeLoops.Mem;

/**
 * The memory-bound parts of {@link ConvEncoderVertex} as plain loops over the arrays' native memory:
 * im2col (with the previous layer's batch norm + ReLU applied as it reads), col2im, the per-channel
 * statistics and the fused batch-norm + ReLU backward. Each is one pass over its data (two for the
 * backward), instead of the 5-10 separate ND4J ops, or libnd4j's generic strided copies, that dominated
 * the first profile. The GEMMs stay with BLAS. Memory access and threads: {@link NativeLoops}.
 *
 * <p>Work is split over the batch (im2col / col2im: disjoint output rows per example) or over row blocks
 * with per-block partial sums.
 */
final class ConvKernels {

    private ConvKernels() {
    }

    /** One conv layer's shape: input h x w x cin, output oh x ow, k x k kernel, stride, "same" padding. */
    record Geometry(long h, long w, long cin, long oh, long ow, int k, int stride, long padTop, long padLeft) {

        long colWidth() {
            return (long) k * k * cin;
        }

        long outRows(int batch) {
            return batch * oh * ow;
        }
    }

    /** Per-channel {@code y = max(0, scale * z + shift)}: batch norm (folded) + ReLU. */
    record Activation(double[] scale, double[] shift) {
    }

    // ---------------------------------------------------------------- im2col / col2im

    /** Index of the last element a [batch, h, w, c] walk with these strides touches, plus one. */
    private static long extent(int batch, long h, long w, long c, long[] strides) {
        return (batch - 1) * strides[0] + (h - 1) * strides[1] + (w - 1) * strides[2] + (c - 1) * strides[3] + 1;
    }

    /**
     * col [batch*oh*ow, k*k*cin] (row = output pixel, column (ky*k + kx)*cin + c) from the source map read
     * as [batch, h, w, cin] through {@code strides}; with {@code act} non-null each value read is first
     * passed through that batch norm + ReLU. Padding taps are not written (col is zeroed once by the caller).
     */
    static void im2col(INDArray source, long[] strides, Activation act, INDArray colArray, Geometry g, int batch) {
        Mem src = Mem.of(source, extent(batch, g.h, g.w, g.cin, strides), "im2col source");
        Mem col = Mem.of(colArray, g.outRows(batch) * g.colWidth(), "im2col target");
        double[] scale = act == null ? null : act.scale;
        double[] shift = act == null ? null : act.shift;
        long sn = strides[0], sy = strides[1], sx = strides[2], sc = strides[3];
        parallelOverBatch(batch, n -> {
            int cin = (int) g.cin;
            long kk = g.colWidth();
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
                            long d = rowBase + (long) (ky * g.k + kx) * cin;
                            long s = n * sn + iy * sy + ix * sx;
                            for (int c = 0; c < cin; c++) {
                                double v = src.get(s + c * sc);
                                if (scale != null) {
                                    v = relu(scale[c] * v + shift[c]);
                                }
                                col.put(d + c, v);
                            }
                        }
                    }
                }
            }
        });
    }

    /** Adjoint of im2col (without the activation): target (zeroed here first) += every tap's block of dCol. */
    static void col2im(INDArray dColArray, INDArray target, long[] strides, Geometry g, int batch) {
        Mem dCol = Mem.of(dColArray, g.outRows(batch) * g.colWidth(), "col2im source");
        Mem dst = Mem.of(target, extent(batch, g.h, g.w, g.cin, strides), "col2im target");
        long sn = strides[0], sy = strides[1], sx = strides[2], sc = strides[3];
        parallelOverBatch(batch, n -> {
            int cin = (int) g.cin;
            long kk = g.colWidth();
            for (long y = 0; y < g.h; y++) {
                for (long x = 0; x < g.w; x++) {
                    long s = n * sn + y * sy + x * sx;
                    for (int c = 0; c < cin; c++) {
                        dst.put(s + c * sc, 0);
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
                            long d = rowBase + (long) (ky * g.k + kx) * cin;
                            long s = n * sn + iy * sy + ix * sx;
                            for (int c = 0; c < cin; c++) {
                                long t = s + c * sc;
                                dst.put(t, dst.get(t) + dCol.get(d + c));
                            }
                        }
                    }
                }
            }
        });
    }

    // ---------------------------------------------------------------- batch norm + ReLU

    /** Per-channel {mean, biased variance} of z [rows, c] (row-major). */
    static double[][] channelStatistics(INDArray zArray, int rows, int c) {
        Mem z = Mem.of(zArray, (long) rows * c, "statistics input");
        double[] total = sum(parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[2 * c];
            for (long r = from; r < to; r++) {
                long base = r * c;
                for (int j = 0; j < c; j++) {
                    double v = z.get(base + j);
                    acc[j] += v;
                    acc[c + j] += v * v;
                }
            }
            return acc;
        }), 2 * c);
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int j = 0; j < c; j++) {
            mean[j] = total[j] / rows;
            var[j] = Math.max(0, total[c + j] / rows - mean[j] * mean[j]);
        }
        return new double[][] {mean, var};
    }

    /** out [rows, c] = the activation of z [rows, c]. */
    static void activate(INDArray zArray, INDArray outArray, int rows, int c, Activation act) {
        Mem z = Mem.of(zArray, (long) rows * c, "activation input");
        Mem out = Mem.of(outArray, (long) rows * c, "activation output");
        parallelOverRows(rows, (from, to) -> {
            for (long r = from; r < to; r++) {
                long base = r * c;
                for (int j = 0; j < c; j++) {
                    out.put(base + j, relu(act.scale[j] * z.get(base + j) + act.shift[j]));
                }
            }
            return null;
        });
    }

    /**
     * Fused ReLU + training batch-norm backward, recomputing the normalised values from the raw conv output
     * z [rows, c] and the batch's mean and 1/std. g [rows, c]: in = gradient w.r.t. the activation, out =
     * gradient w.r.t. z. Returns {dGamma, dBeta, dBias} per channel.
     */
    static double[][] batchNormReluBackward(INDArray gArray, INDArray zArray, int rows, int c, Activation act,
            double[] mean, double[] invStd, double[] gamma) {
        Mem g = Mem.of(gArray, (long) rows * c, "gradient");
        Mem z = Mem.of(zArray, (long) rows * c, "conv output");
        double[] scale = act.scale;
        double[] shift = act.shift;
        double[] sums = sum(parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[2 * c];
            for (long r = from; r < to; r++) {
                long base = r * c;
                for (int j = 0; j < c; j++) {
                    double zv = z.get(base + j);
                    double gy = ifPositive(scale[j] * zv + shift[j], g.get(base + j));
                    acc[j] += gy;
                    acc[c + j] += gy * (zv - mean[j]) * invStd[j];
                }
            }
            return acc;
        }), 2 * c);
        double[] dBeta = Arrays.copyOfRange(sums, 0, c);
        double[] dGamma = Arrays.copyOfRange(sums, c, 2 * c);
        double[] k = new double[c];
        double[] a = new double[c];
        double[] bb = new double[c];
        for (int j = 0; j < c; j++) {
            k[j] = gamma[j] * invStd[j];
            a[j] = dGamma[j] / rows;
            bb[j] = dBeta[j] / rows;
        }
        double[] dBias = sum(parallelOverRows(rows, (from, to) -> {
            double[] acc = new double[c];
            for (long r = from; r < to; r++) {
                long base = r * c;
                for (int j = 0; j < c; j++) {
                    double zv = z.get(base + j);
                    double gy = ifPositive(scale[j] * zv + shift[j], g.get(base + j));
                    double dz = k[j] * (gy - bb[j] - (zv - mean[j]) * invStd[j] * a[j]);
                    g.put(base + j, dz);
                    acc[j] += dz;
                }
            }
            return acc;
        }), c);
        return new double[][] {dGamma, dBeta, dBias};
    }
}
