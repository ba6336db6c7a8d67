package org.relnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.relnet.kernel.JupyterTestClient.Cell;
import org.relnet.kernel.JupyterTestClient.Msg;

/** A kernel with a small heap: it answers after OutOfMemoryError and System.exit, and shuts down on request. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryTest {
    private static KernelProcess kernel;
    private static JupyterTestClient k;

    @BeforeAll
    static void start() throws Exception {
        kernel = new KernelProcess(List.of("-Xmx256m"), Map.of("RELNET_KERNEL_WARMUP", "0"));
        k = new JupyterTestClient(kernel);
        assertEquals("ok", k.run("String before = \"kept\";").status());
    }

    @AfterAll
    static void stop() throws Exception {
        k.close();
        kernel.close();
    }

    @Test
    @Order(1)
    void outOfMemoryInACellLeavesTheKernelUsable() {
        Cell c = k.run("{ List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]); }");
        assertEquals("error", c.status());
        assertEquals("OutOfMemoryError", c.error().text("ename"));
        assertEquals("kept", k.run("before").result());
    }

    @Test
    @Order(2)
    void systemExitAndHaltAreBlocked() {
        Cell exit = k.run("System.exit(3);");
        assertEquals("SecurityException", exit.error().text("ename"));
        assertTrue(exit.error().text("evalue").contains("System.exit(3) was blocked"));
        Cell halt = k.run("Runtime.getRuntime().halt(4);");
        assertEquals("SecurityException", halt.error().text("ename"));
        Cell fromThread = k.run("Thread t = new Thread(() -> System.exit(5)); t.start(); t.join(); \"joined\"");
        assertEquals("joined", fromThread.result());
        assertEquals("kept", k.run("before").result());
    }

    @Test
    @Order(3)
    void exceptionsLeaveTheKernelUsable() {
        assertEquals("error", k.run("throw new RuntimeException(\"x\");").status());
        assertEquals("error", k.run("Object o = null; o.hashCode();").status());
        assertEquals("kept", k.run("before").result());
    }

    @Test
    @Order(4)
    void shutdownRequestEndsTheProcess() throws Exception {
        JsonObject c = new JsonObject();
        c.addProperty("restart", false);
        Msg reply = k.reply("control", k.send("control", "shutdown_request", c, null), Duration.ofSeconds(30));
        assertEquals("shutdown_reply", reply.type());
        assertTrue(kernel.process().waitFor(30, TimeUnit.SECONDS), "the kernel process exits");
        assertEquals(0, kernel.process().exitValue());
    }
}
