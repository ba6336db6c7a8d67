package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relnet.display.DisplaySink;
import org.relnet.display.MimeBundle;
import org.relnet.display.Notebook;

class LiveDisplayTest {
    private final Toy data = new Toy(64, 1);

    /** Records what a notebook front end would receive. */
    private static final class FakeSink implements DisplaySink {
        final List<MimeBundle> displayed = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        final List<MimeBundle> updates = new ArrayList<>();

        @Override
        public String display(MimeBundle bundle) {
            displayed.add(bundle);
            return "out-" + displayed.size();
        }

        @Override
        public void update(String displayId, MimeBundle bundle) {
            updatedIds.add(displayId);
            updates.add(bundle);
        }
    }

    @AfterEach
    void detach() {
        Notebook.uninstall();
    }

    private TrainResult train(Duration interval, int steps) {
        TrainConfig cfg = TrainConfig.builder().name("toy").adam().lr(0.01).steps(steps).evalEvery(4).seed(1)
                .progressInterval(interval).build();
        return new Trainer(cfg).fit(Toy.mlp(1), new ShuffledBatches(data.x, data.y, 16, 1), EvalSet.of("test", data.x, data.y));
    }

    @Test
    void oneOutputUpdatedInPlaceWithBarAndCurves() {
        FakeSink sink = new FakeSink();
        Notebook.install(sink);
        train(Duration.ZERO, 8);   // no throttling: an update after every step, then the final one
        assertEquals(1, sink.displayed.size(), "exactly one output is created");
        assertEquals(9, sink.updates.size());
        assertTrue(sink.updatedIds.stream().allMatch("out-1"::equals), sink.updatedIds.toString());
        MimeBundle last = sink.updates.get(sink.updates.size() - 1);
        assertTrue(last.get(MimeBundle.PLAIN).contains("step 8/8 (100%)"), last.get(MimeBundle.PLAIN));
        assertTrue(last.get(MimeBundle.PLAIN).contains("COMPLETED"), last.get(MimeBundle.PLAIN));
        assertTrue(last.get(MimeBundle.HTML).contains("width:100.0%"), "progress bar full");
        assertTrue(last.get(MimeBundle.HTML).contains("data:image/png;base64,"), "curves embedded in the HTML");
        assertNotNull(last.get(MimeBundle.PNG), "curves also as image/png");
        assertTrue(sink.displayed.get(0).get(MimeBundle.PLAIN).contains("step 0/8"));
    }

    @Test
    void refreshesAreThrottledByTime() {
        FakeSink sink = new FakeSink();
        Notebook.install(sink);
        train(Duration.ofHours(1), 8);   // the interval never elapses: only the final update is sent
        assertEquals(1, sink.displayed.size());
        assertEquals(1, sink.updates.size());
    }

    @Test
    void plainTextWithoutANotebook() {
        Notebook.uninstall();
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        Progress p = new Progress.Text(TrainConfig.builder().name("toy").progressInterval(Duration.ofHours(1)).build(),
                new java.io.PrintStream(buf, true));
        History h = new History("toy");
        p.start(0, 100, h);
        for (int s = 1; s <= 100; s++) p.step(s, 0.5, h, false);
        p.finish(100, h, new TrainResult(TrainResult.Status.COMPLETED, "done", 100, h, null));
        String[] lines = buf.toString().split("\n");
        assertEquals(3, lines.length, buf.toString());   // start, final status line, result
        assertTrue(lines[1].contains("step 100/100 (100%)") && lines[1].contains("loss 0.5000"), lines[1]);
    }
}
