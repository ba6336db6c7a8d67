package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void constantIsTheSameEverywhere() {
        LrSchedule s = LrSchedule.constant(2.5e-4);
        for (long t : new long[] {0, 1, 999, 1_000_000}) assertEquals(2.5e-4, s.valueAt(t), 0);
    }

    @Test
    void stepDecayHalvesEveryPeriod() {
        LrSchedule s = LrSchedule.stepDecay(0.1, 0.5, 3);
        double expected = 0.1;
        for (int t = 0; t < 20; t++) {
            if (t > 0 && t % 3 == 0) expected /= 2;   // walk the schedule step by step
            assertEquals(expected, s.valueAt(t), 1e-15, "step " + t);
        }
    }

    @Test
    void invFollowsCaffe() {
        // Caffe's LeNet solver: base 0.01, gamma 1e-4, power 0.75 -> at iteration 10000 the rate is 0.01 / 2^0.75.
        assertEquals(0.01 / Math.pow(2, 0.75), LrSchedule.inv(0.01, 1e-4, 0.75).valueAt(10_000), 1e-15);
        LrSchedule s = LrSchedule.inv(0.01, 1e-3, 0.75);
        for (int t = 0; t <= 1000; t += 100) {
            double expected = 0.01 * Math.exp(-0.75 * Math.log1p(1e-3 * t));
            assertEquals(expected, s.valueAt(t), 1e-15, "step " + t);
        }
        assertEquals(0.01, s.valueAt(0), 0);
    }

    @Test
    void dl4jScheduleAgreesAtEveryStep() {
        for (LrSchedule s : new LrSchedule[] {LrSchedule.constant(1e-3), LrSchedule.stepDecay(1e-2, 0.5, 7),
                LrSchedule.inv(0.01, 1e-3, 0.75)}) {
            for (int t = 0; t < 50; t++) assertEquals(s.valueAt(t), s.toDl4j().valueAt(t, 0), 1e-15, s + " step " + t);
        }
    }

    @Test
    void withBaseKeepsTheShape() {
        LrSchedule s = LrSchedule.stepDecay(0.1, 0.5, 10).withBase(0.4);
        assertEquals(0.2, s.valueAt(10), 1e-15);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.stepDecay(0.1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.inv(0.1, -1, 0.75));
    }
}
