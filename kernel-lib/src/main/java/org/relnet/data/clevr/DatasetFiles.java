package org.relnet.data.clevr;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The on-disk format, version {@value #FORMAT_VERSION} (documented in {@code datasets/README.md}):
 * per split {@code <split>-images.u8} (N x H x W x 3 RGB bytes), {@code <split>-scenes.u16}
 * (N x 6 x [shape, x, y], uint16 little-endian, objects in colour order),
 * {@code <split>-questions.u8} (N x Q question codes) and {@code <split>-answers.u8} (N x Q answer
 * indices), plus {@code manifest.properties} with the parameters, counts, byte sizes and SHA-256
 * of every file. The manifest is written last, inside a temporary directory renamed into place.
 */
final class DatasetFiles {
    static final String MANIFEST = "manifest.properties";
    static final String FORMAT = "relnet-sort-of-clevr";
    static final int FORMAT_VERSION = 1;
    private static final String[] SPLITS = {"train", "test"};
    private static final String[] PARTS = {"images.u8", "scenes.u16", "questions.u8", "answers.u8"};

    private DatasetFiles() {}

    static GenerationStats write(SortOfClevr config, Path dir, boolean overwrite) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !overwrite) {
            throw new IOException(dir + " already exists; delete it, choose another directory or pass overwrite (--force)");
        }
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + dir.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(tmp);
        boolean done = false;
        try {
            Map<String, HashingFile> files = new LinkedHashMap<>();
            for (String s : SPLITS) for (String p : PARTS) files.put(fileName(s, p), new HashingFile(tmp.resolve(fileName(s, p))));
            GenerationStats stats;
            try {
                stats = GenerationPipeline.run(config, block -> {
                    String split = block.first < config.trainImages() ? "train" : "test";
                    files.get(fileName(split, "images.u8")).write(block.images);
                    ByteBuffer le = ByteBuffer.allocate(block.scenes.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    for (short v : block.scenes) le.putShort(v);
                    files.get(fileName(split, "scenes.u16")).write(le.array());
                    files.get(fileName(split, "questions.u8")).write(block.questions);
                    files.get(fileName(split, "answers.u8")).write(block.answers);
                });
            } finally {
                for (HashingFile f : files.values()) f.close();
            }
            writeManifest(config, files, tmp.resolve(MANIFEST));
            if (Files.exists(dir)) {
                Path old = parent.resolve("." + dir.getFileName() + ".old-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
                Files.move(dir, old);
                moveIntoPlace(tmp, dir);
                deleteTree(old);
            } else {
                moveIntoPlace(tmp, dir);
            }
            done = true;
            return stats;
        } finally {
            if (!done) deleteTree(tmp);
        }
    }

    private static void moveIntoPlace(Path tmp, Path dir) throws IOException {
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir); // same parent directory, so this is a rename anyway
        }
    }

    private static void writeManifest(SortOfClevr c, Map<String, HashingFile> files, Path manifest) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sort-of-CLEVR dataset written by org.relnet.data.clevr.SortOfClevr; format: datasets/README.md\n");
        line(sb, "format", FORMAT);
        line(sb, "formatVersion", FORMAT_VERSION);
        line(sb, "imageSize", c.imageSize());
        line(sb, "images", c.images());
        line(sb, "trainImages", c.trainImages());
        line(sb, "testImages", c.testImages());
        line(sb, "trainFraction", c.trainFraction());
        line(sb, "objectSize", c.objectSize());
        line(sb, "gap", c.gap());
        line(sb, "questionsPerType", c.questionsPerType());
        line(sb, "questionsPerImage", c.questionsPerImage());
        line(sb, "seed", c.seed());
        line(sb, "rng", "splitmix64");
        for (Map.Entry<String, HashingFile> e : files.entrySet()) {
            line(sb, e.getKey() + ".bytes", e.getValue().bytes);
            line(sb, e.getKey() + ".sha256", e.getValue().hex());
        }
        try (OutputStream out = new FileOutputStream(manifest.toFile())) {
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            ((FileOutputStream) out).getFD().sync();
        }
    }

    private static void line(StringBuilder sb, String key, Object value) {
        sb.append(key).append('=').append(value).append('\n');
    }

    static String fileName(String split, String part) { return split + "-" + part; }

    static SortOfClevrDataset load(Path dir) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new DatasetFormatException(manifestFile, Files.isDirectory(dir)
                    ? "missing: not a finished Sort-of-CLEVR dataset (generation never completed, or wrong directory)"
                    : "missing: directory " + dir + " does not exist");
        }
        Properties m = new Properties();
        try (InputStream in = Files.newInputStream(manifestFile)) {
            m.load(in);
        }
        Manifest man = new Manifest(manifestFile, m);
        if (!FORMAT.equals(man.string("format"))) {
            throw new DatasetFormatException(manifestFile, "format is '" + man.string("format") + "', expected '" + FORMAT + "'");
        }
        int version = man.integer("formatVersion");
        if (version != FORMAT_VERSION) {
            throw new DatasetFormatException(manifestFile, "formatVersion " + version + " is not supported (this reader reads version "
                    + FORMAT_VERSION + "); regenerate the dataset with this version of kernel-lib");
        }
        SortOfClevr config;
        try {
            config = SortOfClevr.builder().imageSize(man.integer("imageSize")).images(man.integer("images"))
                    .trainFraction(Double.parseDouble(man.string("trainFraction"))).objectSize(man.integer("objectSize"))
                    .gap(man.integer("gap")).questionsPerType(man.integer("questionsPerType")).seed(Long.parseLong(man.string("seed")))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(manifestFile, "bad parameters: " + e.getMessage());
        }
        man.expect("trainImages", config.trainImages());
        man.expect("testImages", config.testImages());
        man.expect("questionsPerImage", config.questionsPerImage());
        List<ClevrSplit> splits = new ArrayList<>();
        for (String s : SPLITS) {
            int n = s.equals("train") ? config.trainImages() : config.testImages();
            ClevrSplit split = ClevrSplit.allocate(s, n, config.imageSize(), config.questionsPerImage());
            readVerified(dir, man, fileName(s, "images.u8"), split.images);
            byte[] scenes = new byte[split.scenes.length * 2];
            readVerified(dir, man, fileName(s, "scenes.u16"), scenes);
            ByteBuffer.wrap(scenes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(split.scenes);
            readVerified(dir, man, fileName(s, "questions.u8"), split.questions);
            readVerified(dir, man, fileName(s, "answers.u8"), split.answers);
            checkContent(dir, s, split, config);
            splits.add(split);
        }
        return new SortOfClevrDataset(config, splits.get(0), splits.get(1), null);
    }

    /** Reads the whole file into {@code into}, which has exactly the size the parameters imply. */
    private static void readVerified(Path dir, Manifest man, String name, byte[] into) throws IOException {
        Path file = dir.resolve(name);
        long declared = man.longValue(name + ".bytes");
        String sha = man.string(name + ".sha256");
        if (declared != into.length) {
            throw new DatasetFormatException(man.file, name + ".bytes is " + declared + " but the parameters imply " + into.length);
        }
        long actual;
        try {
            actual = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(file, "missing (listed in " + MANIFEST + ")");
        }
        if (actual != declared) {
            throw new DatasetFormatException(file, (actual < declared ? "truncated: " : "too long: ") + actual + " bytes, manifest says "
                    + declared);
        }
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(into, 0, into.length);
            if (read != into.length) throw new DatasetFormatException(file, "truncated while reading: " + read + " of " + into.length + " bytes");
        }
        md.update(into);
        String got = HexFormat.of().formatHex(md.digest());
        if (!got.equalsIgnoreCase(sha)) {
            throw new DatasetFormatException(file, "SHA-256 mismatch: file is corrupted or was changed (manifest " + sha + ", file " + got + ")");
        }
    }

    /** Values the checksums cannot vouch for if a foreign tool wrote a self-consistent but wrong dataset. */
    private static void checkContent(Path dir, String s, ClevrSplit split, SortOfClevr config) throws DatasetFormatException {
        int r = config.objectSize() / 2, size = config.imageSize();
        Path scenes = dir.resolve(fileName(s, "scenes.u16"));
        for (int i = 0; i < split.size(); i++) {
            for (int o = 0; o < Colour.COUNT; o++) {
                int p = i * ClevrSplit.SCENE_VALUES + o * 3;
                int shape = split.scenes[p], x = split.scenes[p + 1] & 0xFFFF, y = split.scenes[p + 2] & 0xFFFF;
                if (shape < 0 || shape > 1 || x < r || x > size - r || y < r || y > size - r) {
                    throw new DatasetFormatException(scenes, "image " + i + " object " + Colour.of(o).word() + ": shape " + shape
                            + ", centre (" + x + ", " + y + ") out of range");
                }
            }
        }
        Path qf = dir.resolve(fileName(s, "questions.u8")), af = dir.resolve(fileName(s, "answers.u8"));
        for (int e = 0; e < split.examples(); e++) {
            int q = split.questions[e] & 0xFF, a = split.answers[e] & 0xFF;
            if (q >= Question.CODES) throw new DatasetFormatException(qf, "example " + e + ": question code " + q + " not in 0..35");
            if (a >= Answer.COUNT) throw new DatasetFormatException(af, "example " + e + ": answer " + a + " not in 0..9");
            int k = e % split.questionsPerImage();
            QuestionType expected = k < config.questionsPerType() ? QuestionType.NON_RELATIONAL : QuestionType.RELATIONAL;
            if (Question.ofCode(q).type() != expected) {
                throw new DatasetFormatException(qf, "example " + e + ": question " + k + " of its image should be " + expected.label());
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + p, e);
        }
    }

    private static final class Manifest {
        final Path file;
        final Properties props;

        Manifest(Path file, Properties props) {
            this.file = file;
            this.props = props;
        }

        String string(String key) throws DatasetFormatException {
            String v = props.getProperty(key);
            if (v == null) throw new DatasetFormatException(file, "missing key '" + key + "'");
            return v.trim();
        }

        long longValue(String key) throws DatasetFormatException {
            String v = string(key);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(file, "key '" + key + "' is '" + v + "', not an integer");
            }
        }

        int integer(String key) throws DatasetFormatException {
            long v = longValue(key);
            if (v != (int) v) throw new DatasetFormatException(file, "key '" + key + "' = " + v + " is out of range");
            return (int) v;
        }

        void expect(String key, long value) throws DatasetFormatException {
            long v = longValue(key);
            if (v != value) throw new DatasetFormatException(file, "key '" + key + "' is " + v + " but the parameters imply " + value);
        }
    }

    /** A file written through a SHA-256 digest, synced to disk on close. */
    private static final class HashingFile {
        final FileOutputStream raw;
        final MessageDigest md = sha256();
        final OutputStream out;
        long bytes;
        boolean closed;

        HashingFile(Path path) throws IOException {
            raw = new FileOutputStream(path.toFile());
            out = new BufferedOutputStream(new DigestOutputStream(raw, md), 1 << 16);
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            bytes += b.length;
        }

        String hex() { return HexFormat.of().formatHex(md.digest()); }

        void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                out.flush();
                raw.getFD().sync();
            } finally {
                out.close();
            }
        }
    }
}
