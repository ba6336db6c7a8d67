package org.relnet.text;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
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
 * B = A^1; the answer matrix W is untied, see {@link MemN2NVertex}).
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

    public static final class Builder {
        private final TextQaEncoder encoder;
        private int hops = 3;
        private int embedding = 20;
        private long seed = 42;
        private double initStd = 0.1;
        private double clipNorm = 40;
        private IUpdater updater = paperSgd();

        private Builder(TextQaEncoder encoder) { this.encoder = encoder; }

        public Builder hops(int hops) { this.hops = hops; return this; }
        public Builder embedding(int d) { this.embedding = d; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder initStd(double std) { this.initStd = std; return this; }
        /** L2 norm clipping per parameter block (the paper clips the gradient norm at 40); 0 = off. */
        public Builder clipNorm(double clip) { this.clipNorm = clip; return this; }
        public Builder updater(IUpdater updater) { this.updater = updater; return this; }

        public ComputationGraphConfiguration configuration() {
            NeuralNetConfiguration.Builder nn = new NeuralNetConfiguration.Builder()
                    .seed(seed).dataType(DataType.FLOAT).updater(updater);
            if (clipNorm > 0) {
                nn.gradientNormalization(GradientNormalization.ClipL2PerParamType).gradientNormalizationThreshold(clipNorm);
            }
            String[] inputs = TextQaEncoder.INPUTS.toArray(new String[0]);
            return nn.graphBuilder()
                    .addInputs(inputs)
                    .addVertex("memn2n", new MemN2NVertex(encoder.words().size(), embedding, hops,
                            Math.max(encoder.maxSentences(), TextQaEncoder.MEMNET_SENTENCES), initStd), inputs)
                    .addLayer("answer", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nIn(embedding).nOut(encoder.answers().size())
                            .weightInit(new NormalDistribution(0, initStd))
                            .activation(Activation.SOFTMAX).build(), "memn2n")
                    .setOutputs("answer")
                    .build();
        }

        public ComputationGraph build() {
            ComputationGraph net = new ComputationGraph(configuration());
            net.init();
            return net;
        }
    }
}
