package org.relnet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relnet.kernel.JupyterTestClient.Cell;

/** IJava's magics, each through a real execute request. */
class MagicsTest {
    private static Path work;
    private static Path repo;
    private final JupyterTestClient k = SharedKernel.client();

    @BeforeAll
    static void buildArtifacts() throws Exception {
        work = Files.createTempDirectory("relnet-magics");
        Path jarClasses = TestArtifacts.compile(work.resolve("jar-classes"), "magicjar.Hello",
                "package magicjar; public class Hello { public static String hi() { return \"hi from jar\"; } }", null);
        TestArtifacts.jar(jarClasses, work.resolve("jars/hello.jar"));
        TestArtifacts.compile(work.resolve("cp-classes"), "magiccp.Cp",
                "package magiccp; public class Cp { public static final String NAME = \"from class folder\"; }", null);

        // app -> lib: %maven must bring lib although only app is named.
        repo = work.resolve("repo");
        Path lib = TestArtifacts.compile(work.resolve("lib-classes"), "mlib.Lib",
                "package mlib; public class Lib { public static String name() { return \"transitive lib\"; } }", null);
        TestArtifacts.deploy(repo, "test.relnet", "lib", "1.0", TestArtifacts.jar(lib, work.resolve("lib.jar")), List.of());
        Path app = TestArtifacts.compile(work.resolve("app-classes"), "mapp.App",
                "package mapp; public class App { public static String greet() { return \"app uses \" + mlib.Lib.name(); } }", lib.toString());
        Files.walk(app).filter(p -> p.toString().contains("mlib")).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        TestArtifacts.deployParent(repo, "test.relnet", "parent", "1.0");
        TestArtifacts.deploy(repo, "test.relnet", "app", "1.0", TestArtifacts.jar(app, work.resolve("app.jar")), List.of("test.relnet:lib:1.0"),
                "<parent><groupId>test.relnet</groupId><artifactId>parent</artifactId><version>1.0</version></parent>");
        Path other = TestArtifacts.compile(work.resolve("other-classes"), "mother.Other",
                "package mother; public class Other { public static int n() { return 7; } }", null);
        TestArtifacts.deploy(repo, "test.relnet", "other", "1.0", TestArtifacts.jar(other, work.resolve("other.jar")), List.of());
        Path pomDep = TestArtifacts.compile(work.resolve("pom-classes"), "mpom.FromPom",
                "package mpom; public class FromPom { public static String s() { return \"via pom\"; } }", null);
        TestArtifacts.deploy(repo, "test.relnet", "pomdep", "1.0", TestArtifacts.jar(pomDep, work.resolve("pomdep.jar")), List.of());
    }

    private void ok(Cell c) {
        assertEquals("ok", c.status(), () -> c.reply().content() + "\n" + (c.ofType("error").isEmpty() ? "" : c.traceback()));
    }

    @Test
    void jarsAddsJarFilesByGlob() {
        ok(k.run("%jars " + work.resolve("jars") + "/*.jar"));
        assertEquals("hi from jar", k.run("magicjar.Hello.hi()").result());
    }

    @Test
    void jarsWithNoMatchSaysWhichPattern() {
        Cell c = k.run("%jars " + work + "/nothing-*.jar");
        assertEquals("error", c.status());
        assertTrue(c.error().text("evalue").contains("nothing-*.jar"), c.error().content().toString());
    }

    @Test
    void classpathAddsAClassFolder() {
        ok(k.run("%classpath " + work.resolve("cp-classes")));
        assertEquals("from class folder", k.run("magiccp.Cp.NAME").result());
    }

    @Test
    void mavenResolvesTransitiveDependencies() {
        ok(k.run("%mavenRepo testrepo " + repo.toUri()));
        Cell add = k.run("%maven test.relnet:app:1.0");
        ok(add);
        assertTrue(add.stdout().contains("Added 2 jar(s)"), add.stdout());
        assertEquals("app uses transitive lib", k.run("mapp.App.greet()").result());
        ok(k.run("%addMavenDependency test.relnet:other:1.0"));
        assertEquals("7", k.run("mother.Other.n()").result());
    }

    @Test
    void loadFromPomReadsLooseFragments() {
        Cell c = k.run("%%loadFromPOM\n<repository><id>pomrepo</id><url>" + repo.toUri() + "</url></repository>\n"
                + "<dependency><groupId>test.relnet</groupId><artifactId>pomdep</artifactId><version>1.0</version></dependency>");
        ok(c);
        assertEquals("via pom", k.run("mpom.FromPom.s()").result());
    }

    @Test
    void loadRunsScriptsAndNotebookCodeCells() throws Exception {
        Path script = work.resolve("helpers.jsh");
        Files.writeString(script, "int loadedFromScript = 3;\nString twice(String s) { return s + s; }\n");
        ok(k.run("%load " + work.resolve("helpers")));
        assertEquals("abab", k.run("twice(\"ab\") ").result());

        Path nb = work.resolve("chapter.ipynb");
        Files.writeString(nb, "{\"cells\":[{\"cell_type\":\"markdown\",\"source\":[\"# not code\"]},"
                + "{\"cell_type\":\"code\",\"source\":[\"int fromNotebook = \\n\", \"loadedFromScript * 2;\"]}],"
                + "\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");
        ok(k.run("%load " + nb));
        assertEquals("6", k.run("fromNotebook").result());
    }

    @Test
    void timeMeasuresALineAndACell() {
        Cell line = k.run("%time String timed = String.join(\" \", \"a\", \"b\");");
        ok(line);
        assertTrue(line.stdout().startsWith("Wall time: "), line.stdout());
        assertEquals("a b", k.run("timed").result());

        Cell cell = k.run("%%time\nint tw = 21;\ntw * 2");
        ok(cell);
        assertTrue(cell.stdout().startsWith("Wall time: "), cell.stdout());
        assertEquals("42", cell.ofType("display_data").get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void htmlAndMarkdownCellsDisplayTheirBody() {
        Cell html = k.run("%%html\n<p>hi <b>there</b></p>");
        ok(html);
        assertEquals("<p>hi <b>there</b></p>", html.ofType("display_data").get(0).content().getAsJsonObject("data").get("text/html").getAsString());
        Cell md = k.run("%%markdown\n# Title\n$x^2$");
        ok(md);
        assertEquals("# Title\n$x^2$", md.ofType("display_data").get(0).content().getAsJsonObject("data").get("text/markdown").getAsString());
    }

    @Test
    void magicsCanBeCalledFromCode() {
        ok(k.run("lineMagic(\"classpath\", List.of(\"" + work.resolve("cp-classes") + "\"));"));
        Cell c = k.run("cellMagic(\"html\", List.of(), \"<i>x</i>\");");
        ok(c);
        assertEquals("<i>x</i>", c.ofType("display_data").get(0).content().getAsJsonObject("data").get("text/html").getAsString());
    }

    @Test
    void unknownMagicIsAnError() {
        Cell c = k.run("%nosuchmagic 1");
        assertEquals("error", c.status());
        assertTrue(c.error().content().toString().contains("nosuchmagic"), c.error().content().toString());
    }
}
