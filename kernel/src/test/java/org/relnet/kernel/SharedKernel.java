package org.relnet.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One kernel process (and client) shared by the protocol tests, so the suite pays for one JVM and
 * one JShell start-up. Its Maven local repository is a temporary folder, so %maven tests neither
 * read nor change ~/.m2.
 */
final class SharedKernel {
    private static KernelProcess kernel;
    private static JupyterTestClient client;

    private SharedKernel() {}

    static synchronized JupyterTestClient client() {
        if (client == null) {
            try {
                Path m2 = java.nio.file.Files.createTempDirectory("relnet-test-m2");
                kernel = new KernelProcess(List.of("-Xmx512m", "-Dmaven.repo.local=" + m2), Map.of("RELNET_KERNEL_WARMUP", "0"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client = new JupyterTestClient(kernel);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                try {
                    kernel.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return client;
    }

    static synchronized KernelProcess process() {
        client();
        return kernel;
    }
}
