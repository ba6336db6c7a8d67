package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ConvEncoderTest {

    private static INDArray oneHot(long batch, int classes, DataType type) {
        INDArray y = Nd4j.zeros(type, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, (i * 7 + 1) % classes, 1);
        }
        return y;
    }

    /** The CNN+MLP baseline on small images, conv stack either ours (default) or DL4J's layers. */
    private static ComputationGraph baseline(ConvStack conv, int image, DataType type) {
        return CnnMlpBaseline.builder().image(image).conv(conv).hidden(8).dropout(0, 0).updater(new NoOp())
                .dataType(type).seed(5).build();
    }

    /** Copies the DL4J-layer model's parameters into ours (conv W [cout, cin, kh, kw] -> [kh*kw*cin, cout]). */
    private static void copyParameters(ComputationGraph dl4j, ComputationGraph ours, int layers) {
        Map<String, INDArray> enc = ours.getVertex("conv").paramTable(false);
        for (int l = 0; l < layers; l++) {
            INDArray w = dl4j.getLayer("conv" + (l + 1)).getParam("W");
            INDArray target = enc.get(ConvEncoder.w(l));
            target.assign(w.permute(2, 3, 1, 0).dup('c').reshape('c', target.shape()));
            enc.get(ConvEncoder.b(l)).assign(dl4j.getLayer("conv" + (l + 1)).getParam("b").reshape(target.size(1)));
            enc.get(ConvEncoder.gamma(l)).assign(dl4j.getLayer("bn" + (l + 1)).getParam("gamma"));
            enc.get(ConvEncoder.beta(l)).assign(dl4j.getLayer("bn" + (l + 1)).getParam("beta"));
        }
        for (String layer : new String[] {"fc1", ModelBuilder.ANSWER}) {
            ours.getLayer(layer).setParams(dl4j.getLayer(layer).params().dup());
        }
    }

    private static double maxRelDiff(INDArray a, INDArray b) {
        double scale = Math.max(1e-12, Math.max(a.amaxNumber().doubleValue(), b.amaxNumber().doubleValue()));
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }

    /**
     * Same function as DL4J's ConvolutionLayer + BatchNormalization + ReLU stack (training mode): the
     * encoder's output, the model output and every parameter gradient. Geometry with odd sides, so DL4J's
     * "same" padding is asymmetric (0 before, 1 after) on some layers and symmetric on others; a smaller
     * second batch checks that reused buffers (zero padding columns) stay correct.
     */
    @ParameterizedTest(name = "{0}, kernel {1}, image {2}")
    @CsvSource({"FLOAT, 3, 19", "DOUBLE, 3, 19", "FLOAT, 5, 23", "DOUBLE, 2, 16"})
    void equalsTheDl4jLayerStack(DataType type, int kernel, int image) {
        ConvStack stack = ConvStack.of(kernel, 5, 2, 2, 3);
        ComputationGraph dl4j = baseline(stack.withDl4jLayers(), image, type);
        ComputationGraph ours = baseline(stack, image, type);
        copyParameters(dl4j, ours, 3);
        double fwdTol = type == DataType.FLOAT ? 1e-5 : 1e-10;
        double gradTol = type == DataType.FLOAT ? 2e-3 : 1e-8;
        for (int batch : new int[] {6, 4}) {
            Nd4j.getRandom().setSeed(batch);
            INDArray[] in = {Nd4j.rand(type, batch, 3, image, image), Nd4j.rand(type, batch, 11)};
            INDArray[] labels = {oneHot(batch, 10, type)};
            Map<String, INDArray> a = dl4j.feedForward(in, true);
            Map<String, INDArray> b = ours.feedForward(in, true);
            INDArray mapA = a.get("relu3");
            INDArray mapB = b.get("conv");
            assertArrayEquals(mapA.shape(), mapB.shape());
            assertTrue(mapA.amaxNumber().doubleValue() > 0.1, "non-trivial feature map");
            assertEquals(0.0, mapA.sub(mapB).amaxNumber().doubleValue(), fwdTol, "feature map, batch " + batch);
            assertEquals(0.0, a.get(ModelBuilder.ANSWER).sub(b.get(ModelBuilder.ANSWER)).amaxNumber().doubleValue(),
                    fwdTol, "model output, batch " + batch);

            Gradient ga = gradient(dl4j, in, labels);
            Gradient gb = gradient(ours, in, labels);
            assertEquals(dl4j.score(), ours.score(), fwdTol);
            for (int l = 0; l < 3; l++) {
                String c = "conv" + (l + 1);
                String bn = "bn" + (l + 1);
                INDArray wA = ga.getGradientFor(c + "_W");
                INDArray wB = gb.getGradientFor("conv_" + ConvEncoder.w(l));
                assertTrue(maxRelDiff(wA.permute(2, 3, 1, 0).dup('c').reshape('c', wB.shape()), wB) < gradTol,
                        "dW layer " + (l + 1));
                assertTrue(maxRelDiff(ga.getGradientFor(bn + "_gamma"), gb.getGradientFor("conv_" + ConvEncoder.gamma(l))
                        .reshape(ga.getGradientFor(bn + "_gamma").shape())) < gradTol, "dGamma layer " + (l + 1));
                assertTrue(maxRelDiff(ga.getGradientFor(bn + "_beta"), gb.getGradientFor("conv_" + ConvEncoder.beta(l))
                        .reshape(ga.getGradientFor(bn + "_beta").shape())) < gradTol, "dBeta layer " + (l + 1));
                // Through batch norm the conv bias has no effect: both gradients are ~0.
                assertEquals(0.0, gb.getGradientFor("conv_" + ConvEncoder.b(l)).amaxNumber().doubleValue(), 1e-4);
            }
            assertTrue(maxRelDiff(ga.getGradientFor("fc1_W"), gb.getGradientFor("fc1_W")) < gradTol, "fc1 dW");
        }
    }

    private static Gradient gradient(ComputationGraph net, INDArray[] in, INDArray[] labels) {
        net.setInputs(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient();
    }

    /**
     * Finite differences on every parameter, with a DL4J conv layer in front so that the gradient the
     * encoder passes to its input (col2im into an NCHW array) is checked too.
     */
    @ParameterizedTest(name = "kernel {0}, strides {1} {2}")
    @CsvSource({"3, 2, 2", "2, 1, 2", "3, 3, 1"})
    void gradientCheck(int kernel, int s1, int s2) {
        int image = 7;
        ConvEncoder encoder = new ConvEncoder(kernel, 3, new int[] {s1, s2}, 2, image, image);
        long side = encoder.outputHeight();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new NoOp())
                .dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(image, image, 2))
                .addLayer("pre", new ConvolutionLayer.Builder(1, 1).nOut(2).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build(), "image")
                .addVertex("conv", encoder, "pre")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .inputPreProcessor("out", new CnnToFeedForwardPreProcessor(side, side, 3))
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(17);
        // Non-default gamma / beta so their gradients are not at the symmetric starting point.
        for (Map.Entry<String, INDArray> e : net.getVertex("conv").paramTable(false).entrySet()) {
            if (e.getKey().endsWith("gamma") || e.getKey().endsWith("beta") || e.getKey().endsWith("b")) {
                e.getValue().assign(Nd4j.rand(DataType.DOUBLE, e.getValue().shape()).subi(0.5).muli(0.6)
                        .addi(e.getKey().endsWith("gamma") ? 1 : 0));
            }
        }
        INDArray[] in = {Nd4j.rand(DataType.DOUBLE, 4, 2, image, image).subi(0.5)};
        INDArray[] labels = {oneHot(4, 3, DataType.DOUBLE)};
        DataType floatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil insists on it
        try {
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net).inputs(in)
                    .labels(labels).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
        } finally {
            Nd4j.setDefaultDataTypes(floatType, floatType);
        }
    }

    @Test
    void theConvolutionsRunOnOneDnnOnLinuxX86() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"));
        assertNull(Conv2d.ONEDNN_UNAVAILABLE, "float convolutions would not call oneDNN directly");
        Conv2d conv = Conv2d.sameNhwc(3, 2);
        INDArray out = Nd4j.create(DataType.FLOAT, 2, 4, 4, 5);
        conv.forward(Nd4j.rand(DataType.FLOAT, 2, 7, 7, 3), Nd4j.rand(DataType.FLOAT, 3, 3, 3, 5), null, out);
        assertEquals(1, conv.oneDnnImplementations().size());
        // forward / backward data / backward weights: oneDNN's JIT kernels ("jit:avx2", "brgconv:avx512_core",
        // "gemm:jit", depending on the CPU), never its reference loops ("ref:any", "gemm:ref").
        String[] kernels = conv.oneDnnImplementations().get(0).split("/");
        assertEquals(3, kernels.length, conv.oneDnnImplementations().toString());
        for (String kernel : kernels) {
            assertFalse(kernel.contains("ref"), conv.oneDnnImplementations().toString());
        }
        assertTrue(out.amaxNumber().doubleValue() > 0, "the output was written");
    }

    /**
     * Inference with running statistics: float (oneDNN's primitive where usable) equals double (the Java
     * loops) on the same parameters, with running means and variances away from their initial 0 and 1.
     */
    @Test
    void floatAndDoubleInferenceAgree() {
        CnnMlpBaseline builder = CnnMlpBaseline.builder().image(19).conv(ConvStack.of(3, 5, 2, 2)).hidden(8).dropout(0, 0);
        ComputationGraph f = builder.dataType(DataType.FLOAT).build();
        ComputationGraph d = builder.dataType(DataType.DOUBLE).build();
        Nd4j.getRandom().setSeed(11);
        Map<String, INDArray> fp = f.getVertex("conv").paramTable(false);
        for (int l = 0; l < 2; l++) {
            fp.get(ConvEncoder.mean(l)).assign(Nd4j.randn(DataType.FLOAT, 1, 5).muli(0.3));
            fp.get(ConvEncoder.var(l)).assign(Nd4j.rand(DataType.FLOAT, 1, 5).addi(0.5));
            fp.get(ConvEncoder.b(l)).assign(Nd4j.randn(DataType.FLOAT, 1, 5).muli(0.2));
            fp.get(ConvEncoder.beta(l)).assign(Nd4j.randn(DataType.FLOAT, 1, 5).muli(0.2));
        }
        d.setParams(f.params().castTo(DataType.DOUBLE));
        INDArray image = Nd4j.rand(DataType.FLOAT, 3, 3, 19, 19);
        INDArray question = Nd4j.rand(DataType.FLOAT, 3, 11);
        INDArray a = f.feedForward(new INDArray[] {image, question}, false).get("conv");
        INDArray b = d.feedForward(new INDArray[] {image.castTo(DataType.DOUBLE), question.castTo(DataType.DOUBLE)}, false)
                .get("conv");
        assertTrue(b.maxNumber().doubleValue() > 0.1 && b.minNumber().doubleValue() == 0, "ReLU active and inactive");
        assertEquals(0.0, a.castTo(DataType.DOUBLE).sub(b).amaxNumber().doubleValue(), 1e-5);
    }

    /** Running statistics move during training, are used at inference and survive a checkpoint. */
    @Test
    void checkpointRoundTripKeepsRunningStatistics() throws Exception {
        ComputationGraph net = CnnMlpBaseline.builder().image(19).conv(ConvStack.of(3, 4, 2, 2)).hidden(8).dropout(0, 0).build();
        Nd4j.getRandom().setSeed(8);
        INDArray[] in = {Nd4j.rand(DataType.FLOAT, 5, 3, 19, 19).addi(2), Nd4j.rand(DataType.FLOAT, 5, 11)};
        INDArray[] labels = {oneHot(5, 10, DataType.FLOAT)};
        for (int i = 0; i < 3; i++) {
            net.fit(in, labels);
        }
        INDArray mean = net.getVertex("conv").paramTable(false).get(ConvEncoder.mean(0));
        assertTrue(mean.amaxNumber().doubleValue() > 0.05, "running mean moved towards the (shifted) batch mean");

        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration().getVertices().get("conv"), back.getVertices().get("conv"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(in)[0], restored.output(in)[0]);
        // ... and training continues identically (updater state restored too).
        net.fit(in, labels);
        restored.fit(in, labels);
        assertEquals(0.0, net.params().sub(restored.params()).amaxNumber().doubleValue(), 1e-6);
    }

    /** Inference normalises with the running statistics (a huge running variance flattens the map to relu(beta)). */
    @Test
    void inferenceUsesRunningStatistics() {
        ComputationGraph net = CnnMlpBaseline.builder().image(19).conv(ConvStack.of(3, 4, 2, 2)).hidden(8).dropout(0, 0).build();
        Nd4j.getRandom().setSeed(9);
        INDArray[] in = {Nd4j.rand(DataType.FLOAT, 5, 3, 19, 19), Nd4j.rand(DataType.FLOAT, 5, 11)};
        Map<String, INDArray> vertex = net.getVertex("conv").paramTable(false);
        vertex.get(ConvEncoder.var(1)).assign(1e12);
        vertex.get(ConvEncoder.beta(1)).assign(0.25);
        INDArray inference = net.feedForward(in, false).get("conv");
        assertEquals(0.25, inference.minNumber().doubleValue(), 1e-3);
        assertEquals(0.25, inference.maxNumber().doubleValue(), 1e-3);
        INDArray training = net.feedForward(in, true).get("conv");
        assertTrue(training.maxNumber().doubleValue() > 0.5, "training mode uses batch statistics instead");
    }
}
