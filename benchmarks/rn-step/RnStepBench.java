import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relnet.rn.CnnMlpBaseline;
import org.relnet.rn.ConvStack;
import org.relnet.rn.VisualRelationNet;

/**
 * DL4J side of the rn-step benchmark (run by run.sh with kernel-lib on the classpath).
 * Usage: java RnStepBench.java MODEL WARMUP STEPS   (MODEL: rn75 | rn128 | rn128coarse | cnnmlp75, optionally
 * with the suffix @dl4jconv: the conv stack built from DL4J's layers instead of kernel-lib's ConvEncoder, or
 * @libnd4j: kernel-lib without its direct oneDNN calls, i.e. libnd4j's conv2d ops, Java batch-norm loops and OpenBLAS products)
 * Prints one line: RESULT model=... ms_median=... ms_mean=... rss_mb=...
 */
public class RnStepBench {

    public static void main(String[] args) throws Exception {
        String[] spec = args[0].split("@");
        String model = spec[0];
        boolean dl4jConv = spec.length > 1 && spec[1].equals("dl4jconv");
        if (spec.length > 1 && spec[1].equals("libnd4j")) {
            System.setProperty("relnet.onednn", "false"); // before any model exists (read once, see Conv2d)
        }
        int warmup = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int size = model.contains("128") ? 128 : 75;
        ComputationGraph net = switch (model) {
            case "rn75" -> VisualRelationNet.builder().conv(conv(ConvStack.for75px(), dl4jConv)).build();
            case "rn128" -> VisualRelationNet.builder().image(128).conv(conv(ConvStack.fine128px(), dl4jConv)).build();
            case "rn128coarse" -> VisualRelationNet.builder().image(128).conv(conv(ConvStack.coarse128px(), dl4jConv)).build();
            case "cnnmlp75" -> CnnMlpBaseline.builder().conv(conv(ConvStack.for75px(), dl4jConv)).build();
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        int batch = 64;
        Nd4j.getRandom().setSeed(0);
        INDArray image = Nd4j.rand(DataType.FLOAT, batch, 3, size, size);
        INDArray question = Nd4j.rand(DataType.FLOAT, batch, 11).gt(0.5).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, (i * 7) % 10, 1);
        }
        INDArray[] in = {image, question};
        INDArray[] out = {labels};
        double[] times = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            if (i == warmup) {
                org.relnet.rn.PhaseTimer.reset();
            }
            long t0 = System.nanoTime();
            net.fit(in, out);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= warmup) {
                times[i - warmup] = ms;
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        if (Boolean.getBoolean("relnet.rn.profile")) {
            System.out.println("PHASES (ms over " + steps + " steps): " + org.relnet.rn.PhaseTimer.report());
        }
        System.out.printf("RESULT model=%s impl=dl4j ms_median=%.1f ms_mean=%.1f rss_mb=%.0f loss=%.4f%n", model, median,
                Arrays.stream(times).average().orElse(Double.NaN), peakRssMb(), net.score());
    }

    private static ConvStack conv(ConvStack stack, boolean dl4jLayers) {
        return dl4jLayers ? stack.withDl4jLayers() : stack;
    }

    private static double peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.split("\\s+")[1]) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
