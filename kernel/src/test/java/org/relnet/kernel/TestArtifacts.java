package org.relnet.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Small compiled classes, jars and a file-based Maven repository for the magic tests. */
final class TestArtifacts {
    private TestArtifacts() {}

    /** Compiles one class (source given) into {@code classes}, with {@code classpath} to compile against. */
    static Path compile(Path classes, String className, String source, String classpath) throws IOException {
        Path src = Files.createTempDirectory("relnet-src").resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(src, source);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", classpath == null ? classes.toString() : classpath, src.toString());
        if (rc != 0) throw new IllegalStateException("test source did not compile: " + className);
        return classes;
    }

    static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Deploys a jar and its POM (with the given dependencies "g:a:v") into a file repository. */
    static void deploy(Path repo, String group, String artifact, String version, Path jar, List<String> deps) throws IOException {
        deploy(repo, group, artifact, version, jar, deps, "");
    }

    /** A parent POM whose profile is activated by the JDK version, as many real parents (e.g. Apache Commons) do. */
    static void deployParent(Path repo, String group, String artifact, String version) throws IOException {
        Path dir = repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"),
                "<project><modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId><artifactId>" + artifact
                        + "</artifactId><version>" + version + "</version><packaging>pom</packaging>"
                        + "<profiles><profile><id>modern</id><activation><jdk>[1.8,)</jdk></activation>"
                        + "<properties><x>y</x></properties></profile></profiles></project>");
    }

    static void deploy(Path repo, String group, String artifact, String version, Path jar, List<String> deps, String parentXml)
            throws IOException {
        Path dir = repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        StringBuilder d = new StringBuilder();
        for (String dep : deps) {
            String[] p = dep.split(":");
            d.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version></dependency>");
        }
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"),
                "<project><modelVersion>4.0.0</modelVersion>" + parentXml + "<groupId>" + group + "</groupId><artifactId>" + artifact
                        + "</artifactId><version>" + version + "</version><dependencies>" + d + "</dependencies></project>");
    }
}
