package org.relnet.data.clevr;

import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.train.EvalSet;
import org.relnet.train.SeekableIterator;

/**
 * Minibatches of (image or state, question) -> answer for a DL4J {@code ComputationGraph}.
 *
 * <p>Features, in this order: input 0 is either the image {@code [batch, 3, H, W]} (NCHW, RGB,
 * values in [0, 1]) or the state description {@code [batch, 6, 10]} (objects in colour order;
 * per object colour one-hot 6, shape one-hot 2 (square, circle), x and y mapped to [-1, 1] as
 * {@code 2x / imageSize - 1});
 * input 1 is the question vector {@code [batch, 11]} ({@link Question}). Label: answer one-hot
 * {@code [batch, 10]} ({@link Answer}).
 *
 * <p>Training iterators visit every example once per epoch in an order shuffled from
 * (seed, epoch); {@link #reset()} starts the next epoch. Evaluation iterators keep example order,
 * so {@link ClevrSplit#subtypeCategories()} lines up with the predictions; {@link #categories()}
 * gives the categories in the order of the current epoch either way. The order of epoch e is a
 * pure function of (seed, e), so the {@link org.relnet.train.Trainer} can {@link #seek} into it
 * when it resumes from a checkpoint.
 *
 * <p><b>Object order.</b> By default the six objects of a state description come in colour order,
 * so slot k always holds colour k: a model over the concatenated slots (an MLP) then knows which
 * slot a question is about without reading the colour features. {@link #shufflingObjects()}
 * gives the objects as an unordered set instead, the way a scene's objects have no natural order
 * (and the way a CNN feature map does not sort them by colour): each example's rows are permuted,
 * as a pure function of (seed, epoch, example) when training and of the example alone when
 * evaluating, so runs and evaluations repeat exactly. A Relation Network, which sums over all
 * pairs, computes the same function either way.
 */
public final class ClevrIterator implements SeekableIterator {
    /** What the model sees of the scene. */
    public enum Input { PIXELS, STATE }

    /** Names of the categories returned by {@link #categories()} and {@link ClevrSplit#subtypeCategories()}. */
    public static final String[] SUBTYPE_NAMES = java.util.Arrays.stream(Subtype.values()).map(Subtype::label).toArray(String[]::new);
    public static final String[] TYPE_NAMES = java.util.Arrays.stream(QuestionType.values()).map(QuestionType::label).toArray(String[]::new);

    private final ClevrSplit split;
    private final Input input;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private final boolean shuffleObjects;
    private int epoch, cursor;
    private MultiDataSetPreProcessor preProcessor;

    private ClevrIterator(ClevrSplit split, Input input, int batchSize, boolean shuffle, long seed) {
        this(split, input, batchSize, shuffle, seed, false);
    }

    private ClevrIterator(ClevrSplit split, Input input, int batchSize, boolean shuffle, long seed, boolean shuffleObjects) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (split.examples() == 0) throw new IllegalArgumentException("split " + split.name() + " is empty");
        this.split = split;
        this.input = input;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.shuffleObjects = shuffleObjects;
        this.order = new int[split.examples()];
        arrange();
    }

    /** Shuffled training batches of (image, question) -> answer. */
    public static ClevrIterator pixels(ClevrSplit split, int batchSize, long seed) {
        return new ClevrIterator(split, Input.PIXELS, batchSize, true, seed);
    }

    /** Shuffled training batches of (state description, question) -> answer. */
    public static ClevrIterator states(ClevrSplit split, int batchSize, long seed) {
        return new ClevrIterator(split, Input.STATE, batchSize, true, seed);
    }

    /** Every example once, in example order (image by image), for evaluation. */
    public static ClevrIterator forEvaluation(ClevrSplit split, Input input, int batchSize) {
        return new ClevrIterator(split, input, batchSize, false, 0);
    }

    /**
     * The same iterator (from epoch 0) with each state description's six objects in a random order
     * (see the class comment); only for {@link Input#STATE}.
     */
    public ClevrIterator shufflingObjects() {
        if (input != Input.STATE) throw new IllegalStateException("object order exists only in state descriptions, not in " + input);
        return new ClevrIterator(split, input, batchSize, shuffle, seed, true);
    }

    /** True if the objects of each state description come in a random order, false if in colour order. */
    public boolean shufflesObjects() { return shuffleObjects; }

    public ClevrSplit split() { return split; }
    public Input input() { return input; }
    public int batchSize() { return batchSize; }

    /** Epochs started so far minus one: 0 for the first pass. */
    public int epoch() { return epoch; }

    /** Example indices in this epoch's order (a copy). */
    public int[] order() { return order.clone(); }

    /** Subtype category (0..5, see {@link #SUBTYPE_NAMES}) of each example in this epoch's order. */
    public int[] categories() {
        int[] c = new int[order.length];
        for (int i = 0; i < c.length; i++) c[i] = split.questions[order[i]] % Subtype.COUNT;
        return c;
    }

    /** Category names of {@link #evalSet}'s two groupings (sanitised into history column names). */
    public static final String[] EVAL_TYPE_NAMES = {"non-relational", "relational"};
    public static final String[] EVAL_SUBTYPE_NAMES = {"shape", "left", "top", "closest", "farthest", "count"};

    /**
     * The split as a {@link org.relnet.train.Trainer} evaluation set, with accuracy per question
     * type ({@code non-relational}, {@code relational}) and per subtype ({@code shape, left, top,
     * closest, farthest, count}).
     */
    public static EvalSet evalSet(String name, ClevrSplit split, Input input, int batchSize) {
        return evalSet(name, forEvaluation(split, input, batchSize));
    }

    /** As {@link #evalSet(String, ClevrSplit, Input, int)} over an evaluation iterator, e.g. {@code forEvaluation(..).shufflingObjects()}. */
    public static EvalSet evalSet(String name, ClevrIterator evaluation) {
        if (evaluation.shuffle) throw new IllegalArgumentException("evalSet needs an iterator from forEvaluation (example order)");
        ClevrSplit split = evaluation.split;
        return EvalSet.builder(name)
                .iterator(evaluation, split.examples())
                .categories(split.typeCategories(), EVAL_TYPE_NAMES)
                .categories(split.subtypeCategories(), EVAL_SUBTYPE_NAMES)
                .build();
    }

    /** Features per object in the state input. */
    public static int stateFeatures() { return Scene.STATE_FEATURES; }

    private void arrange() {
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (!shuffle) return;
        SplitMix rnd = new SplitMix(SplitMix.mix(seed) ^ SplitMix.mix(epoch + 0x5EEDL));
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Slot k of example {@code e}'s state gets object {@code perm[k]}: from (seed, epoch, e) when training, from e alone when evaluating. */
    private void objectPermutation(int e, int[] perm) {
        long key = shuffle ? SplitMix.mix(seed ^ 0x0B1EC75L) ^ SplitMix.mix(epoch + 0x5EEDL) : 0x0B1EC75L;
        SplitMix rnd = new SplitMix(SplitMix.mix(key ^ SplitMix.mix(e + 1L)));
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }

    @Override
    public boolean hasNext() { return cursor < order.length; }

    @Override
    public MultiDataSet next() { return next(batchSize); }

    @Override
    public MultiDataSet next(int num) {
        if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " is over; call reset()");
        int n = Math.min(num, order.length - cursor);
        int q = split.questionsPerImage();
        float[] questions = new float[n * Question.VECTOR_LENGTH];
        float[] labels = new float[n * Answer.COUNT];
        INDArray scene;
        if (input == Input.PIXELS) {
            int s = split.imageSize(), plane = s * s;
            float[] px = new float[n * 3 * plane];
            for (int b = 0; b < n; b++) {
                int src = (order[cursor + b] / q) * plane * 3, dst = b * 3 * plane;
                // file layout is HWC, the network wants CHW
                for (int p = 0; p < plane; p++, src += 3) {
                    px[dst + p] = (split.images[src] & 0xFF) / 255f;
                    px[dst + plane + p] = (split.images[src + 1] & 0xFF) / 255f;
                    px[dst + 2 * plane + p] = (split.images[src + 2] & 0xFF) / 255f;
                }
            }
            scene = Nd4j.create(px, new long[] {n, 3, s, s}, 'c');
        } else {
            float[] st = new float[n * Colour.COUNT * Scene.STATE_FEATURES];
            int rows = Colour.COUNT * Scene.STATE_FEATURES;
            float[] one = shuffleObjects ? new float[rows] : null;
            int[] perm = shuffleObjects ? new int[Colour.COUNT] : null;
            for (int b = 0; b < n; b++) {
                int e = order[cursor + b];
                if (!shuffleObjects) {
                    split.scene(e / q).writeState(st, b * rows);
                    continue;
                }
                java.util.Arrays.fill(one, 0f);
                split.scene(e / q).writeState(one, 0);
                objectPermutation(e, perm);
                for (int k = 0; k < Colour.COUNT; k++) {
                    System.arraycopy(one, perm[k] * Scene.STATE_FEATURES, st, b * rows + k * Scene.STATE_FEATURES, Scene.STATE_FEATURES);
                }
            }
            scene = Nd4j.create(st, new long[] {n, Colour.COUNT, Scene.STATE_FEATURES}, 'c');
        }
        for (int b = 0; b < n; b++) {
            int e = order[cursor + b];
            Question.ofCode(split.questions[e]).writeVector(questions, b * Question.VECTOR_LENGTH);
            labels[b * Answer.COUNT + split.answers[e]] = 1f;
        }
        cursor += n;
        MultiDataSet mds = new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {scene, Nd4j.create(questions, new long[] {n, Question.VECTOR_LENGTH}, 'c')},
                new INDArray[] {Nd4j.create(labels, new long[] {n, Answer.COUNT}, 'c')});
        if (preProcessor != null) preProcessor.preProcess(mds);
        return mds;
    }

    /** Starts the next epoch (a new shuffle for training iterators). */
    @Override
    public void reset() {
        epoch++;
        cursor = 0;
        arrange();
    }

    @Override
    public void seek(int epoch, long batch) {
        if (epoch < 0 || batch < 0) throw new IllegalArgumentException("seek(" + epoch + ", " + batch + ")");
        if (epoch != this.epoch || !shuffle) {
            this.epoch = epoch;
            arrange();
        }
        cursor = (int) Math.min(order.length, batch * batchSize);
    }

    @Override
    public boolean resetSupported() { return true; }

    @Override
    public boolean asyncSupported() { return true; }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) { this.preProcessor = preProcessor; }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() { return preProcessor; }
}
