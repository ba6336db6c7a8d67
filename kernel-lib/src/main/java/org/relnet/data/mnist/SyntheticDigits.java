package org.relnet.data.mnist;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.Random;

/**
 * A generated STAND-IN for MNIST, used when the real files are not in {@code datasets/mnist/}
 * (as in CI, which has no network): 28x28 grey digits drawn as pen strokes along hand-made digit
 * skeletons, each with its own jittered control points, slant, shear, aspect, size, pen width and
 * ink noise, then centred by centre of mass as MNIST's digits are.
 *
 * <p>Skeletons rather than fonts: font rendering depends on which font files a machine has, so the
 * same seed would give different digits on a laptop and in CI; Java2D's own stroke rasteriser does
 * not. Every digit is a pure function of (seed, index), so any prefix of a set is the same digits.
 *
 * <p>It is NOT MNIST: it is easier in some ways (no sloppy writers) and harder in others (all
 * classes share one pen model). Numbers measured on it say how the code behaves, not what LeNet
 * reaches on MNIST; {@link #source} is carried by every {@link DigitSet} it makes so every output
 * shows that.
 */
public final class SyntheticDigits {
    static final String SOURCE_PREFIX = "SYNTHETIC stand-in for MNIST";
    public static final int SIZE = 28;

    private SyntheticDigits() {}

    /** The label every output shows for a synthetic set. */
    public static String source(long seed) {
        return SOURCE_PREFIX + " — not the real dataset (generated, seed " + seed + ")";
    }

    /** {@code count} digits, labels uniform over 0..9, a pure function of (seed, index). */
    public static DigitSet generate(int count, long seed) {
        byte[] pixels = new byte[count * SIZE * SIZE];
        byte[] labels = new byte[count];
        Pen pen = new Pen();
        for (int i = 0; i < count; i++) {
            if ((i & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while generating synthetic digits (" + i + " of " + count + ")");
            }
            Random rng = new Random(seed * 0x9E3779B97F4A7C15L + i);
            int label = rng.nextInt(10);
            labels[i] = (byte) label;
            pen.draw(label, rng, pixels, i * SIZE * SIZE);
        }
        return new DigitSet(pixels, labels, SIZE, SIZE, source(seed));
    }

    /** A stroke through points in a unit box (x right, y down); smooth = a spline through them. */
    private record Stroke(boolean smooth, boolean closed, double... xy) {}

    private static Stroke smooth(double... xy) { return new Stroke(true, false, xy); }
    private static Stroke loop(double... xy) { return new Stroke(true, true, xy); }
    private static Stroke lines(double... xy) { return new Stroke(false, false, xy); }

    /** Skeletons per digit; several variants where people commonly write a digit differently. */
    private static final Stroke[][][] SKELETONS = {
        { // 0
            {loop(0.5, 0, 0.88, 0.2, 0.95, 0.6, 0.62, 1, 0.18, 0.88, 0.05, 0.45, 0.2, 0.1)},
        },
        { // 1
            {lines(0.55, 0, 0.5, 1)},
            {lines(0.2, 0.25, 0.6, 0, 0.6, 1)},
        },
        { // 2
            {smooth(0.08, 0.25, 0.45, 0, 0.85, 0.2, 0.78, 0.5, 0.4, 0.78, 0.05, 1), lines(0.05, 1, 0.95, 0.97)},
        },
        { // 3
            {smooth(0.1, 0.12, 0.5, 0, 0.85, 0.2, 0.45, 0.47), smooth(0.45, 0.47, 0.9, 0.7, 0.55, 1, 0.08, 0.88)},
        },
        { // 4
            {lines(0.65, 0, 0.05, 0.65, 0.95, 0.65), lines(0.7, 0.3, 0.7, 1)},
            {lines(0.15, 0, 0.1, 0.55, 0.9, 0.55), lines(0.75, 0, 0.75, 1)},
        },
        { // 5
            {lines(0.88, 0, 0.22, 0, 0.15, 0.45), smooth(0.15, 0.45, 0.55, 0.35, 0.9, 0.62, 0.7, 0.95, 0.1, 0.9)},
        },
        { // 6
            {smooth(0.78, 0, 0.35, 0.25, 0.1, 0.68, 0.4, 1, 0.82, 0.8, 0.7, 0.5, 0.32, 0.5, 0.12, 0.7)},
        },
        { // 7
            {lines(0.05, 0, 0.95, 0, 0.4, 1)},
            {lines(0.05, 0.05, 0.95, 0, 0.45, 1), lines(0.35, 0.5, 0.85, 0.5)},
        },
        { // 8
            {loop(0.5, 0.48, 0.85, 0.2, 0.5, 0, 0.15, 0.2, 0.5, 0.48, 0.9, 0.75, 0.5, 1, 0.1, 0.75)},
        },
        { // 9
            {smooth(0.85, 0.3, 0.5, 0.5, 0.15, 0.28, 0.5, 0, 0.85, 0.22, 0.82, 0.55, 0.7, 1)},
        },
    };

    /** Draws one digit; holds a reusable canvas so generating 60,000 digits stays fast. */
    private static final class Pen {
        private final BufferedImage canvas = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        private final byte[] canvasPixels = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();

        void draw(int label, Random rng, byte[] out, int offset) {
            Stroke[][] variants = SKELETONS[label];
            Stroke[] strokes = variants[rng.nextInt(variants.length)];
            double jitter = 0.03 + 0.04 * rng.nextDouble();
            Path2D.Double path = new Path2D.Double();
            for (Stroke s : strokes) append(path, s, rng, jitter);

            double height = 17 + 4 * rng.nextDouble();                       // MNIST fits digits in a 20x20 box
            double aspect = label == 1 ? 0.35 + 0.2 * rng.nextDouble() : 0.55 + 0.25 * rng.nextDouble();
            double angle = Math.toRadians(rng.nextGaussian() * 8);
            double shear = -0.25 + 0.35 * rng.nextDouble();                  // most writers slant right
            float width = (float) (1.3 + 1.9 * rng.nextDouble());

            AffineTransform shape = new AffineTransform();
            shape.rotate(angle);
            shape.shear(shear, 0);
            shape.scale(height * aspect, height);
            shape.translate(-0.5, -0.5);
            var outline = shape.createTransformedShape(path);

            // First pass finds the centre of mass, second draws it there (sub-pixel, like MNIST).
            render(outline, width, 0, 0);
            double[] com = centreOfMass();
            render(outline, width, SIZE / 2.0 - com[0], SIZE / 2.0 - com[1]);

            double noise = 6 + 10 * rng.nextDouble();
            for (int p = 0; p < SIZE * SIZE; p++) {
                int v = canvasPixels[p] & 0xff;
                if (v > 0) v = (int) Math.round(v + noise * rng.nextGaussian());
                out[offset + p] = (byte) Math.max(0, Math.min(255, v));
            }
            int specks = rng.nextInt(4) == 0 ? 1 + rng.nextInt(2) : 0;        // stray pen marks, as scans have
            for (int k = 0; k < specks; k++) {
                int p = rng.nextInt(SIZE * SIZE);
                out[offset + p] = (byte) Math.max(out[offset + p] & 0xff, 60 + rng.nextInt(120));
            }
        }

        private void render(java.awt.Shape outline, float width, double dx, double dy) {
            Arrays.fill(canvasPixels, (byte) 0);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.setColor(Color.WHITE);
                g.translate(dx, dy);
                g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(outline);
            } finally {
                g.dispose();
            }
        }

        private double[] centreOfMass() {
            double sum = 0, sx = 0, sy = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int v = canvasPixels[y * SIZE + x] & 0xff;
                    sum += v;
                    sx += v * (x + 0.5);
                    sy += v * (y + 0.5);
                }
            }
            return sum == 0 ? new double[] {SIZE / 2.0, SIZE / 2.0} : new double[] {sx / sum, sy / sum};
        }

        private static void append(Path2D.Double path, Stroke s, Random rng, double jitter) {
            int n = s.xy().length / 2;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = s.xy()[2 * k] + jitter * rng.nextGaussian();
                y[k] = s.xy()[2 * k + 1] + jitter * rng.nextGaussian();
            }
            path.moveTo(x[0], y[0]);
            if (!s.smooth()) {
                for (int k = 1; k < n; k++) path.lineTo(x[k], y[k]);
                return;
            }
            // Catmull-Rom spline through the points, as cubic Bezier segments.
            int segments = s.closed() ? n : n - 1;
            for (int k = 0; k < segments; k++) {
                int i0 = idx(k - 1, n, s.closed()), i1 = k, i2 = idx(k + 1, n, s.closed()), i3 = idx(k + 2, n, s.closed());
                path.curveTo(x[i1] + (x[i2] - x[i0]) / 6, y[i1] + (y[i2] - y[i0]) / 6,
                        x[i2] - (x[i3] - x[i1]) / 6, y[i2] - (y[i3] - y[i1]) / 6,
                        x[i2], y[i2]);
            }
        }

        private static int idx(int i, int n, boolean closed) {
            if (closed) return Math.floorMod(i, n);
            return Math.max(0, Math.min(n - 1, i));
        }
    }
}
