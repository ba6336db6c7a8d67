package org.relnet.train;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A small synthetic 3-class task (noisy blobs in 4-D) and a 2-layer MLP for it. */
final class Toy {
    final INDArray x;
    final INDArray y;
    final int[] cls;

    Toy(int n, long seed) {
        Random r = new Random(seed);
        float[][] xs = new float[n][4];
        float[][] ys = new float[n][3];
        cls = new int[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(3);
            cls[i] = c;
            for (int d = 0; d < 4; d++) xs[i][d] = (float) (r.nextGaussian() * 0.7 + (d == c ? 2 : 0));
            ys[i][c] = 1;
        }
        x = Nd4j.create(xs);
        y = Nd4j.create(ys);
    }

    /** 4 -> 16 ReLU (dropout keeps 80 %) -> 3 softmax. The updater is a placeholder: the Trainer replaces it. */
    static ComputationGraph mlp(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Sgd(123))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).dropOut(0.8).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
