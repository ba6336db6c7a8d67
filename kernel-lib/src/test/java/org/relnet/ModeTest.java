package org.relnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModeTest {
    @AfterEach
    void clear() {
        System.clearProperty(Mode.PROPERTY);
    }

    @Test
    void systemPropertySwitchesMode() {
        System.setProperty(Mode.PROPERTY, "true");
        assertTrue(Mode.full());
        assertEquals(150_000, Mode.pick(2_000, 150_000));
        assertEquals("full", Mode.pick("quick", "full"));
        System.setProperty(Mode.PROPERTY, "false");
        assertFalse(Mode.full());
        assertEquals(2_000, Mode.pick(2_000, 150_000));
        assertTrue(Mode.describe().startsWith("QUICK"));
    }
}
