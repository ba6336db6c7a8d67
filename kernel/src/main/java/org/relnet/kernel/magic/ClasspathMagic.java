package org.relnet.kernel.magic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.relnet.kernel.RelNetKernel;

/** {@code %classpath dir-or-jar ...}: adds class folders or jars to the session's classpath. */
final class ClasspathMagic implements LineMagic<Void, RelNetKernel> {
    @Override
    public Void eval(RelNetKernel kernel, List<String> args) throws Exception {
        List<Path> paths = Globs.resolve("classpath", args, Files::exists, "file or folder");
        kernel.addToClasspath(paths);
        return null;
    }
}
