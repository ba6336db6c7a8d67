package org.relnet.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading on tiny files written byte by byte here, independently of {@link IdxFile#write}. */
class MnistReaderTest {
    @TempDir Path dir;

    /** 3 images of 2x2, pixel values i*10 + p, labels 7, 0, 9. */
    private static byte[] images(int magic, int declaredCount, int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixelBytes);
        b.putInt(magic).putInt(declaredCount).putInt(2).putInt(2);
        for (int k = 0; k < pixelBytes; k++) b.put((byte) ((k / 4) * 10 + k % 4));
        return b.array();
    }

    private static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        byte[] values = {7, 0, 9, 3};
        for (int k = 0; k < count; k++) b.put(values[k % values.length]);
        return b.array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path put(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsValidPlainFiles() throws IOException {
        Path img = put("train-images-idx3-ubyte", images(0x00000803, 3, 12));
        Path lab = put("train-labels-idx1-ubyte", labels(3));
        DigitSet set = MnistReader.readSplit(img, lab, "test");
        assertEquals(3, set.size());
        assertEquals(2, set.rows());
        assertEquals(2, set.cols());
        assertEquals(7, set.label(0));
        assertEquals(9, set.label(2));
        assertEquals(23, set.pixel(2, 1, 1)); // image 2, pixel 3
        assertEquals(10, set.pixel(1, 0, 0));
    }

    @Test
    void readsGzippedFilesOfAWholeDirectory() throws IOException {
        put("train-images-idx3-ubyte.gz", gzip(images(0x00000803, 3, 12)));
        put("train-labels-idx1-ubyte.gz", gzip(labels(3)));
        put("t10k-images-idx3-ubyte.gz", gzip(images(0x00000803, 2, 8)));
        put("t10k-labels-idx1-ubyte", labels(2)); // mixed: one plain file among gzipped ones
        assertTrue(MnistReader.anyPresent(dir));
        MnistData data = MnistReader.read(dir);
        assertEquals(3, data.train().size());
        assertEquals(2, data.test().size());
        assertEquals(0, data.test().label(1));
        assertEquals(13, data.train().pixel(1, 1, 1));
        assertTrue(data.isReal());
        assertTrue(data.source().startsWith("MNIST (real, "), data.source());
    }

    @Test
    void badMagicNamesFileAndMagic() throws IOException {
        Path img = put("train-images-idx3-ubyte", images(0x00000801, 3, 12)); // a labels magic on an images file
        Path lab = put("train-labels-idx1-ubyte", labels(3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistReader.readSplit(img, lab, "test"));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x00000801"), e.getMessage());
        assertEquals(img, e.file());
    }

    @Test
    void truncatedDataNamesFileAndSizes() throws IOException {
        Path img = put("train-images-idx3-ubyte", images(0x00000803, 3, 10)); // header says 12 pixel bytes
        Path lab = put("train-labels-idx1-ubyte", labels(3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistReader.readSplit(img, lab, "test"));
        assertTrue(e.getMessage().startsWith(img.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("shorter than its header says"), e.getMessage());
        assertTrue(e.getMessage().contains("12 data bytes") && e.getMessage().contains("only 10"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path lab = put("t10k-labels-idx1-ubyte", Arrays.copyOf(labels(3), 6));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(lab, 1));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("inside its 8-byte header"), e.getMessage());
    }

    @Test
    void extraBytesAreRejectedNotIgnored() throws IOException {
        byte[] longer = Arrays.copyOf(labels(3), 8 + 5);
        Path lab = put("train-labels-idx1-ubyte", longer);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(lab, 1));
        assertTrue(e.getMessage().contains("longer than its header says"), e.getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path img = put("train-images-idx3-ubyte", images(0x00000803, 3, 12));
        Path lab = put("train-labels-idx1-ubyte", labels(4));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistReader.readSplit(img, lab, "test"));
        assertTrue(e.getMessage().contains("count mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("3 images") && e.getMessage().contains("4 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedAsBadGzip() throws IOException {
        byte[] gz = gzip(images(0x00000803, 3, 12));
        Path img = put("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(img, 3));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("bad gzip"), e.getMessage());
    }

    @Test
    void gzNameWithoutGzipContentIsBadGzip() throws IOException {
        Path img = put("train-images-idx3-ubyte.gz", "<html>not found</html>".getBytes());
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(img, 3));
        assertTrue(e.getMessage().contains("bad gzip"), e.getMessage());
    }

    @Test
    void labelOutsideDigitsIsRejected() throws IOException {
        byte[] l = labels(3);
        l[9] = 12;
        Path img = put("train-images-idx3-ubyte", images(0x00000803, 3, 12));
        Path lab = put("train-labels-idx1-ubyte", l);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistReader.readSplit(img, lab, "test"));
        assertTrue(e.getMessage().contains("label 12 of item 1"), e.getMessage());
    }

    @Test
    void incompleteDirectoryNamesMissingFiles() throws IOException {
        put("train-images-idx3-ubyte", images(0x00000803, 3, 12));
        put("train-labels-idx1-ubyte", labels(3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistReader.read(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte") && e.getMessage().contains("t10k-labels-idx1-ubyte"),
                e.getMessage());
    }

    @Test
    void writerRoundTripsThroughReader() throws IOException {
        DigitSet synth = SyntheticDigits.generate(5, 3);
        synth.writeIdx(dir.resolve("a-images.gz"), dir.resolve("a-labels"));
        DigitSet back = MnistReader.readSplit(dir.resolve("a-images.gz"), dir.resolve("a-labels"), "x");
        assertEquals(5, back.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(synth.label(i), back.label(i));
            for (int r = 0; r < 28; r++) for (int c = 0; c < 28; c++) assertEquals(synth.pixel(i, r, c), back.pixel(i, r, c));
        }
    }

    @Test
    void emptyDirectoryFallsBackToLabelledStandIn() {
        assertFalse(MnistReader.anyPresent(dir));
        MnistData data = Mnist.load(dir, 20, 10, MnistDownload.disabled());
        assertFalse(data.isReal());
        assertEquals(20, data.train().size());
        assertEquals(10, data.test().size());
        assertTrue(data.source().contains("SYNTHETIC") && data.source().contains("not the real dataset"), data.source());
        assertTrue(data.test().source().contains("SYNTHETIC"));
    }

    @Test
    void syntheticDigitsAreDeterministicAndPrefixStable() {
        DigitSet a = SyntheticDigits.generate(50, 7);
        DigitSet b = SyntheticDigits.generate(20, 7);
        DigitSet c = SyntheticDigits.generate(20, 8);
        int[] pixA = new int[28 * 28], pixB = new int[28 * 28];
        boolean differs = false;
        for (int i = 0; i < 20; i++) {
            assertEquals(a.label(i), b.label(i));
            for (int p = 0; p < 28 * 28; p++) {
                pixA[p] = a.pixel(i, p / 28, p % 28);
                pixB[p] = b.pixel(i, p / 28, p % 28);
                if (pixA[p] != c.pixel(i, p / 28, p % 28)) differs = true;
            }
            assertArrayEquals(pixA, pixB);
        }
        assertTrue(differs, "another seed must give other digits");
    }
}
