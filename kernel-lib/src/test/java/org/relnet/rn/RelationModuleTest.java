package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.relnet.rn.RelationModule.Aggregation;

class RelationModuleTest {

    private static final int N = 4;
    private static final int D = 3;
    private static final int K = 2;

    private static StateRelationNet tinyRn(long question, Aggregation aggregation, DataType type) {
        return StateRelationNet.builder().objects(N, D).question(question).g(3, 4).hidden(3).answers(3)
                .aggregation(aggregation).dropout(0, 0).updater(new NoOp()).dataType(type).seed(7);
    }

    private static INDArray[] inputs(long question, long batch, DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray objects = Nd4j.rand(type, batch, N, D).subi(0.5);
        return question > 0 ? new INDArray[] {objects, Nd4j.rand(type, batch, question)}
                : new INDArray[] {objects};
    }

    private static INDArray oneHot(long batch, int classes, DataType type) {
        INDArray y = Nd4j.zeros(type, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, (i * 7 + 1) % classes, 1);
        }
        return y;
    }

    /**
     * Zero-initialised biases put every pair whose inputs are all zero exactly on ReLU's kink, where a
     * central difference is not a derivative; random biases move them off it.
     */
    private static boolean gradientsOk(ComputationGraph net, INDArray[] in, INDArray[] labels) {
        Nd4j.getRandom().setSeed(99);
        for (Map.Entry<String, INDArray> e : net.getVertex("rn").paramTable(false).entrySet()) {
            if (e.getKey().endsWith("b")) {
                e.getValue().assign(Nd4j.rand(e.getValue().dataType(), e.getValue().shape()).subi(0.5).muli(0.2));
            }
        }
        DataType floatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil insists on it
        try {
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net).inputs(in)
                    .labels(labels).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        } finally {
            Nd4j.setDefaultDataTypes(floatType, floatType);
        }
    }

    @ParameterizedTest(name = "question={0}, {1}")
    @CsvSource({"0, SUM", "0, MEAN", "2, SUM", "2, MEAN"})
    void gradientCheckStateDescriptions(int question, Aggregation aggregation) {
        ComputationGraph net = tinyRn(question, aggregation, DataType.DOUBLE).build();
        INDArray[] in = inputs(question, 3, DataType.DOUBLE, 1);
        assertTrue(gradientsOk(net, in, new INDArray[] {oneHot(3, 3, DataType.DOUBLE)}));
    }

    /** Conv map + question computed by layers: checks the gradients the block passes to its inputs too. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SUM"})
    void gradientCheckFeatureMapAndUpstreamLayers(Aggregation aggregation) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new NoOp())
                .dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("image", "q")
                .setInputTypes(InputType.convolutional(4, 3, 2), InputType.feedForward(3))
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).stride(2, 1).nOut(3)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build(), "image")
                .addLayer("qenc", new DenseLayer.Builder().nOut(2).activation(Activation.TANH).build(), "q")
                .addVertex("rn", RelationModule.builder().featureMap(3, 2, 3).question(2).g(3, 4)
                        .aggregation(aggregation).build(), "conv", "qenc")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "rn")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(11);
        INDArray[] in = {Nd4j.rand(DataType.DOUBLE, 3, 2, 4, 3), Nd4j.rand(DataType.DOUBLE, 3, 3)};
        assertTrue(gradientsOk(net, in, new INDArray[] {oneHot(3, 3, DataType.DOUBLE)}));
    }

    @Test
    void outputIsInvariantToThePermutationOfObjects() {
        ComputationGraph net = tinyRn(K, Aggregation.SUM, DataType.FLOAT).build();
        INDArray[] in = inputs(K, 6, DataType.FLOAT, 2);
        INDArray before = net.output(in)[0];
        int[] permutation = {2, 0, 3, 1};
        INDArray permuted = Nd4j.create(DataType.FLOAT, 6, N, D);
        for (int i = 0; i < N; i++) {
            permuted.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all())
                    .assign(in[0].get(NDArrayIndex.all(), NDArrayIndex.point(permutation[i]), NDArrayIndex.all()));
        }
        INDArray after = net.output(permuted, in[1])[0];
        assertEquals(0, before.sub(after).amaxNumber().doubleValue(), 1e-6);
        // ...while the objects do matter: changing one object's features changes the answer distribution.
        INDArray changed = in[0].dup();
        changed.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).addi(1.0);
        INDArray other = net.output(changed, in[1])[0];
        assertNotEquals(0, before.getRow(0).sub(other.getRow(0)).amaxNumber().doubleValue(), 1e-6);
    }

    /** The first-layer decomposition must reproduce g_theta applied to the explicit n*n pair matrix. */
    @ParameterizedTest(name = "question={0}, {1}")
    @CsvSource({"0, SUM", "2, MEAN"})
    void firstLayerTrickEqualsNaivePairs(int question, Aggregation aggregation) {
        ComputationGraph net = tinyRn(question, aggregation, DataType.DOUBLE).build();
        INDArray[] in = inputs(question, 3, DataType.DOUBLE, 5);
        INDArray fast = net.feedForward(in, false).get("rn");

        Map<String, INDArray> p = net.getVertex("rn").paramTable(false);
        RelationModule conf = tinyRn(question, aggregation, DataType.DOUBLE).relationModule();
        int[] w = conf.gWidths();
        long b = in[0].size(0);
        INDArray pairs = Nd4j.create(DataType.DOUBLE, b * N * N, 2 * D + question);
        for (int e = 0; e < b; e++) {
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    INDArray row = pairs.getRow((long) (e * N + i) * N + j);
                    row.get(NDArrayIndex.interval(0, D)).assign(in[0].get(NDArrayIndex.point(e), NDArrayIndex.point(i), NDArrayIndex.all()));
                    row.get(NDArrayIndex.interval(D, 2 * D)).assign(in[0].get(NDArrayIndex.point(e), NDArrayIndex.point(j), NDArrayIndex.all()));
                    if (question > 0) {
                        row.get(NDArrayIndex.interval(2 * D, 2 * D + question)).assign(in[1].getRow(e));
                    }
                }
            }
        }
        INDArray w1 = question > 0
                ? Nd4j.vstack(p.get(RelationModule.wa()), p.get(RelationModule.wb()), p.get(RelationModule.wq()))
                : Nd4j.vstack(p.get(RelationModule.wa()), p.get(RelationModule.wb()));
        INDArray h = Transforms.relu(pairs.mmul(w1).addiRowVector(p.get(RelationModule.bias(1))));
        for (int l = 2; l <= w.length; l++) {
            h = Transforms.relu(h.mmul(p.get(RelationModule.weight(l))).addiRowVector(p.get(RelationModule.bias(l))));
        }
        INDArray naive = h.reshape(b, N * N, w[w.length - 1]).sum(1);
        if (aggregation == Aggregation.MEAN) {
            naive.divi(N * N);
        }
        assertEquals(0, naive.sub(fast).amaxNumber().doubleValue(), 1e-5 * Math.max(1, naive.amaxNumber().doubleValue()));
    }

    @Test
    void parameterCountIncludesTheRelationModule() {
        ComputationGraph net = tinyRn(K, Aggregation.SUM, DataType.FLOAT).build();
        long g = (2L * D + K) * 3 + 3 + 3 * 4 + 4;
        long head = 4 * 3 + 3 + 3 * 3 + 3;
        assertEquals(g, ParameterCount.inVertices(net));
        assertEquals(g + head, ParameterCount.of(net));
        assertEquals(net.params().length(), ParameterCount.of(net));
        assertEquals(head, net.numParams(), "DL4J's own count omits vertices; if this changes, ParameterCount can go");
    }

    @Test
    void trainingStepRunsTheForwardPassOnce() {
        ComputationGraph net = tinyRn(K, Aggregation.SUM, DataType.FLOAT).build();
        INDArray[] in = inputs(K, 4, DataType.FLOAT, 3);
        INDArray[] labels = {oneHot(4, 3, DataType.FLOAT)};
        RelationVertex rn = (RelationVertex) net.getVertex("rn");
        net.fit(in, labels);
        net.fit(in, labels);
        assertEquals(2, rn.forwardPasses());
    }

    @Test
    void survivesJsonAndCheckpointRoundTrip() throws Exception {
        ComputationGraph net = tinyRn(K, Aggregation.MEAN, DataType.FLOAT).build();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration().getVertices().get("rn"), back.getVertices().get("rn"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        INDArray[] in = inputs(K, 3, DataType.FLOAT, 4);
        assertEquals(net.output(in)[0], restored.output(in)[0]);
    }

    /** With SUM the last g layer starts scaled by 1/n^2, so the sum starts equal to the mean. */
    @Test
    void sumStartsAtTheScaleOfTheMean() {
        INDArray[] in = inputs(K, 8, DataType.DOUBLE, 6);
        INDArray sum = tinyRn(K, Aggregation.SUM, DataType.DOUBLE).build().feedForward(in, false).get("rn");
        INDArray mean = tinyRn(K, Aggregation.MEAN, DataType.DOUBLE).build().feedForward(in, false).get("rn");
        assertEquals(0, sum.sub(mean).amaxNumber().doubleValue(), 1e-9);
        assertTrue(mean.amaxNumber().doubleValue() > 0);
    }

    /** objects [b, n, D] + question [b, K] (+ object mask [b, n]) -> rn -> softmax over 3. */
    private static ComputationGraph maskGraph(int n, boolean masked, Aggregation aggregation) {
        RelationModule rn = RelationModule.builder().objects(n, D).question(K).g(3, 4).aggregation(aggregation)
                .objectMask(masked).build();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(5).updater(new NoOp())
                .dataType(DataType.DOUBLE).graphBuilder();
        if (masked) {
            g.addInputs("objects", "question", "mask").setInputTypes(
                    InputType.recurrent(D, n, org.deeplearning4j.nn.conf.RNNFormat.NWC), InputType.feedForward(K),
                    InputType.feedForward(n));
            g.addVertex("rn", rn, "objects", "question", "mask");
        } else {
            g.addInputs("objects", "question").setInputTypes(
                    InputType.recurrent(D, n, org.deeplearning4j.nn.conf.RNNFormat.NWC), InputType.feedForward(K));
            g.addVertex("rn", rn, "objects", "question");
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                .activation(Activation.SOFTMAX).build(), "rn").setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * A masked object leaves no trace: N objects of which the last is masked give exactly what a
     * module over the N-1 real objects gives with the same parameters (shapes do not depend on n),
     * however wild the masked object's values. Both aggregations (MEAN divides by the real pairs).
     */
    @ParameterizedTest
    @CsvSource({"SUM", "MEAN"})
    void maskedObjectsLeaveTheAggregate(Aggregation aggregation) {
        ComputationGraph masked = maskGraph(N, true, aggregation);
        ComputationGraph real = maskGraph(N - 1, false, aggregation);
        real.setParams(masked.params());
        INDArray[] in = inputs(K, 5, DataType.DOUBLE, 3);
        INDArray objects = in[0];
        objects.get(NDArrayIndex.all(), NDArrayIndex.point(N - 1), NDArrayIndex.all()).assign(40);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 5, N);
        mask.getColumn(N - 1).assign(0);
        INDArray expected = real.outputSingle(objects.get(NDArrayIndex.all(), NDArrayIndex.interval(0, N - 1),
                NDArrayIndex.all()).dup(), in[1]);
        INDArray got = masked.outputSingle(objects, in[1], mask);
        assertEquals(0, expected.sub(got).amaxNumber().doubleValue(), 1e-10);
        // and the mask matters: marking the object real changes the output (the check can fail)
        assertTrue(masked.outputSingle(objects, in[1], Nd4j.ones(DataType.DOUBLE, 5, N)).sub(got)
                .amaxNumber().doubleValue() > 1e-6);
        // an example with different real counts per row: the hand-written backward pass is exact
        mask.putScalar(0, 1, 0);
        objects.assign(inputs(K, 5, DataType.DOUBLE, 4)[0]);
        assertTrue(gradientsOk(masked, new INDArray[] {objects, in[1], mask}, new INDArray[] {oneHot(5, 3, DataType.DOUBLE)}));
    }
}
