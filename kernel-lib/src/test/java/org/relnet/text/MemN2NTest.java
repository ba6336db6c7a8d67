package org.relnet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.relnet.data.babi.QaExample;

class MemN2NTest {

    @TempDir
    Path root;

    private TextQaData data(int train, int test) {
        return GeneratedTask1.load(root, train, test);
    }

    @Test
    void paddingSentencesAndStoriesDoesNotChangePredictions() {
        TextQaData data = data(50, 10);
        TextQaEncoder tight = TextQaEncoder.forMemoryNetwork(data);
        TextQaEncoder padded = tight.withSizes(tight.maxSentences() + 7, tight.maxWords() + 4, tight.maxQuestionWords() + 3);
        ComputationGraph net = MemN2N.builder(padded).seed(3).build();
        List<QaExample> examples = data.test();
        INDArray a = new QaPredictor(net, tight).probabilities(examples);
        INDArray b = new QaPredictor(net, padded).probabilities(examples);
        assertEquals(0, a.sub(b).amaxNumber().doubleValue(), 1e-6);
        // the check can fail: the same padded arrays with the padding marked real give other answers
        org.nd4j.linalg.dataset.api.MultiDataSet ds = padded.encode(examples);
        INDArray[] unmasked = ds.getFeatures().clone();
        unmasked[1] = Nd4j.onesLike(unmasked[1]);
        unmasked[4] = Nd4j.onesLike(unmasked[4]);
        INDArray c = net.output(false, unmasked, ds.getFeaturesMaskArrays())[0];
        assertTrue(c.sub(b).amaxNumber().doubleValue() > 1e-4, "padding marked real must change the output");
        // the configuration survives JSON (checkpoints): same predictions from a restored copy
        ComputationGraph restored = new ComputationGraph(org.deeplearning4j.nn.conf.ComputationGraphConfiguration
                .fromJson(net.getConfiguration().toJson()));
        restored.init(net.params().dup(), false);
        assertEquals(0, new QaPredictor(restored, padded).probabilities(examples).sub(b).amaxNumber().doubleValue(), 1e-6);
        // and the model is not trivially constant: different questions get different outputs
        assertTrue(a.getRow(0).sub(a.getRow(1)).amaxNumber().doubleValue() > 1e-6
                || a.getRow(0).sub(a.getRow(2)).amaxNumber().doubleValue() > 1e-6);
    }

    /** The hand-written backward pass against central finite differences of the loss. */
    @Test
    void gradientsMatchFiniteDifferences() {
        TextQaData data = data(40, 10);
        TextQaEncoder enc = TextQaEncoder.forMemoryNetwork(data);
        ComputationGraph net = MemN2N.builder(enc).seed(5).clipNorm(0).initStd(0.3).build();
        org.nd4j.linalg.dataset.api.MultiDataSet ds = enc.encode(data.train().subList(0, 16));
        net.setInputs(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        INDArray params = net.params();
        // DL4J's backprop sums over the minibatch (its updater divides later); the score is the mean
        INDArray analytic = net.getGradientsViewArray().div(16);
        java.util.Random random = new java.util.Random(1);
        int checked = 0;
        for (int t = 0; t < 200 && checked < 25; t++) {
            int i = random.nextInt((int) params.length());
            if (Math.abs(analytic.getDouble(i)) < 1e-4) continue; // tiny gradients drown in float rounding
            double original = params.getDouble(i);
            double eps = 1e-2;
            params.putScalar(i, original + eps);
            double up = net.score(ds, true);
            params.putScalar(i, original - eps);
            double down = net.score(ds, true);
            params.putScalar(i, original);
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, analytic.getDouble(i), 0.03 * Math.abs(numeric) + 3e-5, "parameter " + i);
            checked++;
        }
        assertTrue(checked >= 10, "only " + checked + " parameters checked");
    }

    /** W^T = C^K by default: no separate answer matrix; the untied variant keeps its output layer. */
    @Test
    void answerMatrixIsTiedToTheLastOutputEmbedding() {
        TextQaData data = data(40, 10);
        TextQaEncoder enc = TextQaEncoder.forMemoryNetwork(data);
        ComputationGraph tied = MemN2N.builder(enc).seed(5).build();
        ComputationGraph untied = MemN2N.builder(enc).seed(5).tieAnswer(false).build();
        int answers = enc.answers().size();
        long answerLayer = (long) 20 * answers + answers;
        assertEquals(untied.numParams() - answerLayer + 2L * answers, tied.numParams()); // W gone; gain + bias stay
        assertEquals(0, tied.getLayer("answer").numParams());
        // the logit of answer c is u . E_3[word(c)]: with those rows zeroed every logit is 0, so the softmax is uniform
        INDArray before = new QaPredictor(tied, enc).probabilities(data.test());
        assertTrue(before.sub(1.0 / enc.answers().size()).amaxNumber().doubleValue() > 1e-3);
        INDArray e3 = tied.getVertex("memn2n").paramTable(false).get("E3");
        for (int c = 0; c < enc.answers().size(); c++) e3.getRow(enc.words().id(enc.answers().word(c))).assign(0);
        INDArray after = new QaPredictor(tied, enc).probabilities(data.test());
        assertEquals(0, after.sub(1.0 / enc.answers().size()).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void learnsGeneratedTask1() {
        TextQaData data = data(1000, 200);
        TextQaEncoder enc = TextQaEncoder.forMemoryNetwork(data);
        ComputationGraph net = MemN2N.builder(enc).seed(7).updater(new Adam(0.01)).build();
        QaPredictor predictor = new QaPredictor(net, enc);
        MultiDataSetIterator it = enc.iterator(data.train(), 32, 7);
        long start = System.nanoTime();
        double acc = 0;
        for (int epoch = 1; epoch <= 15 && acc < 0.96; epoch++) {
            net.fit(it);
            acc = predictor.accuracy(data.test());
            System.out.printf("MemN2N epoch %d test accuracy %.3f (%.1fs)%n", epoch, acc, (System.nanoTime() - start) / 1e9);
        }
        assertTrue(acc >= 0.95, "test accuracy " + acc);
    }

    @Test
    void paperTrainingIsSukhbaatarsSchedule() {
        int perEpoch = 32;   // e.g. 1,000 questions in batches of 32
        org.relnet.train.TrainConfig c = MemN2N.paperTraining(perEpoch).build();
        assertEquals(org.relnet.train.Optimizer.SGD, c.optimizer());
        assertEquals(100 * perEpoch, c.steps());
        assertEquals(40, c.clipNorm(), 0);
        // lr 0.01, halved every 25 epochs: 0.01 for epochs 0-24, 0.005 for 25-49, ..., 0.00125 at the end
        assertEquals(0.01, c.schedule().valueAt(0), 1e-12);
        assertEquals(0.01, c.schedule().valueAt(25L * perEpoch - 1), 1e-12);
        assertEquals(0.005, c.schedule().valueAt(25L * perEpoch), 1e-12);
        assertEquals(0.00125, c.schedule().valueAt(100L * perEpoch - 1), 1e-12);
    }
}
