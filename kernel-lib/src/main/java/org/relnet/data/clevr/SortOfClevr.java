package org.relnet.data.clevr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The Sort-of-CLEVR generator (Santoro et al. 2017; the journal paper's visual QA data): an
 * immutable configuration with the paper's defaults that generates, writes and loads datasets.
 *
 * <pre>{@code
 * SortOfClevr gen = SortOfClevr.builder().imageSize(75).images(1000).seed(7).build();
 * SortOfClevrDataset data = gen.generate();               // in memory
 * gen.write(Path.of("datasets/soc-75"));                  // on disk, atomically
 * SortOfClevrDataset again = SortOfClevr.load(Path.of("datasets/soc-75"));
 * }</pre>
 *
 * <h2>The specification (format version 1)</h2>
 * <ul>
 * <li><b>Scene.</b> A white {@code imageSize x imageSize} RGB image with 6 objects, one per
 * {@link Colour}, each a square or a circle (1/2 each). {@code objectSize} (even; default
 * {@code 2 * floor(imageSize / 15)}: 16 px at 128, 10 px at 75) is the square's side and the
 * circle's diameter. Centres are integers drawn uniformly in {@code [r, imageSize - r]},
 * {@code r = objectSize / 2}, so every object lies inside the image; pixels are drawn as in
 * {@link SceneRenderer} without anti-aliasing.</li>
 * <li><b>No overlap.</b> Objects are placed in colour order; a position is redrawn (up to 1000
 * times, else the scene restarts) until its bounding box is at least {@code gap} pixels (default 2)
 * from every placed box, i.e. Chebyshev distance of centres {@code >= objectSize + gap}.</li>
 * <li><b>Distances and ties.</b> "Closest"/"farthest" use the Euclidean distance between centres
 * (computed exactly as squared integer distance). A scene in which any object has two others at
 * its minimum or at its maximum distance is redrawn, so every answer is unambiguous.</li>
 * <li><b>Left/top.</b> An object is on the left if {@code 2x < imageSize}, on the top if
 * {@code 2y < imageSize} (y grows downwards).</li>
 * <li><b>Questions.</b> Per image, {@code questionsPerType} (default 10) non-relational questions,
 * then as many relational ones. Each block is drawn WITHOUT replacement from the 18 (colour,
 * subtype) pairs of its type, so no question repeats within an image while colours and subtypes
 * stay balanced over the dataset (each colour, each subtype 1/6 resp. 1/3 of a type).</li>
 * <li><b>Randomness.</b> Image {@code i} uses SplitMix64 seeded with the {@code (i+1)}-th
 * SplitMix64 output of the master seed. Per image, in this order: for each colour x, y (redrawn
 * until clear), shape; then the question shuffles. Integers come from the top 63 bits with
 * rejection of the biased tail, so results are exact on every platform and any thread count.</li>
 * <li><b>Split.</b> Images {@code 0 .. trainImages-1} are the training set, the rest the test set
 * ({@code trainImages = round(images * trainFraction)}, default 0.8): no image is in both.</li>
 * </ul>
 */
public final class SortOfClevr {
    private final int imageSize, images, objectSize, gap, questionsPerType, threads;
    private final double trainFraction;
    private final long seed;
    private final boolean showProgress;

    private SortOfClevr(Builder b) {
        this.imageSize = b.imageSize;
        this.images = b.images;
        this.objectSize = b.objectSize > 0 ? b.objectSize : defaultObjectSize(b.imageSize);
        this.gap = b.gap;
        this.questionsPerType = b.questionsPerType;
        this.trainFraction = b.trainFraction;
        this.seed = b.seed;
        this.threads = b.threads;
        this.showProgress = b.showProgress;
    }

    public static Builder builder() { return new Builder(); }

    /** A builder preset with this configuration, to change a few values. */
    public Builder toBuilder() {
        return new Builder().imageSize(imageSize).images(images).objectSize(objectSize).gap(gap)
                .questionsPerType(questionsPerType).trainFraction(trainFraction).seed(seed).threads(threads)
                .showProgress(showProgress);
    }

    static int defaultObjectSize(int imageSize) { return 2 * (imageSize / 15); }

    public int imageSize() { return imageSize; }
    public int images() { return images; }
    public int objectSize() { return objectSize; }
    public int gap() { return gap; }
    public int questionsPerType() { return questionsPerType; }
    public int questionsPerImage() { return 2 * questionsPerType; }
    public double trainFraction() { return trainFraction; }
    public long seed() { return seed; }
    /** Worker threads; does not change the data. */
    public int threads() { return threads; }
    public boolean showProgress() { return showProgress; }

    public int trainImages() { return (int) Math.round(images * trainFraction); }
    public int testImages() { return images - trainImages(); }

    /** The scene of image {@code index} (0-based over train then test) without generating the rest. */
    public Scene scene(long index) {
        if (index < 0 || index >= images) throw new IndexOutOfBoundsException("image " + index + " of " + images);
        return new SceneGenerator(this).drawScene(new SplitMix(SceneGenerator.imageSeed(seed, index)));
    }

    /** Generates the whole dataset in memory on {@link #threads()} threads. */
    public SortOfClevrDataset generate() {
        ClevrSplit train = ClevrSplit.allocate("train", trainImages(), imageSize, questionsPerImage());
        ClevrSplit test = ClevrSplit.allocate("test", testImages(), imageSize, questionsPerImage());
        try {
            GenerationStats stats = GenerationPipeline.run(this, block -> {
                boolean inTrain = block.first < train.size();
                ClevrSplit s = inTrain ? train : test;
                int at = (int) (inTrain ? block.first : block.first - train.size());
                System.arraycopy(block.images, 0, s.images, at * block.imageBytes, block.images.length);
                System.arraycopy(block.scenes, 0, s.scenes, at * ClevrSplit.SCENE_VALUES, block.scenes.length);
                System.arraycopy(block.questions, 0, s.questions, at * block.questionsPerImage, block.questions.length);
                System.arraycopy(block.answers, 0, s.answers, at * block.questionsPerImage, block.answers.length);
            });
            return new SortOfClevrDataset(this, train, test, stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the in-memory sink does no I/O
        }
    }

    /**
     * Generates straight to {@code dir} (created; must not exist unless {@code overwrite}) without
     * holding the dataset in memory. Files go to a hidden temporary directory that is renamed to
     * {@code dir} only when complete, so an interrupted or killed run never leaves a dataset that
     * looks whole.
     */
    public GenerationStats write(Path dir, boolean overwrite) throws IOException {
        return DatasetFiles.write(this, dir, overwrite);
    }

    public GenerationStats write(Path dir) throws IOException { return write(dir, false); }

    /** Generates and throws the data away: the generator's throughput alone (benchmarks). */
    public GenerationStats benchmark() {
        try {
            return GenerationPipeline.run(this, block -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads and verifies a dataset written by {@link #write}; see {@link DatasetFormatException}. */
    public static SortOfClevrDataset load(Path dir) throws IOException {
        return DatasetFiles.load(dir);
    }

    /**
     * Loads {@code dir} if it holds exactly this configuration, else (missing, other parameters,
     * damaged) generates it there first, saying why. What notebooks call.
     */
    public SortOfClevrDataset loadOrGenerate(Path dir) throws IOException {
        if (Files.exists(dir.resolve(DatasetFiles.MANIFEST))) {
            try {
                SortOfClevrDataset d = load(dir);
                if (d.config().sameData(this)) return d;
                System.out.println(dir + " holds a different configuration (" + d.config() + "); regenerating");
            } catch (DatasetFormatException e) {
                System.out.println(e.getMessage() + "; regenerating");
            }
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(DatasetFiles.MANIFEST))) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty and holds no " + DatasetFiles.MANIFEST + ": not a Sort-of-CLEVR dataset, refusing to replace it");
                }
            }
        }
        GenerationStats stats = write(dir, true);
        SortOfClevrDataset d = load(dir);
        return new SortOfClevrDataset(d.config(), d.train(), d.test(), stats);
    }

    /**
     * {@code datasets/<name>} of this project, wherever the caller runs (a notebook runs in
     * {@code notebooks/}): {@code $RELNET_DATASETS/<name>} if set, else the nearest {@code datasets}
     * folder holding a README.md in the working directory or above it, else {@code ./datasets/<name>}.
     */
    public static Path datasetDir(String name) {
        String env = System.getenv("RELNET_DATASETS");
        if (env != null && !env.isBlank()) return Path.of(env, name);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("datasets").resolve("README.md"))) return d.resolve("datasets").resolve(name);
        }
        return Path.of("datasets", name).toAbsolutePath();
    }

    /** Same parameters that decide the data (threads and progress do not). */
    public boolean sameData(SortOfClevr o) {
        return imageSize == o.imageSize && images == o.images && objectSize == o.objectSize && gap == o.gap
                && questionsPerType == o.questionsPerType && trainFraction == o.trainFraction && seed == o.seed;
    }

    @Override
    public boolean equals(Object o) { return o instanceof SortOfClevr s && sameData(s); }

    @Override
    public int hashCode() { return Objects.hash(imageSize, images, objectSize, gap, questionsPerType, trainFraction, seed); }

    @Override
    public String toString() {
        return "SortOfClevr{imageSize=" + imageSize + ", images=" + images + " (" + trainImages() + " train, " + testImages()
                + " test), objectSize=" + objectSize + ", gap=" + gap + ", questionsPerType=" + questionsPerType + ", seed=" + seed + "}";
    }

    /** Builder with the paper's defaults: 128 px, 10,000 images, 80/20, 10+10 questions. */
    public static final class Builder {
        private int imageSize = 128, images = 10_000, objectSize = 0, gap = 2, questionsPerType = 10;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double trainFraction = 0.8;
        private long seed = 1;
        private boolean showProgress = true;

        private Builder() {}

        public Builder imageSize(int v) { imageSize = v; return this; }
        public Builder images(int v) { images = v; return this; }
        /** Square side / circle diameter in pixels (even); 0 = default for the image size. */
        public Builder objectSize(int v) { objectSize = v; return this; }
        public Builder gap(int v) { gap = v; return this; }
        public Builder questionsPerType(int v) { questionsPerType = v; return this; }
        public Builder trainFraction(double v) { trainFraction = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder showProgress(boolean v) { showProgress = v; return this; }

        public SortOfClevr build() {
            require(imageSize >= 16 && imageSize <= 1024, "imageSize " + imageSize + " not in 16..1024");
            require(images >= 1, "images must be >= 1, got " + images);
            int size = objectSize > 0 ? objectSize : defaultObjectSize(imageSize);
            require(size >= 2 && size % 2 == 0, "objectSize must be even and >= 2, got " + size);
            require(gap >= 0, "gap must be >= 0, got " + gap);
            // 6 boxes must fit with room to spare, else placement would spin: demand a 3x3 grid of them.
            require(3 * (size + gap) <= imageSize, "objects of size " + size + " with gap " + gap
                    + " do not fit 6 times in a " + imageSize + " px image");
            require(questionsPerType >= 1 && questionsPerType <= 18, "questionsPerType " + questionsPerType + " not in 1..18");
            require(trainFraction >= 0 && trainFraction <= 1, "trainFraction " + trainFraction + " not in [0, 1]");
            require(threads >= 1, "threads must be >= 1, got " + threads);
            return new SortOfClevr(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) throw new IllegalArgumentException(message);
        }
    }

    /**
     * Command line: {@code --out DIR} writes a dataset; without it, generates in memory and reports
     * throughput only. Options: --size N, --images N, --seed N, --train-fraction F, --object-size N,
     * --gap N, --questions-per-type N, --threads N, --force (overwrite DIR), --quiet.
     */
    public static void main(String[] args) throws IOException {
        Builder b = builder();
        Path out = null;
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--size" -> b.imageSize(Integer.parseInt(value(args, ++i, a)));
                case "--images" -> b.images(Integer.parseInt(value(args, ++i, a)));
                case "--seed" -> b.seed(Long.parseLong(value(args, ++i, a)));
                case "--train-fraction" -> b.trainFraction(Double.parseDouble(value(args, ++i, a)));
                case "--object-size" -> b.objectSize(Integer.parseInt(value(args, ++i, a)));
                case "--gap" -> b.gap(Integer.parseInt(value(args, ++i, a)));
                case "--questions-per-type" -> b.questionsPerType(Integer.parseInt(value(args, ++i, a)));
                case "--threads" -> b.threads(Integer.parseInt(value(args, ++i, a)));
                case "--force" -> force = true;
                case "--quiet" -> b.showProgress(false);
                case "--help", "-h" -> {
                    System.out.println("usage: SortOfClevr [--out DIR [--force]] [--size 128] [--images 10000] [--seed 1]"
                            + " [--train-fraction 0.8] [--object-size N] [--gap 2] [--questions-per-type 10] [--threads N] [--quiet]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + a + " (try --help)");
                    System.exit(2);
                }
            }
        }
        SortOfClevr config = b.build();
        System.out.println(config);
        GenerationStats stats = out == null ? config.benchmark() : config.write(out, force);
        System.out.println((out == null ? "generated (not written): " : "wrote " + out + ": ") + stats);
        // one machine-readable line for benchmarks/clevr-gen/run.sh
        System.out.printf(java.util.Locale.ROOT, "RESULT impl=java threads=%d images=%d questions=%d seconds=%.4f%n",
                stats.threads(), stats.images(), stats.questions(), stats.seconds());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }
}
