package org.relnet.kernel.magic;

import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** IJava's magics, one class each, under IJava's names and aliases. */
public final class Magics {
    private Magics() {}

    public static void registerAll(MagicsRegistry r) {
        r.registerLineMagic("jars", new JarsMagic());
        r.registerLineMagic("classpath", new ClasspathMagic());
        MavenResolver resolver = new MavenResolver();
        MavenMagic maven = new MavenMagic(resolver);
        r.registerLineMagic("maven", maven);
        r.registerLineMagic("addMavenDependency", maven);
        r.registerLineMagic("addMavenDependencies", maven);
        r.registerLineMagic("mavenRepo", new MavenRepoMagic(resolver));
        LoadFromPomMagic pom = new LoadFromPomMagic(resolver);
        r.registerLineMagic("loadFromPOM", pom.line());
        r.registerCellMagic("loadFromPOM", pom);
        r.registerLineMagic("load", new LoadMagic());
        TimeMagic time = new TimeMagic();
        r.registerLineMagic("time", time.line());
        r.registerCellMagic("time", time);
        r.registerCellMagic("html", new HtmlMagic());
        r.registerCellMagic("markdown", new MarkdownMagic());
    }
}
