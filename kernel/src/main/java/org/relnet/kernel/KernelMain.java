package org.relnet.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Entry point: {@code java -jar relnet-kernel.jar <connection-file>}, as Jupyter starts it from
 * kernel.json. Binds the five sockets to the address in the connection file and serves until a
 * shutdown request.
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar relnet-kernel.jar <connection-file>  (Jupyter passes {connection_file})");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isReadable(file)) {
            System.err.println("relnet-kernel: cannot read the connection file " + file.toAbsolutePath());
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(file));
        if (props.getKey() == null || props.getKey().isEmpty()) {
            KernelLog.warn("the connection file " + file + " has no key: messages are not signed (Jupyter always sets one)");
        }
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        ExitGuard.install();

        RelNetKernel kernel = RelNetKernel.create(KernelConfig.fromEnvironment());
        KernelConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        installSigintHandler(kernel);
        KernelLog.info("listening on " + props.getTransport() + "://" + props.getIp() + " (shell port " + props.getShellPort() + ")");

        connection.waitUntilClose();
        KernelLog.info("shut down");
        System.exit(0);
    }

    /** For kernelspecs with interrupt_mode "signal" (and Ctrl-C in a terminal): interrupt the cell, not the JVM. */
    private static void installSigintHandler(RelNetKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> kernel.interrupt());
        } catch (Throwable t) {
            KernelLog.warn("SIGINT cannot be handled here (" + t + "); interrupts arrive as messages only");
        }
    }
}
