package org.relnet.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.relnet.data.babi.QaExample;
import org.relnet.train.EvalPoint;
import org.relnet.train.EvalResult;
import org.relnet.train.EvalSet;
import org.relnet.train.TrainConfig;
import org.relnet.train.TrainListener;
import org.relnet.train.TrainResult;

class TextQaRunsTest {

    @TempDir
    Path root;

    private TextQaData data(int train, int test) {
        return GeneratedTask1.load(root, train, test);
    }

    /**
     * The RN reads sentences with DL4J LSTMs masked by the feature masks: evaluation must use them,
     * both from an iterator and from in-memory data, or padded words change the loss.
     */
    @Test
    void evalSetsApplyFeatureMasksSoPaddingDoesNotChangeTheResult() {
        TextQaData data = data(50, 40);
        TextQaEncoder tight = TextQaEncoder.forRelationNetwork(data);
        TextQaEncoder padded = tight.withSizes(tight.maxSentences(), tight.maxWords() + 4, tight.maxQuestionWords() + 3);
        ComputationGraph a = RnTextModel.of(tight).seed(3).build();
        ComputationGraph b = RnTextModel.of(padded).seed(3).build();
        List<QaExample> examples = data.test();

        EvalResult reference = TextQaRuns.evalSet("test", tight, examples).evaluate(a);
        EvalResult streamed = TextQaRuns.evalSet("test", padded, examples).evaluate(b);
        MultiDataSet encoded = padded.encode(examples);
        EvalResult inMemory = TextQaRuns.evalSet("test", padded, examples).evaluate(b);
        for (EvalResult r : List.of(streamed, inMemory)) {
            assertEquals(reference.loss(), r.loss(), 1e-5);
            assertEquals(reference.correct(), r.correct());
        }
        // the same padded arrays without their masks do change the loss: the check above can fail
        EvalResult unmasked = EvalSet.builder("test").data(encoded.getFeatures(), encoded.getLabels()).build().evaluate(b);
        assertTrue(Math.abs(unmasked.loss() - reference.loss()) > 1e-3,
                "masked loss " + reference.loss() + " vs unmasked " + unmasked.loss());
    }

    @Test
    void memN2NLearnsGeneratedTask1WithTheTrainer() {
        TextQaData data = data(1000, 200);
        TextQaEncoder enc = TextQaEncoder.forMemoryNetwork(data);
        ComputationGraph net = MemN2N.builder(enc).seed(7).build();
        // 15 epochs of 32 at most; stop once the curve is clearly above the bar
        TrainConfig cfg = TrainConfig.builder().name("MemN2N task 1").adam().lr(0.01).steps(15 * 32).evalEvery(32)
                .seed(7).progress(false).build();
        TrainListener enough = p -> p.accuracy("test") >= 0.97 ? TrainListener.Decision.STOP : TrainListener.Decision.CONTINUE;
        TrainResult r = TextQaRuns.train(net, enc, data, cfg, 32, enough);
        for (EvalPoint p : r.evaluations()) System.out.println("MemN2N/Trainer " + p);
        EvalPoint last = r.evaluations().get(r.evaluations().size() - 1);
        assertTrue(last.accuracy("test") >= 0.95, "test accuracy " + last.accuracy("test") + " after " + r.steps() + " steps");
        // the trainer's figure is the predictor's figure (same masks, same model)
        assertEquals(new QaPredictor(net, enc).accuracy(data.test()), last.accuracy("test"), 1e-9);
    }
}
