package org.relnet.text;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.relnet.data.babi.QaExample;

/** Answers questions with a trained text model: predicted words and plain accuracy. */
public final class QaPredictor {
    private static final int BATCH = 256;
    private final ComputationGraph net;
    private final TextQaEncoder encoder;

    public QaPredictor(ComputationGraph net, TextQaEncoder encoder) {
        this.net = net;
        this.encoder = encoder;
    }

    /** Answer probabilities [n, answers] in test mode (no dropout). */
    public INDArray probabilities(List<QaExample> examples) {
        MultiDataSet ds = encoder.encode(examples);
        return net.output(false, ds.getFeatures(), ds.getFeaturesMaskArrays())[0];
    }

    public List<String> answers(List<QaExample> examples) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += BATCH) {
            INDArray p = probabilities(examples.subList(from, Math.min(examples.size(), from + BATCH)));
            INDArray best = p.argMax(1);
            for (int i = 0; i < best.length(); i++) out.add(encoder.answers().word(best.getInt(i)));
        }
        return out;
    }

    public String answer(QaExample example) { return answers(List.of(example)).get(0); }

    /** Fraction of questions answered right. */
    public double accuracy(List<QaExample> examples) {
        List<String> predicted = answers(examples);
        int right = 0;
        for (int i = 0; i < predicted.size(); i++) if (predicted.get(i).equals(examples.get(i).answer())) right++;
        return right / (double) examples.size();
    }
}
