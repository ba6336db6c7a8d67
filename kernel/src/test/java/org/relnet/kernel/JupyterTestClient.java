package org.relnet.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client over real ZeroMQ sockets: signs requests with the connection key and
 * reads replies and iopub messages. Enough protocol to test the kernel, nothing more.
 */
final class JupyterTestClient implements AutoCloseable {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(90);

    /** One received message: its type, parent id and content. */
    record Msg(String type, String parentId, JsonObject content) {
        String text(String field) {
            return content.has(field) && !content.get(field).isJsonNull() ? content.get(field).getAsString() : null;
        }
    }

    private final ZContext ctx = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final byte[] key;
    private final String session = UUID.randomUUID().toString();
    private final List<Msg> iopubBacklog = new ArrayList<>();

    JupyterTestClient(KernelProcess kernel) {
        this.key = kernel.key().getBytes(StandardCharsets.US_ASCII);
        shell = connect(SocketType.DEALER, kernel.port("shell_port"));
        control = connect(SocketType.DEALER, kernel.port("control_port"));
        iopub = connect(SocketType.SUB, kernel.port("iopub_port"));
        iopub.subscribe(new byte[0]);
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket s = ctx.createSocket(type);
        s.setLinger(0);
        s.connect("tcp://127.0.0.1:" + port);
        return s;
    }

    String sign(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) mac.update(p);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request; {@code signature} null means "sign correctly". Returns the message id. */
    String send(String channel, String type, JsonObject content, String signature) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("session", session);
        header.addProperty("username", "test");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] parent = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] meta = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] c = content.toString().getBytes(StandardCharsets.UTF_8);
        ZMQ.Socket s = channel.equals("control") ? control : shell;
        s.sendMore("<IDS|MSG>");
        s.sendMore(signature != null ? signature : sign(h, parent, meta, c));
        s.sendMore(h);
        s.sendMore(parent);
        s.sendMore(meta);
        s.send(c);
        return id;
    }

    String send(String type, JsonObject content) {
        return send("shell", type, content, null);
    }

    String execute(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return send("execute_request", c);
    }

    /** The reply to {@code id} on the shell (or control) channel; replies to other requests are skipped. */
    Msg reply(String channel, String id, Duration wait) {
        ZMQ.Socket s = channel.equals("control") ? control : shell;
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Msg m = receive(s, deadline);
            if (m != null && id.equals(m.parentId())) return m;
        }
        throw new AssertionError("no reply to " + id + " within " + wait);
    }

    Msg reply(String id) {
        return reply("shell", id, DEFAULT_WAIT);
    }

    /** The next iopub message for request {@code id}. */
    Msg nextIopub(String id, Duration wait) {
        for (int i = 0; i < iopubBacklog.size(); i++) {
            if (id.equals(iopubBacklog.get(i).parentId())) return iopubBacklog.remove(i);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Msg m = receive(iopub, deadline);
            if (m == null) continue;
            if (id.equals(m.parentId())) return m;
            iopubBacklog.add(m);
        }
        throw new AssertionError("no iopub message for " + id + " within " + wait);
    }

    /** Every iopub message for {@code id} up to its final idle status. */
    List<Msg> iopubUntilIdle(String id) {
        List<Msg> out = new ArrayList<>();
        while (true) {
            Msg m = nextIopub(id, DEFAULT_WAIT);
            if (m.type().equals("status") && "idle".equals(m.text("execution_state"))) return out;
            out.add(m);
        }
    }

    /** Runs a cell: its reply and its iopub messages. */
    Cell run(String code) {
        String id = execute(code);
        Msg reply = reply(id);
        return new Cell(reply, iopubUntilIdle(id));
    }

    record Cell(Msg reply, List<Msg> iopub) {
        String status() { return reply.text("status"); }
        String stdout() { return stream("stdout"); }
        String stderr() { return stream("stderr"); }

        String stream(String name) {
            StringBuilder sb = new StringBuilder();
            iopub.stream().filter(m -> m.type().equals("stream") && name.equals(m.text("name"))).forEach(m -> sb.append(m.text("text")));
            return sb.toString();
        }

        List<Msg> ofType(String type) {
            return iopub.stream().filter(m -> m.type().equals(type)).toList();
        }

        /** text/plain of the execute_result, or null. */
        String result() {
            return ofType("execute_result").stream().findFirst()
                    .map(m -> m.content().getAsJsonObject("data").get("text/plain").getAsString()).orElse(null);
        }

        Msg error() {
            return ofType("error").stream().findFirst().orElseThrow(() -> new AssertionError("no error message; reply " + reply.content()));
        }

        String traceback() {
            List<String> lines = new ArrayList<>();
            error().content().getAsJsonArray("traceback").forEach(l -> lines.add(l.getAsString()));
            return String.join("\n", lines);
        }
    }

    private Msg receive(ZMQ.Socket s, long deadlineNanos) {
        int timeout = (int) Math.max(1, Math.min(500, (deadlineNanos - System.nanoTime()) / 1_000_000));
        s.setReceiveTimeOut(timeout);
        byte[] frame = s.recv();
        if (frame == null) return null;
        while (!new String(frame, StandardCharsets.UTF_8).equals("<IDS|MSG>")) frame = s.recv();
        s.setReceiveTimeOut(-1);
        String sig = s.recvStr();
        byte[] header = s.recv();
        byte[] parent = s.recv();
        byte[] meta = s.recv();
        byte[] content = s.recv();
        while (s.hasReceiveMore()) s.recv();
        if (!sig.equals(sign(header, parent, meta, content))) throw new AssertionError("kernel sent a badly signed message");
        JsonObject h = JsonParser.parseString(new String(header, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject p = JsonParser.parseString(new String(parent, StandardCharsets.UTF_8)).getAsJsonObject();
        String parentId = p.has("msg_id") ? p.get("msg_id").getAsString() : null;
        return new Msg(h.get("msg_type").getAsString(), parentId,
                JsonParser.parseString(new String(content, StandardCharsets.UTF_8)).getAsJsonObject());
    }

    static JsonObject json(String s) {
        return new Gson().fromJson(s, JsonObject.class);
    }

    @Override
    public void close() {
        ctx.close();
    }
}
