package org.relnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relnet.kernel.JupyterTestClient.Cell;

/** IJava's environment variables configure a fresh kernel. */
class EnvironmentTest {
    private static KernelProcess kernel;
    private static JupyterTestClient k;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("relnet-env");
        Path script = dir.resolve("setup.jsh");
        Files.writeString(script, "String fromScriptsPath = \"scripts path\";");
        TestArtifacts.compile(dir.resolve("classes"), "envcp.Marker",
                "package envcp; public class Marker { public static final int N = 11; }", null);
        kernel = new KernelProcess(List.of("-Xmx384m"), Map.of(
                "RELNET_KERNEL_WARMUP", "0",
                "IJAVA_CLASSPATH", dir.resolve("classes").toString(),
                "IJAVA_STARTUP_SCRIPTS_PATH", dir + "/*.jsh",
                "IJAVA_STARTUP_SCRIPT", "int fromStartupScript = envcp.Marker.N + 1;",
                "IJAVA_TIMEOUT", "2 SECONDS",
                "RELNET_COMPILER_OPTS", "-Xlint:all"));
        k = new JupyterTestClient(kernel);
    }

    @AfterAll
    static void stop() throws Exception {
        k.close();
        kernel.close();
    }

    @Test
    void classpathAndStartupScriptsAreApplied() {
        assertEquals("scripts path", k.run("fromScriptsPath").result());
        assertEquals("12", k.run("fromStartupScript").result());
    }

    @Test
    void timeoutStopsALongCell() {
        Cell c = k.run("Thread.sleep(600_000);");
        assertEquals("Interrupted", c.error().text("ename"));
        assertTrue(c.error().text("evalue").contains("IJAVA_TIMEOUT"), c.error().text("evalue"));
        assertEquals("ok", k.run("1").status());
    }
}
