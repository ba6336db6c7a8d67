package org.relnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.relnet.kernel.JupyterTestClient.Cell;

/** Messages without the connection key's HMAC are dropped (logged, never run); sockets stay on the given address. */
class SecurityTest {
    private final JupyterTestClient k = SharedKernel.client();

    private static JsonObject executeContent(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return c;
    }

    @Test
    void badSignatureIsRejectedAndNeverExecuted() throws IOException {
        k.send("shell", "execute_request", executeContent("int forgedBad = 1;"), "0".repeat(64));
        assertNotDefined("forgedBad");
        assertTrue(SharedKernel.process().log().contains("rejected a message on the shell channel"), "the rejection is logged");
    }

    @Test
    void missingSignatureIsRejectedAndNeverExecuted() {
        k.send("shell", "execute_request", executeContent("int forgedMissing = 1;"), "");
        assertNotDefined("forgedMissing");
    }

    @Test
    void forgedShutdownOnControlIsIgnored() {
        JsonObject c = new JsonObject();
        c.addProperty("restart", false);
        k.send("control", "shutdown_request", c, "f".repeat(64));
        assertEquals("2", k.run("1 + 1").result(), "the kernel is still up and answering");
    }

    /** A later, correctly signed cell runs; the forged one (sent before it on the same socket) left nothing behind. */
    private void assertNotDefined(String name) {
        Cell c = k.run(name);
        assertEquals("error", c.status());
        assertTrue(c.traceback().contains("cannot find symbol"), c.traceback());
    }

    @Test
    void socketsListenOnlyOnTheConnectionFileAddress() throws IOException {
        Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
        Assumptions.assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address to try");
        int port = SharedKernel.process().port("shell_port");
        try (Socket loop = new Socket()) {
            loop.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        }
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(other.get(), port), 5000);
            }
        });
    }
}
