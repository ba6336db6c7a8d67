package org.relnet.data.clevr;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The images, scenes, questions and answers of one split (train or test), held in the same flat
 * layout as the files (see {@code datasets/README.md}). An "example" is one (image, question)
 * pair; example {@code e} is question {@code e % questionsPerImage()} of image
 * {@code e / questionsPerImage()}.
 */
public final class ClevrSplit {
    /** Values per scene: 6 objects x (shape, x, y). */
    static final int SCENE_VALUES = Colour.COUNT * 3;

    private final String name;
    private final int count, imageSize, questionsPerImage;
    final byte[] images;
    final short[] scenes;
    final byte[] questions, answers;

    ClevrSplit(String name, int count, int imageSize, int questionsPerImage,
               byte[] images, short[] scenes, byte[] questions, byte[] answers) {
        this.name = name;
        this.count = count;
        this.imageSize = imageSize;
        this.questionsPerImage = questionsPerImage;
        this.images = images;
        this.scenes = scenes;
        this.questions = questions;
        this.answers = answers;
    }

    static ClevrSplit allocate(String name, int count, int imageSize, int questionsPerImage) {
        return new ClevrSplit(name, count, imageSize, questionsPerImage,
                new byte[Math.multiplyExact(Math.multiplyExact(count, imageSize * imageSize), 3)],
                new short[count * SCENE_VALUES], new byte[count * questionsPerImage], new byte[count * questionsPerImage]);
    }

    /** The first {@code n} images of this split (copied), e.g. for a quick run. */
    public ClevrSplit first(int n) {
        if (n < 0 || n > count) throw new IllegalArgumentException("first(" + n + ") of " + count + " images");
        int imageBytes = imageSize * imageSize * 3;
        return new ClevrSplit(name, n, imageSize, questionsPerImage,
                java.util.Arrays.copyOf(images, n * imageBytes), java.util.Arrays.copyOf(scenes, n * SCENE_VALUES),
                java.util.Arrays.copyOf(questions, n * questionsPerImage), java.util.Arrays.copyOf(answers, n * questionsPerImage));
    }

    /** "train" or "test". */
    public String name() { return name; }

    /** Number of images. */
    public int size() { return count; }

    public int imageSize() { return imageSize; }

    public int questionsPerImage() { return questionsPerImage; }

    /** Number of (image, question) examples. */
    public int examples() { return count * questionsPerImage; }

    public Scene scene(int image) {
        check(image);
        List<SceneObject> objects = new ArrayList<>(Colour.COUNT);
        int p = image * SCENE_VALUES;
        for (Colour c : Colour.values()) {
            objects.add(new SceneObject(c, Shape.of(scenes[p]), scenes[p + 1], scenes[p + 2]));
            p += 3;
        }
        return new Scene(imageSize, objects);
    }

    public Question question(int image, int k) {
        return Question.ofCode(questions[exampleIndex(image, k)]);
    }

    public Answer answer(int image, int k) {
        return Answer.of(answers[exampleIndex(image, k)]);
    }

    public Question question(int example) { return Question.ofCode(questions[checkExample(example)]); }

    public Answer answer(int example) { return Answer.of(answers[checkExample(example)]); }

    /** Subtype ordinal (0..5) of every example, in example order: the categories for per-subtype accuracy. */
    public int[] subtypeCategories() {
        int[] c = new int[examples()];
        for (int e = 0; e < c.length; e++) c[e] = questions[e] % Subtype.COUNT;
        return c;
    }

    /** Question type ordinal (0 non-relational, 1 relational) of every example, in example order. */
    public int[] typeCategories() {
        int[] c = subtypeCategories();
        for (int e = 0; e < c.length; e++) c[e] = c[e] / 3;
        return c;
    }

    /** Answer class (0..9) of every example, in example order. */
    public int[] answerClasses() {
        int[] c = new int[examples()];
        for (int e = 0; e < c.length; e++) c[e] = answers[e];
        return c;
    }

    /** The raw pixels of one image: H x W x 3 bytes, RGB, row-major (a copy). */
    public byte[] pixels(int image) {
        check(image);
        int n = imageSize * imageSize * 3;
        byte[] out = new byte[n];
        System.arraycopy(images, image * n, out, 0, n);
        return out;
    }

    public BufferedImage image(int image) {
        check(image);
        BufferedImage img = new BufferedImage(imageSize, imageSize, BufferedImage.TYPE_INT_RGB);
        int p = image * imageSize * imageSize * 3;
        for (int y = 0; y < imageSize; y++) {
            for (int x = 0; x < imageSize; x++, p += 3) {
                img.setRGB(x, y, ((images[p] & 0xFF) << 16) | ((images[p + 1] & 0xFF) << 8) | (images[p + 2] & 0xFF));
            }
        }
        return img;
    }

    private int exampleIndex(int image, int k) {
        check(image);
        if (k < 0 || k >= questionsPerImage) throw new IndexOutOfBoundsException("question " + k + " of " + questionsPerImage);
        return image * questionsPerImage + k;
    }

    private int checkExample(int e) {
        if (e < 0 || e >= examples()) throw new IndexOutOfBoundsException("example " + e + " of " + examples());
        return e;
    }

    private void check(int image) {
        if (image < 0 || image >= count) throw new IndexOutOfBoundsException("image " + image + " of " + count + " in " + name);
    }

    @Override
    public String toString() {
        return name + ": " + count + " images of " + imageSize + "x" + imageSize + ", " + examples() + " questions";
    }
}
