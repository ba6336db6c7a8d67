package org.relnet.data.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DL4J download step and the fallbacks around it, without any real network: DL4J's own
 * downloader is pointed at a tiny MNIST-format set served by a local HTTP server (or at a closed
 * port, or a server that answers 404).
 */
class MnistDownloadTest {
    private static final String[] NAMES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    @TempDir Path tmp;
    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private MnistData tiny;

    @BeforeEach
    void serveTinySet() throws IOException {
        tiny = Mnist.synthetic(12, 6, 3);
        Path src = Files.createDirectories(tmp.resolve("src"));
        tiny.train().writeIdx(src.resolve(NAMES[0] + ".gz"), src.resolve(NAMES[1] + ".gz"));
        tiny.test().writeIdx(src.resolve(NAMES[2] + ".gz"), src.resolve(NAMES[3] + ".gz"));
        for (String n : NAMES) served.put("/mnist/" + n + ".gz", Files.readAllBytes(src.resolve(n + ".gz")));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            synchronized (requests) { requests.add(path); }
            byte[] body = served.get(path);
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) try (OutputStream o = ex.getResponseBody()) { o.write(body); }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist";
    }

    /** The same four archives as DL4J's, but on the local server with the MD5s of these files. */
    private static List<MnistDownload.Archive> archives(String rootUrl, Map<String, byte[]> files) {
        List<MnistDownload.Archive> out = new ArrayList<>();
        for (String n : NAMES) {
            byte[] gz = files.get("/mnist/" + n + ".gz");
            String md5 = gz == null ? "0".repeat(32) : md5(gz);
            out.add(new MnistDownload.Archive(rootUrl + "/" + n + ".gz", n + ".gz", md5));
        }
        return out;
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void downloadsWithDl4jsDownloaderThenReadsTheFiles() throws IOException {
        Path target = tmp.resolve("datasets").resolve("mnist");
        MnistDownload dl = MnistDownload.of(archives(root(), served));

        MnistData data = Mnist.load(target, 100, 100, dl);

        assertTrue(data.isReal(), data.source());  // read from the IDX files, not generated
        assertEquals(12, data.train().size());
        assertEquals(6, data.test().size());
        for (int i = 0; i < 6; i++) {
            assertEquals(tiny.test().label(i), data.test().label(i));
            assertEquals(tiny.test().pixel(i, 14, 14), data.test().pixel(i, 14, 14));
        }
        assertEquals(4, requests.size(), "one request per archive: " + requests);
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(4, s.count(), "the four archives, no lock file");
        }
        assertTrue(MnistReader.anyPresent(target));
        // nothing left beside the target: the hidden download directory is gone
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList());
        }
    }

    @Test
    void localFilesComeFirstAndNoDownloadIsTried() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("local"));
        tiny.train().writeIdx(target.resolve(NAMES[0]), target.resolve(NAMES[1]));
        tiny.test().writeIdx(target.resolve(NAMES[2]), target.resolve(NAMES[3]));
        MnistDownload dl = MnistDownload.of(archives(root(), served));

        MnistData data = Mnist.load(target, 100, 100, dl);

        assertTrue(data.isReal());
        assertTrue(requests.isEmpty());
    }

    @Test
    void unreachableMirrorFallsBackToTheLabelledStandInQuickly() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path target = tmp.resolve("offline").resolve("mnist");
        MnistDownload dl = MnistDownload.of(archives("http://127.0.0.1:" + closedPort + "/mnist", served));

        MnistDownload.Outcome o = dl.fetch(target);
        assertFalse(o.downloaded());
        assertTrue(o.message().startsWith("offline? cannot reach 127.0.0.1:" + closedPort), o.message());

        MnistData data = Mnist.load(target, 20, 10, dl);
        assertFalse(data.isReal());
        assertTrue(data.source().contains("SYNTHETIC"), data.source());
        assertEquals(20, data.train().size());
        assertFalse(Files.exists(target) && !listAll(target).isEmpty(), "no files may be left in " + target);
    }

    @Test
    void mirrorErrorsLeaveNoPartialFiles() throws IOException {
        Map<String, byte[]> missingTestLabels = new HashMap<>(served);
        missingTestLabels.remove("/mnist/" + NAMES[3] + ".gz");
        served.remove("/mnist/" + NAMES[3] + ".gz"); // the server answers 404 for the fourth file
        Path target = tmp.resolve("broken").resolve("mnist");
        MnistDownload dl = MnistDownload.of(archives(root(), missingTestLabels));

        MnistDownload.Outcome o = dl.fetch(target);

        assertFalse(o.downloaded());
        assertTrue(o.message().startsWith("DL4J download failed"), o.message());
        assertTrue(requests.contains("/mnist/" + NAMES[3] + ".gz"), "the first three were fetched, the fourth failed: " + requests);
        assertFalse(MnistReader.anyPresent(target), "three good files must not be moved in without the fourth");
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(0, s.count(), "the hidden download directory is removed");
        }
    }

    /** DL4J's own retry after a failed MD5 check deadlocks; this must fail once, quickly. */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void corruptedArchiveFailsTheMd5CheckAndIsNotUsed() throws IOException {
        Map<String, byte[]> expected = new HashMap<>(served);
        byte[] bad = served.get("/mnist/" + NAMES[0] + ".gz").clone();
        bad[bad.length / 2] ^= 0x55;
        served.put("/mnist/" + NAMES[0] + ".gz", bad);
        Path target = tmp.resolve("corrupt").resolve("mnist");
        MnistDownload dl = MnistDownload.of(archives(root(), expected));

        MnistDownload.Outcome o = dl.fetch(target);
        assertFalse(o.downloaded());
        assertTrue(o.message().contains("MD5 differs"), o.message());

        MnistData data = Mnist.load(target, 20, 10, dl);
        assertFalse(data.isReal());
        assertFalse(MnistReader.anyPresent(target));
    }

    @Test
    void dl4jsArchivesAreTheFourMnistFilesWithTheirKnownChecksums() {
        List<MnistDownload.Archive> a = MnistDownload.dl4jArchives();
        assertEquals(List.of(NAMES[0] + ".gz", NAMES[1] + ".gz", NAMES[2] + ".gz", NAMES[3] + ".gz"),
                a.stream().map(MnistDownload.Archive::fileName).toList());
        assertTrue(a.get(0).url().endsWith("/datasets/mnist/" + NAMES[0] + ".gz"), a.get(0).url());
        assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", a.get(0).md5()); // MNIST's published train-images archive
        for (MnistDownload.Archive x : a) assertEquals(32, x.md5().length(), x.toString());
    }

    @Test
    void disabledNeverTouchesTheNetwork() {
        MnistDownload.Outcome o = MnistDownload.disabled().fetch(tmp.resolve("x"));
        assertFalse(o.downloaded());
        assertTrue(o.message().contains("disabled"));
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
