package org.relnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relnet.kernel.JupyterTestClient.Cell;
import org.relnet.kernel.JupyterTestClient.Msg;

/** The kernel over real ZeroMQ sockets: execute, streams, display, completion, errors, interrupt. */
class KernelProtocolTest {
    private final JupyterTestClient k = SharedKernel.client();

    @Test
    void kernelInfoNamesJava() {
        Msg reply = k.reply(k.send("kernel_info_request", new JsonObject()));
        assertEquals("java", reply.content().getAsJsonObject("language_info").get("name").getAsString());
        assertEquals("relnet-java", reply.text("implementation"));
    }

    @Test
    void lastExpressionIsTheResultAndVariablesPersist() {
        assertEquals("ok", k.run("int answer = 41;").status());
        Cell c = k.run("answer + 1");
        assertEquals("ok", c.status());
        assertEquals("42", c.result());
    }

    @Test
    void startupImportsNeedNoSetupCell() {
        Cell c = k.run("List<String> l = new ArrayList<>(); Table t = Table.create(\"t\"); MimeBundle b = MimeBundle.text(\"x\"); l.size()");
        assertEquals("ok", c.status(), () -> c.traceback());
        assertEquals("0", c.result());
    }

    @Test
    void outputIsStreamedWhileTheCellRuns() throws Exception {
        Path go = Files.createTempFile("relnet-go", ".flag");
        Files.delete(go);
        // The cell prints, then waits for a file that the test creates only after it has seen the output.
        String id = k.execute("System.out.print(\"first\");\n"
                + "while (!java.nio.file.Files.exists(java.nio.file.Path.of(\"" + go + "\"))) Thread.sleep(20);\n"
                + "System.out.println(\"second\");");
        Msg m;
        do {
            m = k.nextIopub(id, Duration.ofSeconds(60));
        } while (!m.type().equals("stream"));
        assertEquals("first", m.text("text"));
        Files.createFile(go);
        assertEquals("ok", k.reply(id).text("status"));
        List<Msg> rest = k.iopubUntilIdle(id);
        assertTrue(rest.stream().anyMatch(x -> "second\n".equals(x.text("text"))));
    }

    @Test
    void stderrIsItsOwnStream() {
        Cell c = k.run("System.err.println(\"careful\");");
        assertEquals("careful\n", c.stderr());
    }

    @Test
    void displayReturnsAnIdThatUpdateDisplayReplaces() {
        Cell c = k.run("String id = display(MimeBundle.text(\"epoch 1\"));\nupdateDisplay(id, MimeBundle.html(\"<b>epoch 2</b>\", \"epoch 2\"));\nid");
        assertEquals("ok", c.status(), c::traceback);
        Msg shown = c.ofType("display_data").get(0);
        Msg updated = c.ofType("update_display_data").get(0);
        String id = shown.content().getAsJsonObject("transient").get("display_id").getAsString();
        assertEquals(id, updated.content().getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("<b>epoch 2</b>", updated.content().getAsJsonObject("data").get("text/html").getAsString());
        assertEquals(id, c.result());
    }

    @Test
    void kernelLibNotebookDisplaysThroughTheInstalledSink() {
        Cell c = k.run("String nid = Notebook.display(MimeBundle.markdown(\"# progress\")).orElseThrow();\n"
                + "Notebook.update(nid, MimeBundle.text(\"done\"));\nNotebook.isActive()");
        assertEquals("true", c.result(), c::traceback);
        assertEquals("# progress", c.ofType("display_data").get(0).content().getAsJsonObject("data").get("text/markdown").getAsString());
        assertEquals("done", c.ofType("update_display_data").get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void imagesChartsAndTablesRenderRichly() {
        JsonObject img = data(k.run("new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB)"));
        assertTrue(img.has("image/png"));
        JsonObject chart = data(k.run("var ch = new XYChartBuilder().width(120).height(80).build();\n"
                + "ch.addSeries(\"loss\", new double[] {1, 2}, new double[] {3, 1});\nch"));
        assertTrue(chart.has("image/png"));
        Cell svg = k.run("display(ch, \"image/svg+xml\");");
        assertTrue(svg.ofType("display_data").get(0).content().getAsJsonObject("data").get("image/svg+xml").getAsString().contains("<svg"),
                svg::traceback);
        JsonObject table = data(k.run("Table.create(\"acc\", DoubleColumn.create(\"a<b\", 0.5, 0.75))"));
        assertTrue(table.get("text/html").getAsString().contains("<th>a&lt;b</th>"));
    }

    private static JsonObject data(Cell c) {
        assertEquals("ok", c.status(), c::traceback);
        return c.ofType("execute_result").get(0).content().getAsJsonObject("data");
    }

    @Test
    void compileErrorNamesLineColumnAndShowsTheLine() {
        Cell c = k.run("int fine = 1;\nString s = \"a\" +\n   missingName;");
        assertEquals("error", c.status());
        assertEquals("CompilationException", c.error().text("ename"));
        String tb = c.traceback();
        assertTrue(tb.contains("line 3, column 4: cannot find symbol"), tb);
        assertTrue(tb.contains("3 |    missingName;"), tb);
    }

    @Test
    void runtimeExceptionShowsUserFramesFirstAsCellLines() {
        Cell c = k.run("void fail() {\n  throw new IllegalStateException(\"boom\");\n}\n\nfail();");
        assertEquals("error", c.status());
        assertEquals("IllegalStateException", c.error().text("ename"));
        List<String> tb = c.traceback().lines().toList();
        assertEquals("java.lang.IllegalStateException: boom", tb.get(0));
        assertEquals("    in your code:", tb.get(1));
        assertTrue(tb.get(2).matches(" +at fail, cell \\[\\d+], line 2"), tb.get(2));
        assertTrue(tb.get(3).matches(" +at cell \\[\\d+], line 5"), tb.get(3));
        assertFalse(c.traceback().contains("jdk.jshell"), c.traceback());
        assertEquals("ok", k.run("1 + 1").status());
    }

    @Test
    void completionInspectionAndIsComplete() {
        k.run("String word = \"abc\";");
        Msg comp = k.reply(k.send("complete_request", JupyterTestClient.json("{\"code\":\"word.toUpp\",\"cursor_pos\":10}")));
        assertTrue(comp.content().getAsJsonArray("matches").toString().contains("toUpperCase("), comp.content().toString());
        assertEquals(5, comp.content().get("cursor_start").getAsInt());

        Msg insp = k.reply(k.send("inspect_request", JupyterTestClient.json("{\"code\":\"Math.max\",\"cursor_pos\":8,\"detail_level\":0}")));
        assertTrue(insp.content().get("found").getAsBoolean());
        assertTrue(insp.content().getAsJsonObject("data").get("text/plain").getAsString().contains("Math.max(int a, int b)"));

        Msg open = k.reply(k.send("is_complete_request", JupyterTestClient.json("{\"code\":\"for (int i = 0; i < 3; i++) {\"}")));
        assertEquals("incomplete", open.text("status"));
        Msg done = k.reply(k.send("is_complete_request", JupyterTestClient.json("{\"code\":\"int q = 1;\"}")));
        assertEquals("complete", done.text("status"));
    }

    @Test
    void historyListsExecutedCells() {
        k.run("String historyMarker = \"h\";");
        Msg h = k.reply(k.send("history_request", JupyterTestClient.json(
                "{\"output\":false,\"raw\":true,\"hist_access_type\":\"tail\",\"n\":5}")));
        assertEquals("ok", h.text("status"), h.content().toString());
        var entries = h.content().getAsJsonArray("history");
        var last = entries.get(entries.size() - 1).getAsJsonArray();   // [session, line, input], as the console reads it
        assertEquals(3, last.size(), last.toString());
        assertTrue(last.get(1).getAsInt() >= 1, last.toString());
        assertEquals("String historyMarker = \"h\";", last.get(2).getAsString());
    }

    @Test
    void interruptStopsABusyLoopAndKeepsEarlierVariables() {
        k.run("String kept = \"still here\";");
        String id = k.execute("long spins = 0;\nwhile (true) { spins++; }");
        awaitRunning(id);
        Msg ack = k.reply("control", k.send("control", "interrupt_request", new JsonObject(), null), Duration.ofSeconds(30));
        assertEquals("interrupt_reply", ack.type());
        Msg reply = k.reply(id);
        assertEquals("error", reply.text("status"));
        assertEquals("Interrupted", reply.text("ename"));
        k.iopubUntilIdle(id);
        assertEquals("still here", k.run("kept").result());
    }

    @Test
    void interruptEndsASleepingCellCooperatively() {
        String id = k.execute("Thread.sleep(600_000);");
        awaitRunning(id);
        k.reply("control", k.send("control", "interrupt_request", new JsonObject(), null), Duration.ofSeconds(30));
        assertEquals("Interrupted", k.reply(id).text("ename"));
        k.iopubUntilIdle(id);
        assertEquals("ok", k.run("1").status());
    }

    /** The cell is running once the kernel has published its input (it does so just before running it). */
    private void awaitRunning(String id) {
        Msg m;
        do {
            m = k.nextIopub(id, Duration.ofSeconds(60));
        } while (!m.type().equals("execute_input"));
    }

    @Test
    void dl4jIsOnTheClasspathFromTheStart() {
        Cell c = k.run("Nd4j.create(new float[] {1, 2, 3, 4}, new int[] {2, 2}).mmul(Nd4j.eye(2)).sumNumber().intValue()");
        assertEquals("10", c.result(), c::traceback);
    }

    @Test
    void evalReturnsRealObjects() {
        Cell c = k.run("Object o = eval(\"new StringBuilder(\\\"ab\\\")\");\no.getClass().getSimpleName()");
        assertEquals("StringBuilder", c.result(), c::traceback);
        assertNotNull(k.run("getKernelInstance()").result());
    }
}
