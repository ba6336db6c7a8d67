package org.relnet.data.mnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one entry point notebooks use. Sources, in this order, and it prints which one it used:
 * <ol>
 *   <li>the four IDX files in {@code datasets/mnist/} (gzipped or not);</li>
 *   <li>DL4J's own downloader ({@link MnistDownload}) into that directory, when the mirror answers
 *       (offline this fails within a few seconds; {@code RELNET_MNIST_DOWNLOAD=0} skips it);</li>
 *   <li>the {@link SyntheticDigits} stand-in, labelled SYNTHETIC in every output built on it.</li>
 * </ol>
 *
 * <p>{@code datasets/} is found from the environment variable {@code RELNET_DATASETS}, else by
 * walking up from the working directory (notebooks run in {@code notebooks/}, tests in a module).
 */
public final class Mnist {
    public static final int TRAIN_SIZE = 60_000;
    public static final int TEST_SIZE = 10_000;
    public static final long SYNTHETIC_SEED = 42;

    private Mnist() {}

    /** The full splits (60,000 / 10,000). */
    public static MnistData load() {
        return load(TRAIN_SIZE, TEST_SIZE);
    }

    /** At most {@code maxTrain} / {@code maxTest} digits per split (a stand-in makes only those). */
    public static MnistData load(int maxTrain, int maxTest) {
        return load(defaultDir(), maxTrain, maxTest);
    }

    public static MnistData load(Path dir, int maxTrain, int maxTest) {
        return load(dir, maxTrain, maxTest, MnistDownload.dl4j());
    }

    /** As {@link #load(Path, int, int)} with a chosen downloader ({@link MnistDownload#disabled()} to stay offline). */
    public static MnistData load(Path dir, int maxTrain, int maxTest, MnistDownload download) {
        MnistData data;
        String downloadNote = "";
        if (!MnistReader.anyPresent(dir) && download.enabled()) {
            MnistDownload.Outcome o = download.fetch(dir);
            System.out.println("MNIST download: " + o.message());
            if (!o.downloaded()) downloadNote = "; " + o.message();
        }
        if (MnistReader.anyPresent(dir)) {
            try {
                data = MnistReader.read(dir).first(maxTrain, maxTest);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        } else {
            data = synthetic(maxTrain, maxTest, SYNTHETIC_SEED);
        }
        System.out.println("Digits: " + data + (data.isReal() ? ""
                : "\n  (no MNIST files in " + dir.toAbsolutePath().normalize() + downloadNote
                        + "; put train-images-idx3-ubyte[.gz] and the other three there to use the real data)"));
        return data;
    }

    /** The stand-in: train and test drawn from different seeds so no digit is in both. */
    public static MnistData synthetic(int nTrain, int nTest, long seed) {
        DigitSet train = SyntheticDigits.generate(nTrain, seed);
        DigitSet testRaw = SyntheticDigits.generate(nTest, seed + 1_000_003);
        DigitSet test = new DigitSet(testRaw.pixelData(), testRaw.labelData(), testRaw.rows(), testRaw.cols(), train.source());
        return new MnistData(train, test, train.source());
    }

    /** {@code $RELNET_DATASETS/mnist}, else the first {@code datasets/mnist} above the working directory. */
    public static Path defaultDir() {
        String env = System.getenv("RELNET_DATASETS");
        if (env != null && !env.isBlank()) return Path.of(env, "mnist");
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("datasets"))) return p.resolve("datasets").resolve("mnist");
            if (Files.isRegularFile(p.resolve(".mvn").resolve("maven.config"))) {
                return p.resolve("datasets").resolve("mnist"); // the project root, even before datasets/ exists
            }
        }
        return cwd.resolve("datasets").resolve("mnist");
    }
}
