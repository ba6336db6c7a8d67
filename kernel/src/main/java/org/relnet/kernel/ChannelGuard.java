package org.relnet.kernel;

import java.lang.reflect.Field;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;

/**
 * Keeps the shell and control channels alive when a message fails verification.
 *
 * <p>jjava-jupyter 1.0-a6 does check every message's HMAC and never handles a badly signed one,
 * but it reports the failure by throwing from the channel's polling loop, which has no error
 * handler: the loop thread dies and the kernel stops answering (one forged packet = denial of
 * service). This installs the missing handler: the message is logged and dropped, the loop goes on.
 * The base library keeps the loop private, hence reflection; the kernel refuses to start if the
 * field is not there, rather than run unprotected.
 */
final class ChannelGuard {
    private static final long RETRY_SLEEP_MS = 10;

    private ChannelGuard() {}

    static void install(JupyterConnection connection) {
        guard(connection, "shell");
        guard(connection, "control");
    }

    private static void guard(JupyterConnection connection, String channelField) {
        try {
            Field f = JupyterConnection.class.getDeclaredField(channelField);
            f.setAccessible(true);
            ShellChannel channel = (ShellChannel) f.get(connection);
            Field loopField = ShellChannel.class.getDeclaredField("ioloop");
            loopField.setAccessible(true);
            Loop loop = (Loop) loopField.get(channel);
            loop.onError(t -> {
                if (t instanceof SecurityException) {
                    KernelLog.warn("rejected a message on the " + channelField + " channel: " + t.getMessage()
                            + " (bad or missing HMAC signature); it was not executed");
                } else {
                    KernelLog.warn("dropped a malformed message on the " + channelField + " channel: " + t);
                }
                return RETRY_SLEEP_MS;
            });
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot guard the " + channelField + " channel of this jjava-jupyter version", e);
        }
    }
}
