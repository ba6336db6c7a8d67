package org.relnet.data.babi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relnet.data.MalformedText;
import org.junit.jupiter.api.io.TempDir;

class BabiReaderTest {

    private static final String SAMPLE = """
            1 Mary moved to the bathroom.
            2 John went to the hallway.
            3 Where is Mary? \tbathroom\t1
            4 Daniel went back to the hallway.
            5 Sandra moved to the garden.
            6 Where is Daniel? \thallway\t4
            1 Sandra travelled to the office.
            2 Where is Sandra? \toffice\t1
            """;

    @Test
    void readsStoriesQuestionsAnswersAndSupport() {
        List<BabiStory> stories = BabiReader.parse("sample.txt", SAMPLE);
        assertEquals(2, stories.size());
        List<QaExample> ex = BabiReader.examples(stories);
        assertEquals(3, ex.size());
        QaExample second = ex.get(1);
        // questions are not part of the story: 4 statements precede question 6
        assertEquals(List.of("Mary moved to the bathroom.", "John went to the hallway.",
                "Daniel went back to the hallway.", "Sandra moved to the garden."), second.facts());
        assertEquals("Where is Daniel?", second.question());
        assertEquals("hallway", second.answer());
        assertEquals(List.of(2), second.supportIndices());
        assertEquals("sample.txt:7", stories.get(1).source());
        assertTrue(second.describe().contains(" *  4 Daniel went back to the hallway."), second.describe());
    }

    @Test
    void generatedFileRoundTripsExactly(@TempDir Path dir) throws Exception {
        BabiTask1Generator.writeTask1(dir, 7, 100, 20);
        Path train = dir.resolve(BabiTask1Generator.TRAIN_FILE);
        List<BabiStory> expected = new BabiTask1Generator(7).stories(100);
        List<BabiStory> read = BabiReader.read(train);
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < read.size(); i++) assertTrue(expected.get(i).sameLines(read.get(i)), "story " + i);
        // written -> read -> written is byte-identical, and the layout is bAbI's (space, tab before the answer)
        String text = Files.readString(train);
        assertEquals(text, BabiWriter.format(read));
        assertTrue(text.lines().filter(l -> l.contains("\t")).allMatch(l -> l.matches("\\d+ Where is \\w+\\? \\t\\w+\\t\\d+")));
        assertEquals(100, BabiReader.examples(read).size());
        assertEquals(20, BabiReader.readExamples(dir.resolve(BabiTask1Generator.TEST_FILE)).size());
    }

    @Test
    void generatorIsSeededAndSizedLikeTheRealSets() {
        List<BabiStory> a = new BabiTask1Generator(3).stories(BabiTask1Generator.Size.EN.trainQuestions);
        List<BabiStory> b = new BabiTask1Generator(3).stories(1_000);
        assertEquals(BabiWriter.format(a), BabiWriter.format(b));
        assertEquals(200, a.size());
        assertTrue(a.stream().allMatch(s -> s.lines().size() == 15));
        assertTrue(!BabiWriter.format(a).equals(BabiWriter.format(new BabiTask1Generator(4).stories(1_000))));
    }

    /** The supporting fact must be the actor's last move, and it must name the answer. */
    @Test
    void supportPointsAtTheActorsLastLocation() {
        for (QaExample e : BabiReader.examples(new BabiTask1Generator(11).stories(500))) {
            String actor = e.question().replace("Where is ", "").replace("?", "");
            int last = -1;
            for (int i = 0; i < e.facts().size(); i++) if (e.facts().get(i).startsWith(actor + " ")) last = i;
            assertEquals(List.of(last), e.supportIndices(), e.describe());
            assertTrue(e.facts().get(last).endsWith(" the " + e.answer() + "."), e.describe());
        }
    }

    private static TextFormatException malformed(String content) {
        return MalformedText.malformed(BabiReader::parse, content);
    }

    @Test
    void badIdNamesFileAndLine() {
        TextFormatException e = malformed("1 Mary moved to the bathroom.\nx John went to the hallway.\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("bad.txt:2: line id 'x' is not a number"), e.getMessage());
        assertTrue(malformed("1 Mary moved.\n3 John went.\n").getMessage()
                .startsWith("bad.txt:2: id 3 does not follow id 1"));
        assertTrue(malformed("2 Mary moved.\n").getMessage().startsWith("bad.txt:1: the first line must have id 1"));
        assertTrue(malformed("1 Mary moved.\n\n2 John went.\n").getMessage().startsWith("bad.txt:2: empty line"));
    }

    @Test
    void missingTabNamesFileAndLine() {
        TextFormatException e = malformed("1 Mary moved to the bathroom.\n2 Where is Mary? \tbathroom 1\n");
        assertTrue(e.getMessage().startsWith("bad.txt:2: a question line needs 3 tab-separated fields"), e.getMessage());
        assertTrue(malformed("1 Mary moved.\n2 Where is Mary? \t\t1\n").getMessage()
                .startsWith("bad.txt:2: question 2 has no answer"));
    }

    @Test
    void nonNumericSupportNamesFileAndLine() {
        TextFormatException e = malformed("1 Mary moved to the bathroom.\n2 Where is Mary? \tbathroom\tone\n");
        assertEquals("bad.txt:2: supporting fact id 'one' is not a number", e.getMessage());
    }

    @Test
    void supportPointingForwardOrAtAQuestionIsRejected() {
        String forward = "1 Mary moved to the bathroom.\n2 Where is Mary? \tbathroom\t3\n3 John went to the office.\n";
        assertTrue(malformed(forward).getMessage().startsWith("bad.txt:2: supporting fact id 3 points forward"));
        String atQuestion = "1 Mary moved.\n2 Where is Mary? \tbathroom\t1\n3 Where is Mary? \tbathroom\t2\n";
        assertTrue(malformed(atQuestion).getMessage().startsWith("bad.txt:3: supporting fact id 2 is not a statement"));
    }

    @Test
    void vocabularyIsSortedWithPaddingAndUnknownFirst() {
        List<QaExample> ex = BabiReader.examples(BabiReader.parse("s.txt", SAMPLE));
        Vocabulary words = Vocabulary.forWords(ex);
        assertEquals(0, words.id(Vocabulary.PAD));
        assertEquals(1, words.id("zebra"));
        assertEquals("back", words.word(2));
        List<QaExample> reversed = new java.util.ArrayList<>(ex);
        java.util.Collections.reverse(reversed);
        assertEquals(Vocabulary.forWords(reversed).words(), words.words());
        Vocabulary answers = Vocabulary.forAnswers(ex);
        assertEquals(List.of("bathroom", "hallway", "office"), answers.words());
        assertThrows(IllegalArgumentException.class, () -> answers.id("kitchen"));
        assertEquals(List.of("where", "is", "mary"), Tokenizer.tokens("Where is Mary? "));
    }
}
