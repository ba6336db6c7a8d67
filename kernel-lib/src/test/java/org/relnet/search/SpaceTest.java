package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpaceTest {
    private static final int N = 20_000;

    /** Pearson's statistic of observed counts against equal expected counts. */
    private static double chiSquare(int[] counts, int n) {
        double expected = (double) n / counts.length, chi = 0;
        for (int c : counts) chi += (c - expected) * (c - expected) / expected;
        return chi;
    }

    // 9 degrees of freedom: the 0.1 % critical value is 27.9.
    private static final double CHI2_9_DOF_P001 = 27.88;

    @Test
    void logUniformIsFlatInLog10() {
        Space space = Space.builder().logUniform("lr", 1e-6, 1e-2).build();
        SplittableRandom rng = new SplittableRandom(1);
        int[] bins = new int[10];
        for (int i = 0; i < N; i++) {
            double lr = space.sample(rng).getDouble("lr");
            assertTrue(lr >= 1e-6 && lr <= 1e-2, "sample out of range: " + lr);
            bins[Math.min(9, (int) ((Math.log10(lr) + 6) / 4 * 10))]++;
        }
        assertTrue(chiSquare(bins, N) < CHI2_9_DOF_P001, "log10 histogram not flat: " + java.util.Arrays.toString(bins));
        // Each decade gets a quarter: a plain uniform draw would put ~99 % in the last one.
        int lastDecade = bins[7] + bins[8] + bins[9];
        assertTrue(lastDecade < 0.3 * N, "too many samples in [1e-3, 1e-2]: " + lastDecade);
    }

    @Test
    void uniformIsFlat() {
        Space space = Space.builder().uniform("dropout", 0.1, 0.6).build();
        SplittableRandom rng = new SplittableRandom(2);
        int[] bins = new int[10];
        for (int i = 0; i < N; i++) bins[Math.min(9, (int) ((space.sample(rng).getDouble("dropout") - 0.1) / 0.5 * 10))]++;
        assertTrue(chiSquare(bins, N) < CHI2_9_DOF_P001, java.util.Arrays.toString(bins));
    }

    @Test
    void integerStaysInBoundsAndHitsEveryValueEvenly() {
        Space space = Space.builder().integer("layers", 2, 11).build();
        SplittableRandom rng = new SplittableRandom(3);
        int[] counts = new int[10];
        for (int i = 0; i < N; i++) {
            int v = space.sample(rng).getInt("layers");
            assertTrue(v >= 2 && v <= 11, "out of bounds: " + v);
            counts[v - 2]++;
        }
        for (int c : counts) assertTrue(c > 0);
        assertTrue(chiSquare(counts, N) < CHI2_9_DOF_P001, java.util.Arrays.toString(counts));
    }

    @Test
    void choiceFrequenciesAreEqual() {
        Space space = Space.builder().choice("batch", 64, 128, 256).build();
        SplittableRandom rng = new SplittableRandom(4);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < N; i++) counts.merge(space.sample(rng).getInt("batch"), 1, Integer::sum);
        assertEquals(3, counts.size());
        int[] c = {counts.get(64), counts.get(128), counts.get(256)};
        // 2 degrees of freedom: the 0.1 % critical value is 13.8.
        assertTrue(chiSquare(c, N) < 13.82, java.util.Arrays.toString(c));
    }

    @Test
    void unitMappingRoundTripsAndUsesLogScale() {
        Space space = Space.builder().logUniform("lr", 1e-6, 1e-2).integer("n", 1, 4).choice("opt", "adam", "sgd").build();
        Config c = space.fromUnit(new double[] {0.5, 0.6, 0.9});
        assertEquals(1e-4, c.getDouble("lr"), 1e-12);
        assertEquals(3, c.getInt("n"));
        assertEquals("sgd", c.getString("opt"));
        assertEquals(c, space.fromUnit(space.toUnit(c)));
    }

    @Test
    void gridVariesFirstDimensionSlowest() {
        Space space = Space.builder().choice("lr", 1e-2, 1e-3, 1e-4).choice("batch", 64, 128, 256).build();
        List<Config> grid = space.grid(5);
        assertEquals(9, grid.size());
        assertEquals(Config.of(Map.of("lr", 1e-2, "batch", 64)), grid.get(0));
        assertEquals(Config.of(Map.of("lr", 1e-2, "batch", 128)), grid.get(1));
        assertEquals(Config.of(Map.of("lr", 1e-4, "batch", 256)), grid.get(8));
        List<Object> lrGrid = new Dimension.LogUniform("lr", 1e-6, 1e-2).grid(5);
        assertEquals(1e-4, (Double) lrGrid.get(2), 1e-12);
    }

    @Test
    void badInputIsRejectedWithTheName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Space.builder().logUniform("lr", 0, 1e-2))
                .getMessage().contains("lr"));
        assertThrows(IllegalArgumentException.class, () -> Space.builder().choice("a", 1).choice("a", 2));
        Config c = Config.of(Map.of("lr", 1e-3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.getInt("lr")).getMessage().contains("lr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.getDouble("batch")).getMessage().contains("batch"));
    }

    @Test
    void seededStrategiesAreReproducibleAndIndexedNotSequential() {
        Space space = Synthetic.LR_SPACE;
        RandomSearch a = new RandomSearch(50, 7), b = new RandomSearch(50, 7), other = new RandomSearch(50, 8);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.propose(i, space, Goal.maximize("accuracy"), List.of()), b.propose(i, space, Goal.maximize("accuracy"), List.of()));
            assertEquals(a.trialSeed(i), b.trialSeed(i));
        }
        // Asking for trial 30 first gives what it gives in sequence: nothing depends on call order.
        Config thirty = new RandomSearch(50, 7).propose(30, space, Goal.maximize("accuracy"), List.of());
        assertEquals(a.propose(30, space, Goal.maximize("accuracy"), List.of()), thirty);
        assertNotEquals(a.propose(0, space, Goal.maximize("accuracy"), List.of()), other.propose(0, space, Goal.maximize("accuracy"), List.of()));
        assertNotEquals(a.trialSeed(0), a.trialSeed(1));
    }
}
