package org.relnet.rn;

import static org.relnet.rn.NativeLoops.ifPositive;
import static org.relnet.rn.NativeLoops.parallelOverRows;
import static org.relnet.rn.NativeLoops.relu;
import static org.relnet.rn.NativeLoops.sum;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.relnet.rn.NativeLoops.Mem;

/**
 * Batch norm + ReLU for {@link ConvEncoderVertex} in double precision and wherever oneDNN is not usable
 * (float uses {@link OneDnnBatchNormRelu}, ~10x faster), on channels-last {@code [rows, c]} arrays: the
 * per-channel batch statistics, the activation with batch norm folded into one scale and shift per
 * channel, and the fused ReLU + batch-norm backward that recomputes the normalised values from the raw
 * conv output. Each is one pass over its data (two for the backward) instead of the 5-10 separate ND4J
 * ops (NCHW reductions over dims 0, 2, 3) of DL4J's layers. Memory access and threads: {@link NativeLoops};
 * work is split over row blocks with per-block partial sums.
 */
final class BatchNormRelu {

    private BatchNormRelu() {
    }

    /** Per-channel {@code y = max(0, scale * z + shift)}: batch norm (folded) + ReLU. */
    record Activation(double[] scale, double[] shift) {
    }

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
    static double[][] backward(INDArray gArray, INDArray zArray, int rows, int c, Activation act,
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
