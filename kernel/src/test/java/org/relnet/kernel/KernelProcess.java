package org.relnet.kernel;

import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A kernel in a child JVM, started from a generated connection file on 127.0.0.1 with random ports. */
final class KernelProcess implements AutoCloseable {
    private final Path dir;
    private final JsonObject connection = new JsonObject();
    private final Process process;
    private final Path log;

    KernelProcess(List<String> jvmOptions, Map<String, String> env) throws IOException {
        dir = Files.createTempDirectory("relnet-kernel-test");
        connection.addProperty("ip", "127.0.0.1");
        connection.addProperty("transport", "tcp");
        connection.addProperty("signature_scheme", "hmac-sha256");
        connection.addProperty("key", UUID.randomUUID().toString());
        for (String p : List.of("shell_port", "control_port", "iopub_port", "stdin_port", "hb_port")) connection.addProperty(p, freePort());
        Path file = dir.resolve("connection.json");
        Files.writeString(file, connection.toString());
        log = dir.resolve("kernel.log");

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KernelMain.class.getName());
        cmd.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).directory(dir.toFile());
        pb.environment().put("RELNET_INTERRUPT_GRACE_MS", "1000");
        pb.environment().putAll(env);
        process = pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String key() {
        return connection.get("key").getAsString();
    }

    int port(String name) {
        return connection.get(name).getAsInt();
    }

    Path dir() {
        return dir;
    }

    Process process() {
        return process;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    static String classpathOf(File f) {
        return f.getAbsolutePath();
    }
}
