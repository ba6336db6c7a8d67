package org.relnet.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every session starts with, so a notebook needs no set-up cell: the JDK basics,
 * DL4J/ND4J, Tablesaw, XChart, the notebook functions, and every {@code org.relnet} package that
 * kernel-lib has (found at start-up, so packages added to kernel-lib later are imported too).
 */
final class StartupScript {
    private static final List<String> FIXED = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.nio.file.*",
            "java.time.*", "java.math.*",
            "org.nd4j.linalg.factory.Nd4j", "org.nd4j.linalg.api.ndarray.INDArray", "org.nd4j.linalg.api.buffer.DataType",
            "org.nd4j.linalg.activations.Activation", "org.nd4j.linalg.lossfunctions.LossFunctions",
            "org.nd4j.linalg.learning.config.Adam", "org.nd4j.linalg.learning.config.Sgd",
            "org.nd4j.linalg.dataset.api.MultiDataSet", "org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator",
            "org.deeplearning4j.nn.graph.ComputationGraph", "org.deeplearning4j.nn.conf.NeuralNetConfiguration",
            "org.deeplearning4j.nn.conf.ComputationGraphConfiguration", "org.deeplearning4j.nn.conf.inputs.InputType",
            "org.deeplearning4j.nn.weights.WeightInit",
            "tech.tablesaw.api.*",
            "org.knowm.xchart.*", "org.knowm.xchart.style.*",
            "java.awt.image.BufferedImage");

    private StartupScript() {}

    static String imports() {
        StringBuilder sb = new StringBuilder();
        for (String i : FIXED) sb.append("import ").append(i).append(";\n");
        for (String p : relnetPackages()) sb.append("import ").append(p).append(".*;\n");
        sb.append("import static org.relnet.kernel.NotebookStatics.*;\n");
        return sb.toString();
    }

    /** Packages of kernel-lib (the jar or classes folder that holds org.relnet.display) with classes in them. */
    static TreeSet<String> relnetPackages() {
        TreeSet<String> packages = new TreeSet<>();
        try {
            Path root = Path.of(org.relnet.display.Notebook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root.resolve("org/relnet"))) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> root.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
                            .forEach(packages::add);
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.startsWith("org/relnet/") && n.endsWith(".class")) packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.'));
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            KernelLog.warn("could not list kernel-lib's packages for the start-up imports: " + e);
        }
        return packages;
    }
}
