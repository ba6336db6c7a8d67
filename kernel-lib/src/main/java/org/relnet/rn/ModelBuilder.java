package org.relnet.rn;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What every model of the papers shares: a question input, an MLP head ending in a softmax over the
 * answers, dropout on one hidden layer, the optimiser and the seed. Subclasses add the object encoder
 * (state description or CNN) and the relational part.
 *
 * <p>Graph names: inputs {@link #OBJECTS} (state descriptions) or {@link #IMAGE}, and {@link #QUESTION};
 * output {@link #ANSWER}. Defaults are the paper's: 11-dim question, 10 answers, Adam lr 1e-4, dropout 50 %.
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {

    public static final String OBJECTS = "objects";
    public static final String IMAGE = "image";
    public static final String QUESTION = "question";
    public static final String ANSWER = "answer";

    protected long questionSize = 11;
    protected int answers = 10;
    protected int[] hidden;
    protected int dropoutAfter = 2;
    protected double dropProbability = 0.5;
    protected IUpdater updater = new Adam(1e-4);
    protected long seed = 42;
    protected DataType dataType = DataType.FLOAT;

    protected ModelBuilder(int[] defaultHidden) {
        this.hidden = defaultHidden.clone();
    }

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** Size of the question (conditioning) vector; 0 = the model takes no question input. */
    public B question(long size) {
        this.questionSize = size;
        return self();
    }

    public B answers(int count) {
        this.answers = count;
        return self();
    }

    /** Widths of the head's hidden layers (f_phi for RN models, the MLP for baselines). */
    public B hidden(int... widths) {
        this.hidden = widths.clone();
        return self();
    }

    /**
     * Dropout on the output of the given hidden layer (1-based; 0 = none), as a DROP probability.
     * DL4J's own {@code dropOut(p)} takes the probability of KEEPING a unit and applies it to a layer's
     * input; the conversion is done here so configs read like the paper ("dropout 50 % on the 2nd").
     */
    public B dropout(int afterHiddenLayer, double dropProbability) {
        if (dropProbability < 0 || dropProbability >= 1) {
            throw new IllegalArgumentException("drop probability must be in [0, 1), got " + dropProbability);
        }
        this.dropoutAfter = afterHiddenLayer;
        this.dropProbability = dropProbability;
        return self();
    }

    public B updater(IUpdater updater) {
        this.updater = updater;
        return self();
    }

    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** FLOAT by default; DOUBLE for gradient checks. */
    public B dataType(DataType dataType) {
        this.dataType = dataType;
        return self();
    }

    public abstract ComputationGraphConfiguration configuration();

    /** The initialised graph. */
    public ComputationGraph build() {
        ComputationGraph graph = new ComputationGraph(configuration());
        graph.init();
        return graph;
    }

    protected GraphBuilder newGraph() {
        if (dropoutAfter > hidden.length) {
            throw new IllegalArgumentException("dropout after hidden layer " + dropoutAfter + " but there are only "
                    + hidden.length + " hidden layers " + Arrays.toString(hidden));
        }
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .dataType(dataType)
                .graphBuilder();
    }

    /** Adds the hidden ReLU layers and the softmax answer layer after {@code input}; sets the output. */
    protected void addHead(GraphBuilder g, String input) {
        String prev = input;
        for (int i = 0; i < hidden.length; i++) {
            String name = "fc" + (i + 1);
            DenseLayer.Builder layer = new DenseLayer.Builder().nOut(hidden[i]).activation(Activation.RELU);
            g.addLayer(name, FastDenseLayer.of(withDropout(layer, i)), prev);
            prev = name;
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(answers)
                .activation(Activation.SOFTMAX);
        g.addLayer(ANSWER, withDropout(out, hidden.length).build(), prev);
        g.setOutputs(ANSWER);
    }

    /** DL4J applies a layer's dropout to its input, i.e. to the output of the previous hidden layer. */
    private <L extends org.deeplearning4j.nn.conf.layers.Layer.Builder<L>> L withDropout(L layer, int inputFromHidden) {
        if (dropoutAfter > 0 && dropoutAfter == inputFromHidden && dropProbability > 0) {
            layer.dropOut(1 - dropProbability); // DL4J's argument is the RETAIN probability
        }
        return layer;
    }
}
