package org.relnet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.relnet.data.babi.BabiTask1Generator;
import org.relnet.data.babi.QaExample;
import org.relnet.data.dialog.DialogTask1Generator;

class TextQaDataTest {

    @TempDir
    Path root;

    @Test
    void generatesWhenNoRealFilesAndSaysSo() {
        TextQaData babi = TextQaData.babi().root(root).quiet().load();
        assertEquals(TextQaData.Source.GENERATED, babi.source());
        assertEquals(1000, babi.train().size());
        assertEquals(1000, babi.test().size());
        assertTrue(Files.isRegularFile(root.resolve("generated/babi/en/qa1_single-supporting-fact_train.txt")));
        assertTrue(babi.summary().contains("GENERATED"), babi.summary());
        assertEquals(List.of("bathroom", "bedroom", "garden", "hallway", "kitchen", "office"), babi.answers().words());

        TextQaData dialog = TextQaData.dialog().root(root).quiet().load();
        assertEquals(TextQaData.Source.GENERATED, dialog.source());
        assertEquals(1200, dialog.train().size());
    }

    @Test
    void prefersRealFilesWhereTheREADMEPutsThem() throws Exception {
        BabiTask1Generator.writeTask1(root.resolve("babi/tasks_1-20_v1-2/en"), 99, 30, 10);
        TextQaData babi = TextQaData.babi().root(root).quiet().load();
        assertEquals(TextQaData.Source.REAL, babi.source());
        assertEquals(30, babi.train().size());
        assertTrue(babi.trainFile().endsWith("babi/tasks_1-20_v1-2/en/qa1_single-supporting-fact_train.txt"));

        DialogTask1Generator.writeTask1(root.resolve("dialog-babi/dbll/babi"), 99, 24, 12);
        TextQaData dialog = TextQaData.dialog().root(root).quiet().load();
        assertEquals(TextQaData.Source.REAL, dialog.source());
        assertEquals(12, dialog.test().size());
    }

    /** Slot s holds the fact s sentences before the question; only the 20 most recent are kept. */
    @Test
    void relationNetworkFormKeepsTheMostRecentSentencesNewestFirst() {
        TextQaData data = TextQaData.babi().root(root).generatedOnly().generatedSize(200, 10).quiet().load();
        List<String> facts = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            facts.add((i % 2 == 0 ? "Mary" : "John") + " went to the " + (i == 24 ? "kitchen" : "garden") + ".");
            ids.add(i + 1);
        }
        QaExample longStory = new QaExample(facts, ids, "Where is Mary?", "kitchen", List.of(24), "test");
        TextQaEncoder enc = new TextQaEncoder(data.words(), data.answers(), TextQaEncoder.RN_SENTENCES, 6, 4);
        MultiDataSet ds = enc.encode(List.of(longStory));
        INDArray story = ds.getFeatures(0);
        assertEquals(List.of(1L, 20L, 6L), List.of(story.shape()[0], story.shape()[1], story.shape()[2]));
        assertEquals(data.words().id("kitchen"), story.getInt(0, 0, 4));   // newest fact in slot 0
        assertEquals(data.words().id("john"), story.getInt(0, 1, 0));
        assertEquals(0, ds.getFeatures(1).getDouble(0, 0, 5), 0);          // 5 words: the 6th is padding
        assertEquals(19, ds.getFeatures(2).getInt(0, 19));                  // relative position tag
        assertEquals(1, ds.getLabels(0).getDouble(0, data.answers().id("kitchen")), 0);
    }

    /**
     * The training iterator is a SeekableIterator: batch k of epoch e is the same whether reached by
     * plain iteration with reset() between epochs or by seek(e, k), as the Trainer does on resume.
     */
    @Test
    void encoderIteratorIsSeekable() {
        TextQaData data = TextQaData.babi().root(root).generatedOnly().generatedSize(40, 10).quiet().load();
        TextQaEncoder enc = TextQaEncoder.forMemoryNetwork(data);
        org.relnet.train.SeekableIterator it = enc.iterator(data.train(), 8, 5);
        List<MultiDataSet> epoch0 = new ArrayList<>();
        while (it.hasNext()) epoch0.add(it.next());
        it.reset();
        List<MultiDataSet> epoch1 = new ArrayList<>();
        while (it.hasNext()) epoch1.add(it.next());
        assertEquals(5, epoch1.size());
        org.relnet.train.SeekableIterator fresh = enc.iterator(data.train(), 8, 5);
        fresh.seek(1, 2);
        assertSameBatch(epoch1.get(2), fresh.next());
        fresh.seek(0, 4);
        assertSameBatch(epoch0.get(4), fresh.next());
        // epochs really are shuffled differently, so the checks above can tell them apart
        boolean differ = false;
        for (int k = 0; k < 5; k++) differ |= !epoch0.get(k).getFeatures(0).equals(epoch1.get(k).getFeatures(0));
        assertTrue(differ);
    }

    private static void assertSameBatch(MultiDataSet expected, MultiDataSet actual) {
        for (int i = 0; i < expected.getFeatures().length; i++) assertEquals(expected.getFeatures(i), actual.getFeatures(i));
        assertEquals(expected.getLabels(0), actual.getLabels(0));
        assertEquals(expected.getFeaturesMaskArray(0), actual.getFeaturesMaskArray(0));
    }
}
