package org.relnet.text;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * End-to-End Memory Network (Sukhbaatar et al. 2015), the bAbI baseline of the RN study:
 * K hops (3), embedding 20, position and temporal encoding, adjacent weight tying (A^{k+1} = C^k,
 * B = A^1, and by default W^T = C^K as in the paper; see {@link MemN2NVertex}).
 * <pre>{@code
 * TextQaEncoder enc = TextQaEncoder.forMemoryNetwork(data);
 * ComputationGraph net = MemN2N.builder(enc).build();
 * }</pre>
 * Not implemented from the paper: linear start and random noise in the temporal encoding (both
 * help harder tasks; task 1 trains without them).
 */
public final class MemN2N {

    private MemN2N() {}

    public static Builder builder(TextQaEncoder encoder) { return new Builder(encoder); }

    /** The paper's schedule: SGD, lr 0.01 halved every 25 epochs (epochs counted by DL4J's fit). */
    public static IUpdater paperSgd() {
        return new Sgd(new StepSchedule(ScheduleType.EPOCH, 0.01, 0.5, 25));
    }

    /** RMSProp, as the RN paper's Keras-style baseline used. */
    public static IUpdater rmsProp(double lr) { return new RmsProp(lr); }

    /**
     * Sukhbaatar et al.'s training for the shared {@link org.relnet.train.Trainer} (which replaces the
     * graph's updater): SGD, lr 0.01 halved every 25 epochs, 100 epochs, gradient-norm clipping at 40
     * (the Trainer clips per layer; the whole memory network is one block). Linear start is not
     * implemented (task 1 does not need it).
     * @param stepsPerEpoch batches per epoch, e.g. ceil(train examples / 32)
     */
    public static org.relnet.train.TrainConfig.Builder paperTraining(int stepsPerEpoch) {
        return org.relnet.train.TrainConfig.builder().name("MemN2N (Sukhbaatar et al. 2015)").sgd()
                .schedule(org.relnet.train.LrSchedule.stepDecay(0.01, 0.5, 25 * stepsPerEpoch))
                .steps(100 * stepsPerEpoch).clipNorm(40);
    }

    /** The RN study's baseline training: RMSProp at {@code lr}, gradient-norm clipping at 40 kept. */
    public static org.relnet.train.TrainConfig.Builder studyTraining(double lr, int steps) {
        return org.relnet.train.TrainConfig.builder().name("MemN2N (RMSProp, RN study baseline)").rmsProp().lr(lr)
                .steps(steps).clipNorm(40);
    }

    public static final class Builder {
        private final TextQaEncoder encoder;
        private int hops = 3;
        private int embedding = 20;
        private long seed = 42;
        private double initStd = 0.1;
        private double clipNorm = 40;
        private IUpdater updater = paperSgd();
        private boolean tieAnswer = true;

        private Builder(TextQaEncoder encoder) { this.encoder = encoder; }

        public Builder hops(int hops) { this.hops = hops; return this; }
        public Builder embedding(int d) { this.embedding = d; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder initStd(double std) { this.initStd = std; return this; }
        /** L2 norm clipping per parameter block (the paper clips the gradient norm at 40); 0 = off. */
        public Builder clipNorm(double clip) { this.clipNorm = clip; return this; }
        public Builder updater(IUpdater updater) { this.updater = updater; return this; }
        /**
         * Adjacent tying of the answer matrix, W^T = C^K (default true, the paper's); false gives W its
         * own parameters in a softmax output layer (the model before this option existed).
         */
        public Builder tieAnswer(boolean tie) { this.tieAnswer = tie; return this; }

        /** Word ids of the answer classes, in class order; tying needs every answer to be a known word. */
        private int[] answerWords() {
            int[] ids = new int[encoder.answers().size()];
            for (int c = 0; c < ids.length; c++) {
                String answer = encoder.answers().word(c);
                if (!encoder.words().contains(answer)) {
                    throw new IllegalArgumentException("answer '" + answer + "' never occurs as a word, so W^T = C^K cannot"
                            + " score it; build with tieAnswer(false)");
                }
                ids[c] = encoder.words().id(answer);
            }
            return ids;
        }

        public ComputationGraphConfiguration configuration() {
            NeuralNetConfiguration.Builder nn = new NeuralNetConfiguration.Builder()
                    .seed(seed).dataType(DataType.FLOAT).updater(updater);
            if (clipNorm > 0) {
                nn.gradientNormalization(GradientNormalization.ClipL2PerParamType).gradientNormalizationThreshold(clipNorm);
            }
            String[] inputs = TextQaEncoder.INPUTS.toArray(new String[0]);
            int slots = Math.max(encoder.maxSentences(), TextQaEncoder.MEMNET_SENTENCES);
            ComputationGraphConfiguration.GraphBuilder g = nn.graphBuilder().addInputs(inputs);
            if (tieAnswer) {
                // The vertex already scores the answers with C^K; only the softmax and the loss remain. DL4J
                // M2.1 does not update a graph whose layers have no parameters at all (measured: with just a
                // LossLayer the loss never moved), so a per-answer gain (init 1) and bias (init 0) sits in
                // between: 2 numbers per answer, where an untied W has embedding + 1.
                int answers = encoder.answers().size();
                g.addVertex("memn2n", new MemN2NVertex(encoder.words().size(), embedding, hops, slots, initStd,
                                answerWords()), inputs)
                        .addLayer("answerScale", new ElementWiseMultiplicationLayer.Builder().nIn(answers).nOut(answers)
                                .weightInit(WeightInit.ONES).biasInit(0).activation(Activation.IDENTITY).build(), "memn2n")
                        .addLayer("answer", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .activation(Activation.SOFTMAX).build(), "answerScale");
            } else {
                g.addVertex("memn2n", new MemN2NVertex(encoder.words().size(), embedding, hops, slots, initStd), inputs)
                        .addLayer("answer", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(embedding).nOut(encoder.answers().size())
                                .weightInit(new NormalDistribution(0, initStd))
                                .activation(Activation.SOFTMAX).build(), "memn2n");
            }
            return g.setOutputs("answer").build();
        }

        public ComputationGraph build() {
            ComputationGraph net = new ComputationGraph(configuration());
            net.init();
            return net;
        }
    }
}
