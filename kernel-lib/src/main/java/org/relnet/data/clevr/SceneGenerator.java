package org.relnet.data.clevr;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes image number {@code i} of a dataset from the master seed alone, so images can be generated
 * in any order on any number of threads and still come out identical. The draw order is part of
 * the format (the Python reference generator repeats it); see {@link SortOfClevr} for the rules.
 */
final class SceneGenerator {
    private static final int TRIES_PER_OBJECT = 1000;
    private static final int TRIES_PER_SCENE = 1000;

    private final SortOfClevr config;

    SceneGenerator(SortOfClevr config) { this.config = config; }

    /** Seed of image i: the (i+1)-th SplitMix64 output for the master seed. */
    static long imageSeed(long masterSeed, long imageIndex) {
        return SplitMix.mix(masterSeed + (imageIndex + 1) * SplitMix.GAMMA);
    }

    /** Scene, questions and answers of image {@code index}, written into a block at position {@code slot}. */
    void generate(long index, Block block, int slot) {
        SplitMix rnd = new SplitMix(imageSeed(config.seed(), index));
        Scene scene = drawScene(rnd);
        block.setScene(slot, scene);
        SceneRenderer.render(scene, config.objectSize(), block.images, slot * block.imageBytes);
        int q = slot * block.questionsPerImage;
        for (QuestionType type : QuestionType.values()) {
            for (Question question : drawQuestions(rnd, type, config.questionsPerType())) {
                block.questions[q] = (byte) question.code();
                block.answers[q] = (byte) scene.answer(question).ordinal();
                q++;
            }
        }
    }

    Scene drawScene(SplitMix rnd) {
        int size = config.imageSize(), r = config.objectSize() / 2, minApart = config.objectSize() + config.gap();
        for (int attempt = 0; attempt < TRIES_PER_SCENE; attempt++) {
            List<SceneObject> objects = new ArrayList<>(Colour.COUNT);
            for (Colour c : Colour.values()) {
                SceneObject placed = null;
                for (int t = 0; t < TRIES_PER_OBJECT && placed == null; t++) {
                    int x = rnd.nextInt(r, size - r), y = rnd.nextInt(r, size - r);
                    if (clear(objects, x, y, minApart)) placed = new SceneObject(c, Shape.of(rnd.nextInt(2)), x, y);
                }
                if (placed == null) break;
                objects.add(placed);
            }
            if (objects.size() < Colour.COUNT) continue;
            Scene scene = new Scene(size, objects);
            // A tie would make "closest"/"farthest" ambiguous to a viewer, so such scenes are redrawn.
            if (!scene.hasDistanceTie()) return scene;
        }
        throw new IllegalStateException("could not place 6 objects of size " + config.objectSize() + " (gap " + config.gap()
                + ") in a " + size + " px image after " + TRIES_PER_SCENE + " scenes; use smaller objects");
    }

    /** Bounding boxes at least {@code gap} pixels apart: Chebyshev distance of centres >= size + gap. */
    private static boolean clear(List<SceneObject> objects, int x, int y, int minApart) {
        for (SceneObject o : objects) {
            if (Math.max(Math.abs(o.x() - x), Math.abs(o.y() - y)) < minApart) return false;
        }
        return true;
    }

    /** {@code n} distinct questions of one type: a partial Fisher-Yates shuffle of the 18 (colour, subtype) pairs. */
    static List<Question> drawQuestions(SplitMix rnd, QuestionType type, int n) {
        List<Question> pool = new ArrayList<>(18);
        for (Colour c : Colour.values()) for (Subtype s : Subtype.of(type)) pool.add(new Question(c, s));
        for (int k = 0; k < n; k++) {
            int j = k + rnd.nextInt(pool.size() - k);
            Question tmp = pool.get(k);
            pool.set(k, pool.get(j));
            pool.set(j, tmp);
        }
        return pool.subList(0, n);
    }

    /** A consecutive range of images in the in-memory layout (the same as the file layout). */
    static final class Block {
        final long first;
        final int count, imageBytes, questionsPerImage;
        final byte[] images;
        final short[] scenes;
        final byte[] questions, answers;

        Block(long first, int count, int imageSize, int questionsPerImage) {
            this.first = first;
            this.count = count;
            this.imageBytes = imageSize * imageSize * 3;
            this.questionsPerImage = questionsPerImage;
            this.images = new byte[Math.multiplyExact(count, imageBytes)];
            this.scenes = new short[count * ClevrSplit.SCENE_VALUES];
            this.questions = new byte[count * questionsPerImage];
            this.answers = new byte[count * questionsPerImage];
        }

        void setScene(int slot, Scene scene) {
            int p = slot * ClevrSplit.SCENE_VALUES;
            for (SceneObject o : scene.objects()) {
                scenes[p++] = (short) o.shape().ordinal();
                scenes[p++] = (short) o.x();
                scenes[p++] = (short) o.y();
            }
        }
    }
}
