package org.relnet.data.mnist;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Labelled grey-scale digit images held as MNIST holds them: unsigned bytes, 0 = background,
 * 255 = ink, row-major, plus one label 0..9 per image. Real MNIST and the synthetic stand-in are
 * both a {@code DigitSet}; {@link #source()} says which, and every output built on a set shows it.
 * Immutable (the ND4J copy made for batching is cached, never changed).
 */
public final class DigitSet {
    public static final int CLASSES = 10;

    private final byte[] pixels;
    private final byte[] labels;
    private final int rows;
    private final int cols;
    private final String source;
    private INDArray[] arrays; // built on first use, then shared by every DigitBatches over this set

    public DigitSet(byte[] pixels, byte[] labels, int rows, int cols, String source) {
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels of " + rows + "x" + cols
                    + " images need " + (long) labels.length * rows * cols + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= CLASSES) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside 0..9");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        this.source = Objects.requireNonNull(source);
    }

    public int size() { return labels.length; }
    public int rows() { return rows; }
    public int cols() { return cols; }

    /** Where the digits come from, e.g. "MNIST (real, datasets/mnist)" or the synthetic notice. */
    public String source() { return source; }

    /** True when the digits are the real MNIST, false for the generated stand-in. */
    public boolean isReal() { return !source.startsWith(SyntheticDigits.SOURCE_PREFIX); }

    public int label(int i) { return labels[i]; }

    /** Pixel (r, c) of image i as 0..255. */
    public int pixel(int i, int r, int c) {
        return pixels[(i * rows + r) * cols + c] & 0xff;
    }

    /** The first {@code n} digits (the whole set when it has fewer). */
    public DigitSet first(int n) {
        int m = Math.min(n, size());
        return new DigitSet(Arrays.copyOf(pixels, m * rows * cols), Arrays.copyOf(labels, m), rows, cols, source);
    }

    /** How many digits of each class, index = label. */
    public int[] classCounts() {
        int[] counts = new int[CLASSES];
        for (byte l : labels) counts[l]++;
        return counts;
    }

    /** Mini-batches for training or evaluation; see {@link DigitBatches}. */
    public DigitBatches batches(int batchSize, boolean shuffle, boolean dropLast, long seed) {
        return new DigitBatches(this, batchSize, shuffle, dropLast, seed);
    }

    /** Writes the set as the two IDX files MNIST ships (gzipped when a name ends in .gz). */
    public void writeIdx(Path imagesFile, Path labelsFile) throws IOException {
        IdxFile.write(imagesFile, new int[] {size(), rows, cols}, pixels);
        IdxFile.write(labelsFile, new int[] {size()}, labels);
    }

    /** A grid of the first {@code count} digits, ink dark on white, for a quick look in a notebook. */
    public BufferedImage preview(int count, int perRow, int scale) {
        int n = Math.min(count, size());
        int gridRows = (n + perRow - 1) / perRow;
        int cell = cols + 2;
        BufferedImage img = new BufferedImage(perRow * cell * scale, Math.max(1, gridRows) * (rows + 2) * scale,
                BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) raster.setSample(x, y, 0, 255);
        for (int i = 0; i < n; i++) {
            int ox = (i % perRow) * cell + 1;
            int oy = (i / perRow) * (rows + 2) + 1;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int v = 255 - pixel(i, r, c);
                    for (int dy = 0; dy < scale; dy++) for (int dx = 0; dx < scale; dx++) {
                        raster.setSample((ox + c) * scale + dx, (oy + r) * scale + dy, 0, v);
                    }
                }
            }
        }
        return img;
    }

    /**
     * The set as ND4J arrays, built once: every case of a study then batches the same arrays, so
     * none of them pays for (or is measured with) its own copy of the data.
     */
    synchronized INDArray[] arrays() {
        if (arrays == null) arrays = DigitBatches.toArrays(this);
        return arrays;
    }

    byte[] pixelData() { return pixels; }
    byte[] labelData() { return labels; }

    @Override
    public String toString() {
        return "DigitSet[" + size() + " digits " + rows + "x" + cols + ", " + source + "]";
    }
}
