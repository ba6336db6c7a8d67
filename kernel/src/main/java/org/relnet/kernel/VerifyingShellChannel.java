package org.relnet.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * The shell or control channel, with a polling loop that survives a message failing verification.
 *
 * <p>jjava-jupyter 1.0-a6 checks every message's HMAC in {@link JupyterSocket#readMessage()} and
 * never handles a badly signed one, but it signals the failure by throwing out of its channel loop,
 * which has no error handler: the thread dies and the kernel stops answering (one forged packet is
 * a denial of service; the protocol tests reproduce it). This loop logs and drops such a message
 * and goes on. It also waits in {@code poll} instead of sleeping 50 ms between polls, so a request
 * is picked up as soon as it arrives.
 */
final class VerifyingShellChannel extends ShellChannel {
    private static final int POLL_MS = 50;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String label;
    private final JupyterConnection connection;
    private volatile Loop loop;

    VerifyingShellChannel(ZMQ.Context ctx, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(ctx, hmac, isControl, connection);
        this.label = isControl ? "control" : "shell";
        this.connection = connection;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void bind(KernelConnectionProperties props) {
        String address = props.getTransport() + "://" + props.getIp() + ":"
                + (label.equals("control") ? props.getControlPort() : props.getShellPort());
        super.bind(address); // ZMQ.Socket#bind(String): only the address from the connection file
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        Loop l = new Loop("relnet-" + label + "-" + IDS.incrementAndGet(), 0, () -> {
            if (poller.poll(POLL_MS) <= 0) return;
            Message<?> message = readMessage();
            ShellHandler handler = connection.getHandler(message.getHeader().getType());
            if (handler == null) {
                KernelLog.warn("no handler for " + message.getHeader().getType().getName() + " on the " + label + " channel");
                return;
            }
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            try {
                handler.handle(env, message);
            } catch (RuntimeException e) {
                KernelLog.warn("handling " + message.getHeader().getType().getName() + " failed: " + e);
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) connection.close();
        });
        l.onError(t -> {
            if (t instanceof SecurityException) {
                KernelLog.warn("rejected a message on the " + label + " channel: " + t.getMessage()
                        + " (bad or missing HMAC signature); it was not executed");
            } else {
                KernelLog.warn("dropped a malformed message on the " + label + " channel: " + t);
            }
            return POLL_MS;
        });
        loop = l;
        l.start();
    }

    @Override
    public void close() {
        Loop l = loop;
        if (l != null) l.shutdown();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Loop l = loop;
        if (l == null || l == Thread.currentThread()) return;
        try {
            l.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
