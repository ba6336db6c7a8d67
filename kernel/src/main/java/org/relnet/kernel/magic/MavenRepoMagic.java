package org.relnet.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.relnet.kernel.RelNetKernel;

/** {@code %mavenRepo id url}: another repository for {@code %maven} and {@code %loadFromPOM}. */
final class MavenRepoMagic implements LineMagic<Void, RelNetKernel> {
    private final MavenResolver resolver;

    MavenRepoMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Void eval(RelNetKernel kernel, List<String> args) {
        if (args.size() != 2) throw new IllegalArgumentException("usage: %mavenRepo <id> <url>");
        resolver.addRepository(args.get(0), args.get(1));
        return null;
    }
}
