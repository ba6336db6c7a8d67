package org.relnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class EvalSetTest {
    /** Softmax over the input itself (identity weights, zero bias): the prediction is the arg-max input. */
    private static ComputationGraph identityClassifier() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.getLayer("out").setParam("W", Nd4j.eye(3).castTo(DataType.FLOAT));
        g.getLayer("out").setParam("b", Nd4j.zeros(DataType.FLOAT, 1, 3));
        return g;
    }

    private static final float[][] X = {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}, {5, 0, 0}, {0, 5, 0}};
    private static final int[] LABEL = {0, 1, 0, 2, 1};        // examples 2 and 3 are predicted wrongly
    private static final int[] GROUP = {0, 0, 0, 1, 1};        // "A" = {0,1,2}: 2 of 3 right; "B" = {3,4}: 1 of 2
    private static final int[] KIND = {0, 0, 0, 0, 1};         // "x" = {0..3}: 2 of 4; "y" = {4}: 1 of 1

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) y.putScalar(i, LABEL[i], 1);
        return y;
    }

    private static void checkHandMadeCase(EvalResult r) {
        assertEquals(5, r.examples());
        assertEquals(3.0 / 5, r.accuracy(), 1e-12);
        assertEquals(2.0 / 3, r.accuracy("A"), 1e-12);
        assertEquals(1.0 / 2, r.accuracy("B"), 1e-12);
        assertEquals(2.0 / 4, r.accuracy("x"), 1e-12);
        assertEquals(1.0, r.accuracy("y"), 1e-12);
        assertEquals(3, r.count("A"));
        // loss: -log softmax(x)[label], softmax of (5,0,0) gives e^5/(e^5+2) to the big entry, 1/(e^5+2) elsewhere
        double big = -Math.log(Math.exp(5) / (Math.exp(5) + 2));
        double small = -Math.log(1 / (Math.exp(5) + 2));
        assertEquals((big + big + small + small + big) / 5, r.loss(), 1e-5);
    }

    @Test
    void perCategoryAccuracyFromArrays() {
        EvalSet set = EvalSet.builder("hand").data(Nd4j.create(X), labels())
                .categories(GROUP, "A", "B").categories(KIND, "x", "y").batchSize(2).build();
        EvalResult r = set.evaluate(identityClassifier());
        checkHandMadeCase(r);
        assertEquals(java.util.List.of("A", "B", "x", "y"), java.util.List.copyOf(r.categoryNames()));
    }

    @Test
    void perCategoryAccuracyFromAnIterator() {
        ShuffledBatches it = new ShuffledBatches(new INDArray[] {Nd4j.create(X)}, new INDArray[] {labels()}, 2, 0, false);
        EvalSet set = EvalSet.builder("hand").iterator(it, 5).categories(GROUP, "A", "B").categories(KIND, "x", "y").build();
        checkHandMadeCase(set.evaluate(identityClassifier()));
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvalSet.builder("test").data(Nd4j.create(X), labels()).categories(new int[] {0, 1}, "A", "B").build());
        assertTrue(e.getMessage().contains("given for 2 examples but the set has 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EvalSet.builder("test").data(Nd4j.create(X), labels()).categories(new int[] {0, 1, 2, 0, 0}, "A", "B"));
        assertTrue(e.getMessage().contains("example 2 has category 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EvalSet.of("t", Nd4j.create(X), labels()).evaluate(identityClassifier()).accuracy("Z"));
        assertTrue(e.getMessage().contains("no category 'Z'"), e.getMessage());
    }
}
