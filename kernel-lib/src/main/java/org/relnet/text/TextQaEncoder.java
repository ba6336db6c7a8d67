package org.relnet.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.data.babi.QaExample;
import org.relnet.data.babi.Tokenizer;
import org.relnet.data.babi.Vocabulary;
import org.relnet.train.SeekableIterator;

/**
 * Turns {@link QaExample}s into the arrays both text models read. The story keeps its
 * {@code maxSentences} most recent facts, newest first: slot {@code s} holds the fact {@code s}
 * sentences before the question, so the slot index is at once the RN's relative-position tag and the
 * memory network's temporal index, and padding (empty slots at the end, padded words at the end of
 * a sentence) never moves a real word.
 * <p>Features, in this order (names in {@link #INPUTS}):
 * <ol>
 *   <li>{@code story} [n, S, W] word ids, 0 = padding</li>
 *   <li>{@code storyMask} [n, S, W] 1 for a real word</li>
 *   <li>{@code storyTime} [n, S] the slot's age (0 = most recent)</li>
 *   <li>{@code question} [n, Q] word ids</li>
 *   <li>{@code questionMask} [n, Q]</li>
 * </ol>
 * Label: one-hot [n, answers]. The masks are plain inputs (custom vertices apply them explicitly) and
 * also DL4J feature masks of {@code story} ([n, S*W]) and {@code question}, for DL4J's LSTM layers.
 */
public final class TextQaEncoder {
    public static final List<String> INPUTS = List.of("story", "storyMask", "storyTime", "question", "questionMask");
    /** The RN paper feeds at most the 20 most recent sentences. */
    public static final int RN_SENTENCES = 20;
    /** Sukhbaatar et al. keep the 50 most recent sentences in memory. */
    public static final int MEMNET_SENTENCES = 50;

    private final Vocabulary words;
    private final Vocabulary answers;
    private final int maxSentences;
    private final int maxWords;
    private final int maxQuestionWords;

    public TextQaEncoder(Vocabulary words, Vocabulary answers, int maxSentences, int maxWords, int maxQuestionWords) {
        this.words = words;
        this.answers = answers;
        this.maxSentences = maxSentences;
        this.maxWords = maxWords;
        this.maxQuestionWords = maxQuestionWords;
    }

    /** Up to 20 most recent sentences, word lengths fitted to the data. */
    public static TextQaEncoder forRelationNetwork(TextQaData data) {
        return fitted(data, RN_SENTENCES);
    }

    /** Up to 50 sentences (fewer if no story is that long), word lengths fitted to the data. */
    public static TextQaEncoder forMemoryNetwork(TextQaData data) {
        return fitted(data, MEMNET_SENTENCES);
    }

    private static TextQaEncoder fitted(TextQaData data, int cap) {
        List<QaExample> all = new ArrayList<>(data.train());
        all.addAll(data.test());
        int sentences = 1, sentenceWords = 1, questionWords = 1;
        for (QaExample e : all) {
            sentences = Math.max(sentences, Math.min(cap, e.facts().size()));
            for (String f : recent(e, cap)) sentenceWords = Math.max(sentenceWords, Tokenizer.tokens(f).size());
            questionWords = Math.max(questionWords, Tokenizer.tokens(e.question()).size());
        }
        return new TextQaEncoder(data.words(), data.answers(), sentences, sentenceWords, questionWords);
    }

    /** The same encoder with other padded sizes (the models must not care). */
    public TextQaEncoder withSizes(int sentences, int sentenceWords, int questionWords) {
        return new TextQaEncoder(words, answers, sentences, sentenceWords, questionWords);
    }

    public int maxSentences() { return maxSentences; }
    public int maxWords() { return maxWords; }
    public int maxQuestionWords() { return maxQuestionWords; }
    public Vocabulary words() { return words; }
    public Vocabulary answers() { return answers; }

    private static List<String> recent(QaExample e, int cap) {
        List<String> f = e.facts();
        return f.subList(Math.max(0, f.size() - cap), f.size());
    }

    /** Encodes all examples as one batch. */
    public MultiDataSet encode(List<QaExample> examples) {
        int n = examples.size();
        float[] story = new float[n * maxSentences * maxWords];
        float[] storyMask = new float[story.length];
        float[] time = new float[n * maxSentences];
        float[] question = new float[n * maxQuestionWords];
        float[] questionMask = new float[question.length];
        float[] label = new float[n * answers.size()];
        for (int i = 0; i < n; i++) {
            QaExample e = examples.get(i);
            List<String> facts = recent(e, maxSentences);
            for (int s = 0; s < maxSentences; s++) {
                time[i * maxSentences + s] = s;
                if (s >= facts.size()) continue;
                String fact = facts.get(facts.size() - 1 - s);
                int base = (i * maxSentences + s) * maxWords;
                fill(Tokenizer.tokens(fact), story, storyMask, base, maxWords, e, "fact '" + fact + "'");
            }
            fill(Tokenizer.tokens(e.question()), question, questionMask, i * maxQuestionWords, maxQuestionWords, e,
                    "question");
            label[i * answers.size() + answers.id(e.answer())] = 1f;
        }
        INDArray[] features = {
                Nd4j.create(story, new long[] {n, maxSentences, maxWords}, 'c'),
                Nd4j.create(storyMask, new long[] {n, maxSentences, maxWords}, 'c'),
                Nd4j.create(time, new long[] {n, maxSentences}, 'c'),
                Nd4j.create(question, new long[] {n, maxQuestionWords}, 'c'),
                Nd4j.create(questionMask, new long[] {n, maxQuestionWords}, 'c')};
        INDArray[] labels = {Nd4j.create(label, new long[] {n, answers.size()}, 'c')};
        // The same masks as DL4J feature masks, for models built from DL4J's own recurrent layers.
        // DL4J's last-step extraction rejects an all-masked sequence: an empty slot reads as one <pad> word there.
        float[] dl4jStoryMask = storyMask.clone();
        for (int slot = 0; slot < n * maxSentences; slot++) {
            if (dl4jStoryMask[slot * maxWords] == 0f) dl4jStoryMask[slot * maxWords] = 1f;
        }
        INDArray[] featureMasks = {Nd4j.create(dl4jStoryMask, new long[] {n, (long) maxSentences * maxWords}, 'c'),
                null, null, Nd4j.create(questionMask, new long[] {n, maxQuestionWords}, 'c'), null};
        return new org.nd4j.linalg.dataset.MultiDataSet(features, labels, featureMasks, null);
    }

    private void fill(List<String> tokens, float[] ids, float[] mask, int base, int max, QaExample e, String what) {
        if (tokens.size() > max) {
            throw new IllegalArgumentException(e.origin() + ": " + what + " has " + tokens.size()
                    + " words but the encoder pads to " + max + "; build the encoder from data that includes it");
        }
        for (int w = 0; w < tokens.size(); w++) {
            ids[base + w] = words.id(tokens.get(w));
            mask[base + w] = 1f;
        }
    }

    /**
     * Minibatches in a seeded order that changes every epoch ({@code shuffleSeed < 0}: file order).
     * Seekable: epoch e's order depends only on (seed, e), so the {@link org.relnet.train.Trainer}
     * resumes a checkpointed run on exactly the batches an uninterrupted run would have seen.
     */
    public SeekableIterator iterator(List<QaExample> examples, int batchSize, long shuffleSeed) {
        return new Batches(examples, batchSize, shuffleSeed);
    }

    private final class Batches implements SeekableIterator {
        private final List<QaExample> examples;
        private final int batchSize;
        private final long seed;
        private final List<Integer> order = new ArrayList<>();
        private int epoch;
        private int cursor;
        private MultiDataSetPreProcessor preProcessor;

        Batches(List<QaExample> examples, int batchSize, long seed) {
            if (examples.isEmpty()) throw new IllegalArgumentException("no examples to iterate");
            this.examples = List.copyOf(examples);
            this.batchSize = batchSize;
            this.seed = seed;
            reset();
        }

        @Override
        public MultiDataSet next(int num) {
            if (!hasNext()) throw new java.util.NoSuchElementException();
            int end = Math.min(order.size(), cursor + num);
            List<QaExample> batch = new ArrayList<>(end - cursor);
            for (int i = cursor; i < end; i++) batch.add(examples.get(order.get(i)));
            cursor = end;
            MultiDataSet ds = encode(batch);
            if (preProcessor != null) preProcessor.preProcess(ds);
            return ds;
        }

        @Override public MultiDataSet next() { return next(batchSize); }
        @Override public boolean hasNext() { return cursor < order.size(); }
        @Override public void setPreProcessor(MultiDataSetPreProcessor p) { this.preProcessor = p; }
        @Override public MultiDataSetPreProcessor getPreProcessor() { return preProcessor; }
        @Override public boolean resetSupported() { return true; }
        @Override public boolean asyncSupported() { return true; }

        /** reset() moves on to the next epoch's order (plain DL4J fit loops see a new shuffle each epoch). */
        @Override
        public void reset() {
            seek(epoch, 0);
        }

        @Override
        public void seek(int e, long batch) {
            order.clear();
            for (int i = 0; i < examples.size(); i++) order.add(i);
            if (seed >= 0) Collections.shuffle(order, new Random(seed + 1_000_003L * e));
            epoch = e + 1;
            cursor = (int) Math.min(order.size(), batch * batchSize);
        }
    }
}
