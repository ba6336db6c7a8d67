package org.relnet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.relnet.data.babi.QaExample;

class RnTextModelTest {

    @TempDir
    Path root;

    private TextQaData data(int train, int test) {
        return GeneratedTask1.load(root, train, test);
    }

    @Test
    void paddingWordsDoesNotChangePredictions() {
        TextQaData data = data(50, 10);
        TextQaEncoder tight = TextQaEncoder.forRelationNetwork(data);
        TextQaEncoder padded = tight.withSizes(tight.maxSentences(), tight.maxWords() + 4, tight.maxQuestionWords() + 3);
        ComputationGraph a = RnTextModel.of(tight).seed(3).build();
        ComputationGraph b = RnTextModel.of(padded).seed(3).build();
        assertEquals(a.params(), b.params()); // same seed, and parameter shapes do not depend on padded lengths
        List<QaExample> examples = data.test();
        INDArray pa = new QaPredictor(a, tight).probabilities(examples);
        INDArray pb = new QaPredictor(b, padded).probabilities(examples);
        assertEquals(0, pa.sub(pb).amaxNumber().doubleValue(), 1e-6);
        assertTrue(pa.getRow(0).sub(pa.getRow(1)).amaxNumber().doubleValue() > 1e-6
                || pa.getRow(0).sub(pa.getRow(2)).amaxNumber().doubleValue() > 1e-6);
    }

    /**
     * Gradients reach every part (word LSTMs, position tags, RN, head): the model memorises a small
     * batch. (Reaching 95 % test accuracy on task 1 takes far longer than a unit test may run.)
     */
    @Test
    void fitsASmallBatch() {
        TextQaData data = data(64, 10);
        TextQaEncoder enc = TextQaEncoder.forRelationNetwork(data);
        ComputationGraph net = RnTextModel.of(enc).seed(7).dropout(0, 0).updater(new Adam(3e-3)).build();
        org.nd4j.linalg.dataset.api.MultiDataSet batch = enc.encode(data.train().subList(0, 32));
        double first = net.score(batch, false);
        for (int step = 0; step < 100; step++) net.fit(batch);
        double last = net.score(batch, false);
        System.out.printf("RN small-batch loss %.4f -> %.4f%n", first, last);
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }
}
