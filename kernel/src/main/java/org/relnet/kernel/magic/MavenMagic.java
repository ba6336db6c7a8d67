package org.relnet.kernel.magic;

import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.relnet.kernel.RelNetKernel;

/** {@code %maven g:a:v ...} (aliases {@code %addMavenDependency}, {@code %addMavenDependencies}): adds artifacts with their transitive runtime dependencies. */
final class MavenMagic implements LineMagic<Void, RelNetKernel> {
    private final MavenResolver resolver;

    MavenMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Void eval(RelNetKernel kernel, List<String> args) throws Exception {
        if (args.isEmpty()) throw new IllegalArgumentException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        List<Path> jars = resolver.resolve(args.stream().map(c -> MavenResolver.dependency(c, JavaScopes.RUNTIME)).toList());
        kernel.addToClasspath(jars);
        System.out.println("Added " + jars.size() + " jar(s) to the classpath" + (jars.isEmpty() ? " (all were already there)" : ""));
        return null;
    }
}
