package org.relnet.data.mnist;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of the MNIST files: a 4-byte magic {@code 00 00 type ndims}, {@code ndims}
 * big-endian int32 sizes, then the data in row-major order. MNIST uses only type 0x08 (unsigned
 * byte): images are 3-dimensional (magic 2051), labels 1-dimensional (magic 2049).
 *
 * <p>Reading is strict on purpose: a file whose length does not match its header is rejected
 * rather than silently cut, because a half-downloaded MNIST still "trains" and hides the problem.
 * Gzip is recognised by its own magic bytes, not by the file name.
 */
public final class IdxFile {
    public static final int UNSIGNED_BYTE = 0x08;
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFile() {}

    /** An unsigned-byte IDX array: its sizes and its data, row-major. */
    public record Array(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    /** Reads an unsigned-byte IDX file with {@code expectedDims} dimensions, gzipped or not. */
    public static Array read(Path file, int expectedDims) throws IOException {
        byte[] bytes = readDecompressed(file);
        return parse(file, bytes, expectedDims);
    }

    static Array parse(Path file, byte[] bytes, int expectedDims) throws IdxFormatException {
        int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
        if (bytes.length < 4) {
            throw new IdxFormatException(file, "file is " + bytes.length
                    + " bytes long, too short for the 4-byte IDX magic number");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new IdxFormatException(file, String.format(
                    "bad magic number 0x%08X, expected 0x%08X (IDX unsigned bytes, %d dimension%s: %s)",
                    magic, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s",
                    expectedDims == 1 ? "labels" : expectedDims == 3 ? "images" : "array"));
        }
        int headerBytes = 4 + 4 * expectedDims;
        if (bytes.length < headerBytes) {
            throw new IdxFormatException(file, "file ends after " + bytes.length
                    + " bytes, inside its " + headerBytes + "-byte header");
        }
        int[] dims = new int[expectedDims];
        long payload = 1;
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = buf.getInt();
            if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                throw new IdxFormatException(file, "header declares size " + Integer.toUnsignedString(dims[d])
                        + " for dimension " + d + ", which is not a valid size");
            }
            payload *= dims[d];
        }
        long actual = bytes.length - headerBytes;
        if (actual < payload) {
            throw new IdxFormatException(file, "file shorter than its header says: header declares "
                    + describe(dims) + " = " + payload + " data bytes, the file holds only " + actual
                    + " (truncated download?)");
        }
        if (actual > payload) {
            throw new IdxFormatException(file, "file longer than its header says: header declares "
                    + describe(dims) + " = " + payload + " data bytes, the file holds " + actual);
        }
        return new Array(dims, Arrays.copyOfRange(bytes, headerBytes, bytes.length));
    }

    private static String describe(int[] dims) {
        if (dims.length == 3) return dims[0] + " images of " + dims[1] + "x" + dims[2];
        if (dims.length == 1) return dims[0] + " labels";
        return Arrays.toString(dims);
    }

    private static byte[] readDecompressed(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file, "no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 != 0x1f || b1 != 0x8b) {
                if (file.getFileName().toString().endsWith(".gz")) {
                    throw new IdxFormatException(file, "bad gzip: the name ends in .gz but the file does not "
                            + "start with the gzip magic bytes 1f 8b");
                }
                return raw.readAllBytes();
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                return in.readAllBytes();
            } catch (EOFException e) {
                throw new IdxFormatException(file, "bad gzip: compressed stream ends early (truncated download?)", e);
            } catch (ZipException e) {
                throw new IdxFormatException(file, "bad gzip: " + e.getMessage(), e);
            }
        }
    }

    /** Writes an unsigned-byte IDX file (gzipped when the name ends in .gz). */
    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        long n = 1;
        for (int d : dims) n *= d;
        if (n != data.length) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " need " + n
                    + " bytes, got " + data.length);
        }
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length);
        header.putInt((UNSIGNED_BYTE << 8) | dims.length);
        for (int d : dims) header.putInt(d);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(header.capacity() + data.length);
        bytes.write(header.array());
        bytes.write(data);
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        // Written beside and moved into place, so a killed process never leaves a half file
        // that a later run would reject (or, worse, a reader without checks would accept).
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(part)) : Files.newOutputStream(part)) {
            bytes.writeTo(out);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
