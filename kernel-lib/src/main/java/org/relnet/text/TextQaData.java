package org.relnet.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.relnet.data.babi.BabiReader;
import org.relnet.data.babi.BabiTask1Generator;
import org.relnet.data.babi.QaExample;
import org.relnet.data.babi.Vocabulary;
import org.relnet.data.dialog.DialogReader;
import org.relnet.data.dialog.DialogTask1Generator;

/**
 * The text QA data a notebook trains on: the real bAbI / Dialog-based LL files when they are under
 * {@code datasets/} (see {@code datasets/README-text.md}), otherwise generated task-1 files of the
 * same size and format. Which one was used is in {@link #source()} and printed by {@link Builder#load()}.
 * <pre>{@code
 * TextQaData data = TextQaData.babi().load();      // bAbI task 1, en/ (1k)
 * data.train().get(0).describe();
 * }</pre>
 */
public final class TextQaData {

    public enum Source { REAL, GENERATED }

    public enum Corpus { BABI, DIALOG }

    private final Corpus corpus;
    private final Source source;
    private final Path trainFile;
    private final Path testFile;
    private final List<QaExample> train;
    private final List<QaExample> test;
    private final Vocabulary words;
    private final Vocabulary answers;

    private TextQaData(Corpus corpus, Source source, Path trainFile, Path testFile,
                       List<QaExample> train, List<QaExample> test) {
        this.corpus = corpus;
        this.source = source;
        this.trainFile = trainFile;
        this.testFile = testFile;
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.words = Vocabulary.forWords(train);
        this.answers = Vocabulary.forAnswers(train);
    }

    public static Builder babi() { return new Builder(Corpus.BABI); }

    public static Builder dialog() { return new Builder(Corpus.DIALOG); }

    public Corpus corpus() { return corpus; }
    public Source source() { return source; }
    public Path trainFile() { return trainFile; }
    public Path testFile() { return testFile; }
    public List<QaExample> train() { return train; }
    public List<QaExample> test() { return test; }
    /** Word ids built from the training split. */
    public Vocabulary words() { return words; }
    /** Answer classes built from the training split. */
    public Vocabulary answers() { return answers; }

    public String summary() {
        String why = source == Source.REAL ? "real files" : "GENERATED task-1 files (no real files used; see datasets/README-text.md)";
        return String.format("%s: using %s, %d train / %d test questions, %d words, %d answers%n  train: %s%n  test:  %s",
                corpus == Corpus.BABI ? "bAbI" : "Dialog-based LL", why, train.size(), test.size(),
                words.size(), answers.size(), trainFile, testFile);
    }

    @Override
    public String toString() { return summary(); }

    /** Where to look and what to generate; {@link #load()} does the work. */
    public static final class Builder {
        private final Corpus corpus;
        private Path root;
        private int task = 1;
        private boolean tenK;
        private String policy = "p0.5";
        private long seed = 42;
        private int trainQuestions = -1;
        private int testQuestions = -1;
        private boolean forceGenerated;
        private boolean quiet;

        private Builder(Corpus corpus) { this.corpus = corpus; }

        /** The datasets folder (default: {@code $RELNET_DATASETS}, else the nearest {@code datasets/} above the working directory). */
        public Builder root(Path root) { this.root = root; return this; }
        /** bAbI task number 1..20; only task 1 can be generated. */
        public Builder task(int task) { this.task = task; return this; }
        /** Use {@code en-10k/} (10,000 training questions) instead of {@code en/}. */
        public Builder tenK(boolean tenK) { this.tenK = tenK; return this; }
        /** Dialog policy part of the file name ({@code p0.5}, {@code p0.1}, {@code p0.01}). */
        public Builder policy(String policy) { this.policy = policy; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        /** Size of generated splits (defaults: the real files' sizes); ignored for real files. */
        public Builder generatedSize(int trainQuestions, int testQuestions) {
            this.trainQuestions = trainQuestions;
            this.testQuestions = testQuestions;
            return this;
        }
        /** Forces the generator even when real files exist (tests, reproducible demos). */
        public Builder generatedOnly() { this.forceGenerated = true; return this; }
        public Builder quiet() { this.quiet = true; return this; }

        public TextQaData load() {
            Path base = root != null ? root : datasetsRoot();
            try {
                TextQaData data = corpus == Corpus.BABI ? loadBabi(base) : loadDialog(base);
                if (!quiet) System.out.println(data.summary());
                return data;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private TextQaData loadBabi(Path base) throws IOException {
            String dir = tenK ? "en-10k" : "en";
            Optional<Path[]> real = forceGenerated ? Optional.empty() : findBabi(base, dir);
            if (real.isPresent()) {
                Path[] files = real.get();
                return new TextQaData(Corpus.BABI, Source.REAL, files[0], files[1],
                        BabiReader.readExamples(files[0]), BabiReader.readExamples(files[1]));
            }
            if (task != 1) {
                throw new IllegalStateException("bAbI task " + task + " files not found under " + base.resolve("babi")
                        + " and only task 1 can be generated; see datasets/README-text.md");
            }
            BabiTask1Generator.Size size = tenK ? BabiTask1Generator.Size.EN_10K : BabiTask1Generator.Size.EN;
            Path out = base.resolve("generated").resolve("babi").resolve(dir);
            BabiTask1Generator.writeTask1(out, seed, pick(trainQuestions, size.trainQuestions),
                    pick(testQuestions, size.testQuestions));
            Path trainFile = out.resolve(BabiTask1Generator.TRAIN_FILE);
            Path testFile = out.resolve(BabiTask1Generator.TEST_FILE);
            return new TextQaData(Corpus.BABI, Source.GENERATED, trainFile, testFile,
                    BabiReader.readExamples(trainFile), BabiReader.readExamples(testFile));
        }

        private Optional<Path[]> findBabi(Path base, String dir) throws IOException {
            for (Path d : List.of(base.resolve("babi").resolve(dir),
                    base.resolve("babi").resolve("tasks_1-20_v1-2").resolve(dir))) {
                Path train = glob(d, "qa" + task + "_*_train.txt");
                Path test = glob(d, "qa" + task + "_*_test.txt");
                if (train != null && test != null) return Optional.of(new Path[] {train, test});
            }
            return Optional.empty();
        }

        private TextQaData loadDialog(Path base) throws IOException {
            String name = "babi1_" + policy + "_rl1_pure_imitation_";
            if (!forceGenerated) {
                for (Path d : List.of(base.resolve("dialog-babi").resolve("dbll").resolve("babi"),
                        base.resolve("dialog-babi").resolve("babi"), base.resolve("dialog-babi"))) {
                    Path train = d.resolve(name + "train.txt");
                    Path test = d.resolve(name + "test.txt");
                    if (Files.isRegularFile(train) && Files.isRegularFile(test)) {
                        return new TextQaData(Corpus.DIALOG, Source.REAL, train, test,
                                DialogReader.readExamples(train), DialogReader.readExamples(test));
                    }
                }
            }
            int questions = DialogTask1Generator.EPISODES * DialogTask1Generator.TURNS_PER_EPISODE;
            Path out = base.resolve("generated").resolve("dialog-babi");
            DialogTask1Generator.writeTask1(out, seed, pick(trainQuestions, questions), pick(testQuestions, questions));
            Path train = out.resolve(DialogTask1Generator.TRAIN_FILE);
            Path test = out.resolve(DialogTask1Generator.TEST_FILE);
            return new TextQaData(Corpus.DIALOG, Source.GENERATED, train, test,
                    DialogReader.readExamples(train), DialogReader.readExamples(test));
        }

        private static int pick(int requested, int dflt) { return requested > 0 ? requested : dflt; }

        private static Path glob(Path dir, String pattern) throws IOException {
            if (!Files.isDirectory(dir)) return null;
            List<Path> hits = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, pattern)) {
                ds.forEach(hits::add);
            }
            if (hits.size() > 1) throw new IllegalStateException("several files match " + dir.resolve(pattern) + ": " + hits);
            return hits.isEmpty() ? null : hits.get(0);
        }
    }

    /** {@code $RELNET_DATASETS}, else the nearest {@code datasets/} folder at or above the working directory. */
    public static Path datasetsRoot() {
        String env = System.getenv("RELNET_DATASETS");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("datasets"))) return d.resolve("datasets");
        }
        return dir.resolve("datasets");
    }
}
