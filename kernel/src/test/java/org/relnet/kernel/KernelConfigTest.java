package org.relnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelConfigTest {
    @Test
    void timeoutAcceptsMillisecondsUnitsAndNone() {
        assertEquals(1500, new KernelConfig(Map.of("IJAVA_TIMEOUT", "1500")).timeoutMillis());
        assertEquals(30_000, new KernelConfig(Map.of("IJAVA_TIMEOUT", "30 SECONDS")).timeoutMillis());
        assertEquals(-1, new KernelConfig(Map.of("IJAVA_TIMEOUT", "-1")).timeoutMillis());
        assertEquals(-1, new KernelConfig(Map.of()).timeoutMillis());
    }

    @Test
    void badTimeoutNamesTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KernelConfig(Map.of("IJAVA_TIMEOUT", "soon")).timeoutMillis());
        assertEquals(true, e.getMessage().contains("IJAVA_TIMEOUT='soon'"));
    }

    @Test
    void ijavaNamesWinOverRelnetNames() {
        KernelConfig c = new KernelConfig(Map.of("IJAVA_COMPILER_OPTS", "-Xlint:all -g", "RELNET_COMPILER_OPTS", "-O"));
        assertEquals(List.of("-Xlint:all", "-g"), c.compilerOptions());
        assertEquals(List.of("-O"), new KernelConfig(Map.of("RELNET_COMPILER_OPTS", "-O")).compilerOptions());
    }
}
