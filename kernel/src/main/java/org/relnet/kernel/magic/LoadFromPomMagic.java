package org.relnet.kernel.magic;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.relnet.kernel.RelNetKernel;

/**
 * {@code %loadFromPOM pom.xml [scope...]} and {@code %%loadFromPOM}: the dependencies (and
 * repositories) of a POM, or of loose {@code <dependency>}/{@code <repository>} fragments, resolved
 * like {@code %maven}. Default scopes: compile and runtime.
 */
final class LoadFromPomMagic implements CellMagic<Void, RelNetKernel> {
    private static final Pattern FRAGMENT = Pattern.compile("<(dependency|repository)>.*?</\\1>", Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private final MavenResolver resolver;

    LoadFromPomMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    LineMagic<Void, RelNetKernel> line() {
        return (kernel, args) -> {
            if (args.isEmpty()) throw new IllegalArgumentException("usage: %loadFromPOM <pom.xml> [scope...]");
            Path pom = Path.of(args.get(0));
            if (!Files.isRegularFile(pom)) throw new IllegalArgumentException("%loadFromPOM: no file " + pom.toAbsolutePath());
            load(kernel, Files.readString(pom), pom.toString(), args.subList(1, args.size()));
            return null;
        };
    }

    @Override
    public Void eval(RelNetKernel kernel, List<String> args, String body) throws Exception {
        load(kernel, body, "the cell", args);
        return null;
    }

    private void load(RelNetKernel kernel, String xml, String where, List<String> scopes) throws Exception {
        Model model;
        try {
            model = new MavenXpp3Reader().read(new StringReader(asProject(xml)), false);
        } catch (Exception e) {
            throw new IllegalArgumentException("%loadFromPOM: " + where + " is not a POM nor <dependency>/<repository> fragments: " + e.getMessage(), e);
        }
        Properties props = model.getProperties();
        List<String> wanted = scopes.isEmpty() ? List.of("compile", "runtime") : scopes;
        model.getRepositories().forEach(r -> resolver.addRepository(r.getId(), interpolate(r.getUrl(), props)));
        List<Dependency> roots = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null ? "compile" : d.getScope();
            if (!wanted.contains(scope)) continue;
            String coords = interpolate(d.getGroupId(), props) + ":" + interpolate(d.getArtifactId(), props) + ":"
                    + (d.getType() == null ? "jar" : d.getType())
                    + (d.getClassifier() == null ? "" : ":" + interpolate(d.getClassifier(), props))
                    + ":" + interpolate(d.getVersion(), props);
            List<Exclusion> exclusions = d.getExclusions().stream()
                    .map(x -> new Exclusion(x.getGroupId(), x.getArtifactId(), "*", "*")).toList();
            roots.add(MavenResolver.dependency(coords, "runtime").setExclusions(exclusions));
        }
        List<Path> jars = resolver.resolve(roots);
        kernel.addToClasspath(jars);
        System.out.println("Added " + jars.size() + " jar(s) from " + roots.size() + " dependencies of " + where);
    }

    private static String asProject(String xml) {
        if (xml.contains("<project")) return xml;
        StringBuilder deps = new StringBuilder();
        StringBuilder repos = new StringBuilder();
        Matcher m = FRAGMENT.matcher(xml);
        while (m.find()) (m.group(1).equals("dependency") ? deps : repos).append(m.group()).append('\n');
        return "<project><modelVersion>4.0.0</modelVersion><dependencies>" + deps + "</dependencies><repositories>"
                + repos + "</repositories></project>";
    }

    private static String interpolate(String s, Properties props) {
        if (s == null) return null;
        Matcher m = PROPERTY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = props.getProperty(m.group(1));
            if (v == null) throw new IllegalArgumentException("%loadFromPOM: property ${" + m.group(1) + "} is not defined in the POM");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
