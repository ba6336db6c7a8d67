package org.relnet.text;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.relnet.rn.ModelBuilder;
import org.relnet.rn.RelationModule;

/**
 * The RN study's text model for bAbI / Dialog-based LL: a shared word LSTM (32) turns each of the
 * (up to 20) most recent sentences into an object, tagged with its relative position; a separate
 * question LSTM (32) gives q; the RN block sums g_theta(o_i, o_j, q) with g = 4 x 64 ReLU; f_phi is
 * 64, 128 ReLU with 50 % dropout, then a softmax over the answers; Adam.
 * <pre>{@code
 * TextQaEncoder enc = TextQaEncoder.forRelationNetwork(data);
 * ComputationGraph net = RnTextModel.of(enc).updater(new Adam(2e-3)).build();
 * }</pre>
 * <p>Weight sharing across sentences: the story [n, S, W] is reshaped to S*n sentences of W words
 * inside the graph, so ONE DL4J LSTM (masked with the story mask, last real step taken) encodes them
 * all; the result is reshaped back to n examples of S objects. The position tag is a learned
 * embedding of the slot index (slot 0 = the sentence right before the question).
 */
public final class RnTextModel extends ModelBuilder<RnTextModel> {
    public static final int LSTM_UNITS = 32;

    private final TextQaEncoder encoder;
    private int embedding = 32;
    private int tag = 8;
    private int[] g = {64, 64, 64, 64};

    private RnTextModel(TextQaEncoder encoder) {
        super(new int[] {64, 128});
        this.encoder = encoder;
        answers(encoder.answers().size());
        question(LSTM_UNITS);
    }

    public static RnTextModel of(TextQaEncoder encoder) { return new RnTextModel(encoder); }

    /** Word embedding width feeding both LSTMs (the paper does not give it; 32 here). */
    public RnTextModel embedding(int width) { this.embedding = width; return this; }

    /** Width of the relative-position tag appended to each object. */
    public RnTextModel tag(int width) { this.tag = width; return this; }

    public RnTextModel g(int... widths) { this.g = widths.clone(); return this; }

    /** The RN block this model uses. */
    public RelationModule relationModule() {
        return RelationModule.builder().objects(encoder.maxSentences(), LSTM_UNITS + tag).question(LSTM_UNITS).g(g).build();
    }

    @Override
    public ComputationGraphConfiguration configuration() {
        int vocab = encoder.words().size();
        int slots = encoder.maxSentences();
        int words = encoder.maxWords();
        int qWords = encoder.maxQuestionWords();
        GraphBuilder gb = newGraph();
        gb.addInputs(TextQaEncoder.INPUTS.toArray(new String[0]));
        gb.setInputTypes(InputType.recurrent(slots, words), InputType.recurrent(slots, words),
                InputType.feedForward(slots), InputType.feedForward(qWords), InputType.feedForward(qWords));

        // all sentences of the batch as one batch of word sequences (mask reshaped alike)
        gb.addVertex("sentenceIds", new TypedReshapeVertex(new int[] {-1, 1, words}, new int[] {-1, words},
                InputType.recurrent(vocab, words)), "story");
        gb.addLayer("sentenceWords", wordEmbedding(vocab, words), "sentenceIds");
        gb.addLayer("sentenceLstm", lastStep(embedding), "sentenceWords");
        gb.addVertex("slotIds", new TypedReshapeVertex(new int[] {-1, 1}, null, InputType.feedForward(slots)), "storyTime");
        gb.addLayer("positionTag", new EmbeddingLayer.Builder().nIn(slots).nOut(tag)
                .activation(Activation.IDENTITY).build(), "slotIds");
        gb.addVertex("taggedSentences", new MergeVertex(), "sentenceLstm", "positionTag");
        gb.addVertex("objects", new TypedReshapeVertex(new int[] {-1, slots, LSTM_UNITS + tag}, null,
                InputType.recurrent(LSTM_UNITS + tag, slots, RNNFormat.NWC)), "taggedSentences");

        gb.addVertex("questionIds", new TypedReshapeVertex(new int[] {-1, 1, qWords}, new int[] {-1, qWords},
                InputType.recurrent(vocab, qWords)), "question");
        gb.addLayer("questionWords", wordEmbedding(vocab, qWords), "questionIds");
        gb.addLayer("questionLstm", lastStep(embedding), "questionWords");

        gb.addVertex("rn", relationModule(), "objects", "questionLstm");
        addHead(gb, "rn");
        // storyMask / questionMask inputs serve the custom vertices of other models; here DL4J's feature masks do
        gb.allowDisconnected(true);
        return gb.build();
    }

    private EmbeddingSequenceLayer wordEmbedding(int vocab, int length) {
        return new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(embedding).inputLength(length)
                .weightInit(WeightInit.XAVIER).build();
    }

    private LastTimeStep lastStep(int inputs) {
        return new LastTimeStep(new LSTM.Builder().nIn(inputs).nOut(LSTM_UNITS).activation(Activation.TANH)
                .weightInit(WeightInit.XAVIER).build());
    }
}
