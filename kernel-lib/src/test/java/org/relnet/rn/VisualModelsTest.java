package org.relnet.rn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class VisualModelsTest {

    @Test
    void paperGeometriesGiveTheDocumentedObjectCounts() {
        assertEquals(25, VisualRelationNet.builder().relationModule().objectCount());
        assertEquals(16, VisualRelationNet.builder().image(128).conv(ConvStack.coarse128px()).relationModule().objectCount());
        assertEquals(64, VisualRelationNet.builder().image(128).conv(ConvStack.fine128px()).relationModule().objectCount());
        RelationModule rn = VisualRelationNet.builder().relationModule();
        assertEquals(24 + 2, rn.objectSize(), "24 conv channels + (x, y)");
        assertEquals(11, rn.questionSize());
        assertArrayEquals(new int[] {256, 256, 256, 256}, rn.gWidths());
    }

    @Test
    void paperVisualRnHasTheExpectedParameterCount() {
        ComputationGraph net = VisualRelationNet.builder().build();
        long conv = (3 * 3 * 3 * 24 + 24) + 3L * (3 * 3 * 24 * 24 + 24) + 4L * 4 * 24; // BN: gamma, beta, mean, var
        long g = (2L * 26 + 11) * 256 + 256 + 3L * (256 * 256 + 256);
        long f = 2L * (256 * 256 + 256) + 256 * 10 + 10;
        assertEquals(conv + g + f, ParameterCount.of(net));
    }

    @Test
    void smallVisualModelsTrainOneStepAndAnswerPerExample() {
        ConvStack tiny = ConvStack.of(3, 4, 2, 2, 2);
        INDArray image = Nd4j.rand(DataType.FLOAT, 3, 3, 20, 20);
        INDArray question = Nd4j.rand(DataType.FLOAT, 3, 11);
        INDArray labels = Nd4j.eye(10).getRows(0, 4, 7).castTo(DataType.FLOAT);
        for (ComputationGraph net : new ComputationGraph[] {
                VisualRelationNet.builder().image(20).conv(tiny).g(8, 8).hidden(8, 8).build(),
                CnnMlpBaseline.builder().image(20).conv(tiny).hidden(8, 8, 8).build()}) {
            INDArray before = net.params().dup();
            net.fit(new INDArray[] {image, question}, new INDArray[] {labels});
            assertTrue(net.params().sub(before).amaxNumber().doubleValue() > 0, "parameters moved");
            INDArray out = net.output(image, question)[0];
            assertArrayEquals(new long[] {3, 10}, out.shape());
            assertEquals(3.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
        }
    }

    @Test
    void wrongImageSizeIsAClearError() {
        ConvStack stack = ConvStack.of(3, 4, 2, 2, 2);
        // Our encoder names the image size it was built for ...
        assertTrue(wrongSizeError(stack).contains("ConvEncoder") && wrongSizeError(stack).contains("[batch, 3, 20, 20]"),
                wrongSizeError(stack));
        // ... DL4J's conv layers accept any size, and the RN block then names the feature map it expected.
        String dl4j = wrongSizeError(stack.withDl4jLayers());
        assertTrue(dl4j.contains("RelationModule") && dl4j.contains("[batch, 4, 3, 3]"), dl4j);
    }

    private static String wrongSizeError(ConvStack stack) {
        ComputationGraph net = VisualRelationNet.builder().image(20).conv(stack).g(8).hidden(8, 8).build();
        Exception e = assertThrows(Exception.class,
                () -> net.output(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), Nd4j.rand(DataType.FLOAT, 2, 11)));
        return e.toString() + (e.getCause() == null ? "" : e.getCause().toString());
    }
}
