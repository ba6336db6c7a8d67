package org.relnet.search;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Gaussian-process regression on the unit cube with a Matérn 5/2 kernel (the usual choice for
 * hyperparameter surfaces: smooth, but less so than the squared exponential). Targets are
 * expected standardised (mean 0, variance 1), so the signal variance is fixed at 1; the length
 * scale and noise are picked by the highest log marginal likelihood on a small grid, which is
 * robust with the handful of points a study has.
 */
final class GaussianProcess {
    private static final double[] LENGTH_SCALES = {0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 1.0, 2.0};
    private static final double[] NOISES = {1e-6, 1e-4, 1e-2, 0.1};

    private final double[][] x;
    private final double lengthScale;
    private final RealMatrix lower;
    private final RealVector alpha;
    private final double logMarginalLikelihood;

    private GaussianProcess(double[][] x, double lengthScale, RealMatrix lower, RealVector alpha, double lml) {
        this.x = x;
        this.lengthScale = lengthScale;
        this.lower = lower;
        this.alpha = alpha;
        this.logMarginalLikelihood = lml;
    }

    static GaussianProcess fit(double[][] x, double[] y) {
        GaussianProcess best = null;
        for (double l : LENGTH_SCALES) {
            for (double noise : NOISES) {
                GaussianProcess gp = fit(x, y, l, noise);
                if (gp != null && (best == null || gp.logMarginalLikelihood > best.logMarginalLikelihood)) best = gp;
            }
        }
        if (best == null) throw new IllegalStateException("no Gaussian-process fit: kernel matrix not positive definite for any setting");
        return best;
    }

    private static GaussianProcess fit(double[][] x, double[] y, double lengthScale, double noise) {
        int n = x.length;
        RealMatrix k = MatrixUtils.createRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = kernel(x[i], x[j], lengthScale) + (i == j ? noise : 0);
                k.setEntry(i, j, v);
                k.setEntry(j, i, v);
            }
        }
        try {
            CholeskyDecomposition chol = new CholeskyDecomposition(k);
            RealVector yv = new ArrayRealVector(y);
            RealVector alpha = chol.getSolver().solve(yv);
            RealMatrix lower = chol.getL();
            double logDet = 0;
            for (int i = 0; i < n; i++) logDet += Math.log(lower.getEntry(i, i));
            double lml = -0.5 * yv.dotProduct(alpha) - logDet - 0.5 * n * Math.log(2 * Math.PI);
            return new GaussianProcess(x, lengthScale, lower, alpha, lml);
        } catch (MathIllegalArgumentException e) {
            return null;
        }
    }

    /** Posterior mean and standard deviation at {@code q}. */
    double[] predict(double[] q) {
        int n = x.length;
        double[] ks = new double[n];
        for (int i = 0; i < n; i++) ks[i] = kernel(q, x[i], lengthScale);
        double mean = new ArrayRealVector(ks, false).dotProduct(alpha);
        RealVector v = new ArrayRealVector(ks);
        MatrixUtils.solveLowerTriangularSystem(lower, v);
        double var = Math.max(1e-12, 1.0 - v.dotProduct(v));
        return new double[] {mean, Math.sqrt(var)};
    }

    double lengthScale() {
        return lengthScale;
    }

    private static double kernel(double[] a, double[] b, double lengthScale) {
        double d2 = 0;
        for (int i = 0; i < a.length; i++) d2 += (a[i] - b[i]) * (a[i] - b[i]);
        double r = Math.sqrt(5 * d2) / lengthScale;
        return (1 + r + r * r / 3) * Math.exp(-r);
    }
}
