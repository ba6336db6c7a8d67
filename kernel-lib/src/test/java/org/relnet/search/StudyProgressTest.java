package org.relnet.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relnet.display.DisplaySink;
import org.relnet.display.MimeBundle;
import org.relnet.display.Notebook;

class StudyProgressTest {
    @TempDir Path tmp;

    @AfterEach
    void detach() {
        Notebook.uninstall();
    }

    @Test
    void inANotebookOneOutputIsUpdatedInPlaceUntilTheSummary() {
        List<String> shown = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Notebook.install(new DisplaySink() {
            @Override public String display(MimeBundle bundle) {
                shown.add(bundle.get(MimeBundle.PLAIN));
                ids.add("new");
                return "progress-1";
            }

            @Override public void update(String displayId, MimeBundle bundle) {
                shown.add(bundle.get(MimeBundle.PLAIN));
                ids.add(displayId);
            }
        });
        StudyResults r = Study.builder().space(Synthetic.LR_SPACE).strategy(new RandomSearch(3, 1)).objective(Synthetic.curve())
                .dir(tmp.resolve("p")).build().run();
        assertEquals("new", ids.get(0));
        assertTrue(ids.subList(1, ids.size()).stream().allMatch("progress-1"::equals), ids.toString());
        assertTrue(shown.get(0).startsWith("trial 1/3 COMPLETED"), shown.get(0));
        String last = shown.get(shown.size() - 1);
        assertTrue(last.startsWith("done: 3/3 trials") && last.contains(Config.format(r.best().orElseThrow().metric("accuracy"))), last);
    }
}
