package org.relnet.data.clevr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortOfClevrTest {
    private static SortOfClevr config;
    private static SortOfClevrDataset data;

    @BeforeAll
    static void generate() {
        config = SortOfClevr.builder().imageSize(75).images(400).seed(11).threads(2).build();
        data = config.generate();
    }

    @Test
    void defaultsAreThePapers() {
        SortOfClevr d = SortOfClevr.builder().build();
        assertEquals(128, d.imageSize());
        assertEquals(10_000, d.images());
        assertEquals(8_000, d.trainImages());
        assertEquals(2_000, d.testImages());
        assertEquals(20, d.questionsPerImage());
        assertEquals(16, d.objectSize());
        assertEquals(10, SortOfClevr.builder().imageSize(75).build().objectSize());
    }

    @Test
    void everyAnswerMatchesAnIndependentRecomputationFromTheStates() {
        int checked = 0;
        for (ClevrSplit split : List.of(data.train(), data.test())) {
            for (int i = 0; i < split.size(); i++) {
                List<SceneObject> objects = split.scene(i).objects();
                for (int k = 0; k < split.questionsPerImage(); k++) {
                    int code = split.questions[i * 20 + k];
                    int expected = IndependentOracle.answer(objects, 75, code / 6, code % 6);
                    assertEquals(expected, split.answers[i * 20 + k], split.name() + " image " + i + " question " + k);
                    checked++;
                }
            }
        }
        assertEquals(400 * 20, checked);
    }

    @Test
    void closestAndFarthestAreNeverTied() {
        for (int i = 0; i < data.train().size(); i++) {
            List<SceneObject> objects = data.train().scene(i).objects();
            for (SceneObject o : objects) {
                double[] d = IndependentOracle.sortedDistances(objects, o);
                assertTrue(d[0] < d[1] && d[3] < d[4], "tie in image " + i + ": " + Arrays.toString(d));
            }
        }
    }

    @Test
    void tenNonRelationalThenTenRelationalDistinctQuestionsPerImage() {
        ClevrSplit s = data.train();
        int[] subtypeCounts = new int[6];
        for (int i = 0; i < s.size(); i++) {
            Set<Integer> codes = new HashSet<>();
            for (int k = 0; k < 20; k++) {
                int code = s.questions[i * 20 + k];
                codes.add(code);
                assertEquals(k < 10 ? 0 : 1, (code % 6) / 3, "type of question " + k + " of image " + i);
                subtypeCounts[code % 6]++;
            }
            assertEquals(20, codes.size(), "distinct questions in image " + i);
        }
        for (int c : subtypeCounts) assertTrue(Math.abs(c - s.size() * 10 / 3.0) < s.size() * 0.5, Arrays.toString(subtypeCounts));
    }

    @Test
    void objectsLieInsideTheImageDoNotOverlapAndArePaintedWhereTheStatesSay() {
        int size = 75, side = config.objectSize();
        ClevrSplit s = data.test();
        for (int i = 0; i < s.size(); i++) {
            List<SceneObject> objects = s.scene(i).objects();
            Rectangle image = new Rectangle(0, 0, size, size);
            Rectangle[] boxes = objects.stream().map(o -> new Rectangle(o.x() - side / 2, o.y() - side / 2, side, side)).toArray(Rectangle[]::new);
            for (int a = 0; a < 6; a++) {
                assertTrue(image.contains(boxes[a]), "image " + i + " object " + a + " " + boxes[a]);
                for (int b = a + 1; b < 6; b++) assertFalse(boxes[a].intersects(boxes[b]), "image " + i + " objects " + a + "," + b);
            }
            byte[] px = s.pixels(i);
            int[] painted = new int[6];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int p = (y * size + x) * 3;
                    int rgb = ((px[p] & 0xFF) << 16) | ((px[p + 1] & 0xFF) << 8) | (px[p + 2] & 0xFF);
                    if (rgb == 0xFFFFFF) continue;
                    int owner = -1;
                    for (int a = 0; a < 6; a++) if (boxes[a].contains(x, y)) owner = a;
                    assertTrue(owner >= 0, "image " + i + ": stray pixel at " + x + "," + y);
                    assertEquals(Colour.of(owner).rgb(), rgb, "image " + i + " pixel " + x + "," + y);
                    painted[owner]++;
                }
            }
            for (int a = 0; a < 6; a++) {
                SceneObject o = objects.get(a);
                // a square fills its box; a circle of diameter d covers about pi/4 of it
                int expectedMin = o.shape() == Shape.SQUARE ? side * side : (int) (0.7 * side * side);
                int expectedMax = o.shape() == Shape.SQUARE ? side * side : (int) (0.86 * side * side);
                assertTrue(painted[a] >= expectedMin && painted[a] <= expectedMax, "image " + i + " object " + a + " " + o.shape() + " area " + painted[a]);
            }
        }
    }

    @Test
    void splitIsEightyTwentyByImageWithNoSharedImage() {
        assertEquals(320, data.train().size());
        assertEquals(80, data.test().size());
        Set<String> train = new HashSet<>();
        for (int i = 0; i < data.train().size(); i++) train.add(Arrays.toString(data.train().pixels(i)));
        for (int i = 0; i < data.test().size(); i++) assertFalse(train.contains(Arrays.toString(data.test().pixels(i))), "test image " + i + " also in train");
        assertEquals(320, train.size(), "train images distinct");
    }

    @Test
    void sameSeedGivesTheSameBytesOnAnyThreadCountAndAnotherSeedDoesNot(@TempDir Path tmp) throws Exception {
        SortOfClevr small = SortOfClevr.builder().imageSize(75).images(150).seed(3).build();
        small.toBuilder().threads(1).build().write(tmp.resolve("one"));
        small.toBuilder().threads(3).build().write(tmp.resolve("three"));
        small.toBuilder().seed(4).build().write(tmp.resolve("other"));
        Properties one = manifest(tmp.resolve("one")), three = manifest(tmp.resolve("three")), other = manifest(tmp.resolve("other"));
        for (String f : List.of("train-images.u8", "train-scenes.u16", "train-questions.u8", "train-answers.u8", "test-images.u8")) {
            assertEquals(one.getProperty(f + ".sha256"), three.getProperty(f + ".sha256"), f);
            assertNotEquals(one.getProperty(f + ".sha256"), other.getProperty(f + ".sha256"), f);
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)), Files.readAllBytes(tmp.resolve("three").resolve(f)), f);
        }
        // and the in-memory generator makes the same data as the file writer
        SortOfClevrDataset loaded = SortOfClevr.load(tmp.resolve("one"));
        SortOfClevrDataset inMemory = small.generate();
        assertArrayEquals(inMemory.test().images, loaded.test().images);
        assertArrayEquals(inMemory.train().scenes, loaded.train().scenes);
        assertArrayEquals(inMemory.train().answers, loaded.train().answers);
    }

    @Test
    void sceneOfOneImageMatchesTheGeneratedDataset() {
        assertEquals(data.train().scene(17), config.scene(17));
        assertEquals(data.test().scene(5), config.scene(320 + 5));
    }

    @Test
    void interruptStopsGenerationLeavingNoDatasetAndTheFlagSet(@TempDir Path tmp) throws Exception {
        SortOfClevr big = SortOfClevr.builder().imageSize(75).images(5000).build();
        Path dir = tmp.resolve("cut");
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class, () -> big.write(dir));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag kept");
        } finally {
            Thread.interrupted();
        }
        assertFalse(Files.exists(dir));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "temporary directory removed");
        }
    }

    @Test
    void rejectsConfigurationsThatCannotHoldSixObjects() {
        assertThrows(IllegalArgumentException.class, () -> SortOfClevr.builder().imageSize(32).objectSize(12).build());
        assertThrows(IllegalArgumentException.class, () -> SortOfClevr.builder().objectSize(7).build());
    }

    private static Properties manifest(Path dir) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dir.resolve("manifest.properties"))) {
            p.load(in);
        }
        return p;
    }
}
