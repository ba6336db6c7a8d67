package org.relnet.data.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads MNIST from the four IDX files as distributed, gzipped or not, from one directory:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte} (each optionally {@code .gz}; the common re-packaging with a dot,
 * {@code train-images.idx3-ubyte}, is accepted too).
 */
public final class MnistReader {
    private static final String[][] SPLITS = {
        {"train-images", "idx3-ubyte", "train-labels", "idx1-ubyte"},
        {"t10k-images", "idx3-ubyte", "t10k-labels", "idx1-ubyte"},
    };

    private MnistReader() {}

    /** True when the directory holds at least one of the MNIST files (then all four must be there). */
    public static boolean anyPresent(Path dir) {
        for (String[] s : SPLITS) {
            if (find(dir, s[0], s[1]).isPresent() || find(dir, s[2], s[3]).isPresent()) return true;
        }
        return false;
    }

    /** Reads train and test sets; the source label names the directory. */
    public static MnistData read(Path dir) throws IOException {
        List<String> missing = new ArrayList<>();
        Path[] files = new Path[4];
        for (int s = 0; s < 2; s++) {
            for (int k = 0; k < 2; k++) {
                String stem = SPLITS[s][2 * k], kind = SPLITS[s][2 * k + 1];
                Optional<Path> f = find(dir, stem, kind);
                if (f.isPresent()) files[2 * s + k] = f.get();
                else missing.add(stem + "-" + kind + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new IdxFormatException(dir, "incomplete MNIST directory, missing " + String.join(", ", missing));
        }
        String source = "MNIST (real, " + dir + ")";
        DigitSet train = readSplit(files[0], files[1], source);
        DigitSet test = readSplit(files[2], files[3], source);
        return new MnistData(train, test, source);
    }

    /** Reads one images file and its labels file and checks they belong together. */
    public static DigitSet readSplit(Path imagesFile, Path labelsFile, String source) throws IOException {
        IdxFile.Array images = IdxFile.read(imagesFile, 3);
        IdxFile.Array labels = IdxFile.read(labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(imagesFile, "count mismatch: it holds " + images.count()
                    + " images but " + labelsFile + " holds " + labels.count() + " labels");
        }
        byte[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] > 9) {
                throw new IdxFormatException(labelsFile, "label " + (l[i] & 0xff) + " of item " + i + " is outside 0..9");
            }
        }
        return new DigitSet(images.data(), l, images.dims()[1], images.dims()[2], source);
    }

    private static Optional<Path> find(Path dir, String stem, String kind) {
        for (String name : List.of(stem + "-" + kind, stem + "." + kind)) {
            for (String suffix : List.of("", ".gz")) {
                Path p = dir.resolve(name + suffix);
                if (Files.isRegularFile(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
