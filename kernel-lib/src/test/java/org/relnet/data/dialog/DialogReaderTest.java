package org.relnet.data.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relnet.data.MalformedText.assertRejectedAt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relnet.data.babi.QaExample;

class DialogReaderTest {

    private static final String SAMPLE = String.join("\n",
            "1 Sandra went back to the bathroom.\t\t0",
            "2 Mary moved to the garden.\t\t0",
            "3 Where is Mary?\tgarden\t0",
            "4 That's correct.\t\t1",
            "5 Mary went back to the hallway.\t\t0",
            "6 Where is Sandra?\tkitchen\t0",
            "7 No, that's wrong.\t\t0",
            "1 John moved to the office.\t\t0",
            "2 Where is John?\toffice\t0",
            "3 Yes!\t\t1", "");

    @Test
    void turnsKeepFeedbackOutOfTheStory() {
        List<DialogEpisode> episodes = DialogReader.parse("d.txt", SAMPLE);
        assertEquals(2, episodes.size());
        List<DialogEpisode.Turn> turns = episodes.get(0).turns();
        assertEquals(2, turns.size());
        assertEquals("That's correct.", turns.get(0).feedback());
        assertEquals(1, turns.get(0).reward());
        QaExample second = turns.get(1).example();
        assertEquals(List.of("Sandra went back to the bathroom.", "Mary moved to the garden.",
                "Mary went back to the hallway."), second.facts());
        assertEquals(List.of(1, 2, 5), second.factIds());
        assertEquals("kitchen", second.answer());
        assertEquals(0, turns.get(1).reward());
        assertEquals(3, DialogReader.examples(episodes).size());
    }

    @Test
    void generatedTask1RoundTripsAndAnswersAreRight(@TempDir Path dir) throws Exception {
        DialogTask1Generator.writeTask1(dir, 5, 60, 12);
        Path train = dir.resolve(DialogTask1Generator.TRAIN_FILE);
        List<DialogEpisode> expected = new DialogTask1Generator(5).episodes(60);
        List<DialogEpisode> read = DialogReader.read(train);
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < read.size(); i++) assertEquals(expected.get(i).lines(), read.get(i).lines());
        assertEquals(Files.readString(train), DialogWriter.format(read));
        for (DialogEpisode e : read) {
            for (DialogEpisode.Turn t : e.turns()) {
                assertEquals(1, t.reward());
                // the expert's answer is the asked actor's last location in the story
                String actor = t.example().question().replace("Where is ", "").replace("?", "");
                String last = null;
                for (String f : t.example().facts()) if (f.startsWith(actor + " ")) last = f;
                assertTrue(last.endsWith(" the " + t.example().answer() + "."), t.toString());
            }
        }
        assertEquals(12, DialogReader.readExamples(dir.resolve(DialogTask1Generator.TEST_FILE)).size());
    }

    @Test
    void malformedLinesNameFileAndLine() {
        BiConsumer<String, String> parse = DialogReader::parse;
        assertRejectedAt(parse, "1 Mary moved to the garden.\t\t0\n2 Where is Mary?\tgarden\t0\tgarden\tx\n", 2,
                "a dialog line has at most 4 tab-separated fields");
        assertEquals("bad.txt:1: reward 'yes' is not a number (expected 0 or 1)",
                assertRejectedAt(parse, "1 Mary moved to the garden.\t\tyes\n", 1, "reward").getMessage());
        assertRejectedAt(parse, "1 Mary moved.\n2 Where is Mary?\tgarden\n3 Yes!\t\t2\n", 3, "reward must be 0 or 1");
        assertRejectedAt(parse, "1 Mary moved.\t\t0\n1x Where is Mary?\tgarden\t0\n", 2, "line id '1x' is not a number");
        assertRejectedAt(parse, "1 \tgarden\t0\n", 1, "line 1 has no text");
        assertNull(DialogReader.parse("d.txt", "1 Mary moved.\t\t0\n").get(0).lines().get(0).answer());
    }

    /**
     * Optional columns, as files derived from the dbll data have them: statements without tabs, a
     * question without a reward column, "1.0" for a reward, a 4th column of answer candidates. The
     * reward is the feedback line's (where the public ParlAI loader reads it), not the question's.
     */
    @Test
    void optionalColumnsAreAccepted() {
        String text = String.join("\n",
                "1 Mary moved to the garden.",
                "2 Where is Mary?\tgarden",
                "3 Yes, that's right!\t\t1.0",
                "4 John went to the office.\t",
                "5 Where is John?\toffice\t\tgarden|office|kitchen",
                "6 That's correct.\t\t1", "");
        List<DialogEpisode.Turn> turns = DialogReader.parse("d.txt", text).get(0).turns();
        assertEquals(2, turns.size());
        assertEquals("Yes, that's right!", turns.get(0).feedback());
        assertEquals(1, turns.get(0).reward());
        assertEquals(List.of("Mary moved to the garden.", "John went to the office."), turns.get(1).example().facts());
        assertEquals("office", turns.get(1).example().answer());
        assertEquals(1, turns.get(1).reward());
    }
}
