package org.relnet.text;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.relnet.data.babi.QaExample;
import org.relnet.train.EvalSet;
import org.relnet.train.TrainConfig;
import org.relnet.train.TrainListener;
import org.relnet.train.TrainResult;
import org.relnet.train.Trainer;

/**
 * Trains a text QA model with the shared {@link Trainer}, measured on a train subset and the test
 * set, so a notebook needs only:
 * <pre>{@code
 * TextQaData data = TextQaData.babi().load();
 * TextQaEncoder enc = TextQaEncoder.forMemoryNetwork(data);
 * ComputationGraph net = MemN2N.builder(enc).build();
 * TrainResult r = TextQaRuns.train(net, enc, data, TrainConfig.builder().adam().lr(0.01).steps(600).build(), 32);
 * }</pre>
 * Batches come from {@link TextQaEncoder#iterator}, which carries DL4J feature masks; the eval sets
 * stream the same encoding, so padding is masked in training and evaluation alike.
 */
public final class TextQaRuns {
    /** Train accuracy is measured on at most this many examples: a curve, not the whole set, each time. */
    public static final int TRAIN_EVAL_EXAMPLES = 1000;
    private static final int EVAL_BATCH = 256;

    private TextQaRuns() {}

    /** An eval set over {@code examples}, encoded in file order batch by batch (masks included). */
    public static EvalSet evalSet(String name, TextQaEncoder encoder, List<QaExample> examples) {
        return EvalSet.builder(name).iterator(encoder.iterator(examples, EVAL_BATCH, -1), examples.size()).build();
    }

    /**
     * Fits {@code net} on {@code data.train()} in mini-batches of {@code batchSize}, shuffled with the
     * config's seed, evaluating "train" (the first {@value #TRAIN_EVAL_EXAMPLES} training examples)
     * and "test" every {@code config.evalEvery()} steps.
     */
    public static TrainResult train(ComputationGraph net, TextQaEncoder encoder, TextQaData data, TrainConfig config,
                                    int batchSize, TrainListener... listeners) {
        List<QaExample> train = data.train();
        Trainer trainer = new Trainer(config);
        for (TrainListener l : listeners) trainer.addListener(l);
        return trainer.fit(net, encoder.iterator(train, batchSize, config.seed()),
                evalSet("train", encoder, train.subList(0, Math.min(train.size(), TRAIN_EVAL_EXAMPLES))),
                evalSet("test", encoder, data.test()));
    }
}
