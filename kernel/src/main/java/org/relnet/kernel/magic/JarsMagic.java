package org.relnet.kernel.magic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.relnet.kernel.RelNetKernel;

/** {@code %jars lib/*.jar ...}: adds jar files to the session's classpath. */
final class JarsMagic implements LineMagic<Void, RelNetKernel> {
    @Override
    public Void eval(RelNetKernel kernel, List<String> args) throws Exception {
        List<Path> jars = Globs.resolve("jars", args, p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"), "jar file");
        kernel.addToClasspath(jars);
        return null;
    }
}
