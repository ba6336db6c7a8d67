package org.relnet.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.relnet.display.Notebook;
import org.relnet.kernel.display.KernelDisplaySink;
import org.relnet.kernel.display.Renderers;
import org.relnet.kernel.magic.Magics;
import org.relnet.kernel.magic.TimeMagic;

/**
 * The RelNet Java kernel: jjava-jupyter's {@link BaseKernel} (wire protocol, channels, display
 * stream, renderer, magics registry) with a JShell session running cells in this JVM.
 *
 * <p>What this layer adds: cells on an interruptible thread, live output, errors that point at cell
 * lines, kernel-lib's display sink, IJava's magics and environment variables.
 */
public final class RelNetKernel extends BaseKernel {
    public static final String VERSION = "0.1.0";

    private final KernelConfig config;
    private final KernelIO kio;
    private final History history;
    private final CompletableFuture<JavaSession> session = new CompletableFuture<>();

    private RelNetKernel(KernelConfig config, KernelIO io, History history, MagicsRegistry magics) {
        super("relnet-java", VERSION,
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java", "java", "script"),
                List.of(),
                history, io, new CommManager(), new Renderer(),
                new MagicParser("^[ \\t]*%", "%%", new MagicTranspiler()), magics,
                false, new StringStyler.Builder().build());
        this.config = config;
        this.kio = io;
        this.history = history;
        Renderers.registerAll(renderer);
    }

    public static RelNetKernel create(KernelConfig config) {
        MagicsRegistry magics = new MagicsRegistry();
        Magics.registerAll(magics);
        return new RelNetKernel(config, new KernelIO(), new History(), magics);
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new History.Reply(history.answer(message.getContent())));
    }

    @Override
    public void onStartup() {
        super.onStartup();
        Notebook.install(new KernelDisplaySink(io.display));
        // JShell and the start-up imports take a second or two: do it off the protocol thread so
        // kernel_info is answered at once; the first cell waits for it.
        Thread init = new Thread(this::initSession, "relnet-session-init");
        init.setDaemon(true);
        init.start();
        if (config.warmUp()) {
            // In parallel with JShell's start: by the time a notebook reaches its first DL4J cell the
            // native backend is (often) loaded.
            Thread warm = new Thread(RelNetKernel::warmUpNd4j, "relnet-nd4j-warmup");
            warm.setDaemon(true);
            warm.setPriority(Thread.MIN_PRIORITY);
            warm.start();
        }
    }

    private void initSession() {
        try {
            JavaSession s = new JavaSession(config);
            runStartup(s, "start-up imports", StartupScript.imports());
            if (config.classpath() != null) {
                s.addToClasspath(PathsHandler.joinPaths(PathsHandler.splitAndResolveGlobs(config.classpath())));
            }
            if (config.startupScriptsPath() != null) {
                for (Path p : PathsHandler.splitAndResolveGlobs(config.startupScriptsPath())) runStartup(s, p.toString(), Files.readString(p));
            }
            if (config.startupScript() != null) runStartup(s, "IJAVA_STARTUP_SCRIPT", config.startupScript());
            session.complete(s);
        } catch (Throwable t) {
            KernelLog.warn("the Java session failed to start: " + t);
            session.completeExceptionally(t);
        }
    }

    private static void runStartup(JavaSession s, String name, String code) {
        try {
            s.eval(code, name);
        } catch (RuntimeException e) {
            String detail = e instanceof CellError ce ? String.join("\n", ce.traceback()) : e.toString();
            KernelLog.warn("start-up script " + name + " failed:\n" + detail);
        }
    }

    /** ND4J loads its native backend on first use (seconds); do it now, off the cell thread. */
    private static void warmUpNd4j() {
        try {
            org.nd4j.linalg.factory.Nd4j.create(new float[] {1, 2, 3, 4}, new int[] {2, 2}).mmul(org.nd4j.linalg.factory.Nd4j.eye(2));
        } catch (Throwable t) {
            KernelLog.warn("ND4J warm-up failed (the first DL4J cell will report why): " + t);
        }
    }

    JavaSession session() {
        try {
            return session.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the Java session failed to start: " + e.getCause(), e.getCause());
        }
    }

    public KernelConfig config() {
        return config;
    }

    /** Adds jars or class folders to the session (used by %jars, %classpath, %maven). */
    public void addToClasspath(List<Path> paths) {
        session().addToClasspath(paths.stream().map(p -> p.toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
    }

    /** Runs code as if it were a cell (magics included), labelling errors with {@code sourceName}. */
    public Object evalSource(String code, String sourceName) {
        return session().eval(magicParser.resolveMagics(TimeMagic.protectLineArguments(code)), sourceName);
    }

    @Override
    public Object evalRaw(String code) {
        return evalSource(code, "eval");
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = request.isSilent() ? executionCount.get() : executionCount.getAndIncrement();

        // Before execute_input goes out: a client may interrupt as soon as it sees it, and that stop
        // must not be wiped by starting the cell afterwards. (A session still starting has no
        // earlier stop to forget; a failed one reports itself when the cell runs.)
        if (session.isDone() && !session.isCompletedExceptionally()) session.join().control().beginCell();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        if (request.shouldStoreHistory() && !request.isSilent()) history.add(count, request.getCode());

        replaceOutputStreams(env);
        kio.attach(env, request.isStdinEnabled());
        try {
            Object value = evalSource(request.getCode(), "cell [" + count + "]");
            kio.flush();
            if (value != null && !request.isSilent()) {
                DisplayData out = value instanceof DisplayData d ? d : renderer.render(value);
                env.publish(new PublishExecuteResult(count, out));
            }
            kio.detach(env);
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (Throwable e) {
            kio.detach(env);
            CellError error = asCellError(e);
            env.publish(new PublishError(error.ename(), error.evalue(), error.traceback()));
            ErrorReply reply = new ErrorReply(error.ename(), error.evalue(), error.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    /** Errors from magics and kernel code (not the user's snippets) still get a readable report. */
    private static CellError asCellError(Throwable e) {
        if (e instanceof CellError ce) return ce;
        Throwable shown = e.getCause() != null && e instanceof RuntimeException && e.getMessage() != null
                && e.getMessage().startsWith("Exception occurred while running") ? e.getCause() : e;
        if (shown instanceof CellError ce) return ce;
        String name = shown.getClass().getSimpleName();
        String msg = shown.getMessage() == null ? "" : shown.getMessage();
        List<String> tb = new ArrayList<>();
        tb.add(shown.getClass().getName() + (msg.isEmpty() ? "" : ": " + msg));
        if (!(shown instanceof IllegalArgumentException)) {
            // Not a user mistake we explain in words (those are IllegalArgumentExceptions): show where.
            for (StackTraceElement f : shown.getStackTrace()) tb.add("        at " + f);
        }
        return new CellError() {
            @Override public String ename() { return name; }
            @Override public String evalue() { return msg; }
            @Override public List<String> traceback() { return tb; }
        };
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String text = session().inspect(code, at);
        return text == null ? null : new DisplayData(text);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JavaSession.Completions c = session().complete(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) return IS_COMPLETE_YES;
        return session().isComplete(code);
    }

    @Override
    public void interrupt() {
        if (session.isDone() && !session.isCompletedExceptionally()) session.join().control().interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        Notebook.uninstall();
        if (session.isDone() && !session.isCompletedExceptionally()) session.join().close();
        super.onShutdown(isRestarting);
    }

    /** The user's variable names (for tests and tools). */
    public List<String> variableNames() {
        return session().variableNames();
    }

    static String readFile(Path p) throws IOException {
        return Files.readString(p);
    }
}
