package org.relnet.data.mnist;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.deeplearning4j.common.resources.DL4JResources;
import org.eclipse.deeplearning4j.resources.utils.MnistResourceConstants;
import org.nd4j.common.resources.Downloader;

/**
 * Fetches MNIST with DL4J's own downloader when the machine is online.
 *
 * <p>The downloader is {@code org.deeplearning4j:resources}: DL4J's mirror URL, file names and MD5
 * of each archive ({@link MnistResourceConstants}, the data behind {@code ResourceDataSets.mnistTrain()}
 * and DL4J's {@code MnistFetcher}), fetched by its {@link Downloader} (not
 * {@code DownloadableResource.download}, see {@link #fetch}). That jar is
 * already on the classpath through {@code deeplearning4j-nn}, so this adds no dependency; DL4J's
 * {@code MnistFetcher} in {@code deeplearning4j-datasets} is only a thin wrapper around the same
 * four resources but would bring DataVec's image stack (OpenCV, FFmpeg natives).
 *
 * <p>Offline it must cost next to nothing: a probe (name lookup and TCP connect to the mirror, at
 * most {@link #PROBE_TIMEOUT_MS}) runs first, and only a reachable mirror gets the real download
 * (short connect timeout, one attempt). The files go to a hidden directory beside the target and are
 * checked with {@link MnistReader} before they are moved in, so a failed or partial download never
 * leaves files that would later be mistaken for a finished MNIST directory.
 * {@code RELNET_MNIST_DOWNLOAD=0} turns the download off (e.g. on a metered connection).
 */
public final class MnistDownload {
    /** Environment variable: {@code 0}, {@code false} or {@code off} disables downloading. */
    public static final String SWITCH = "RELNET_MNIST_DOWNLOAD";
    static final int PROBE_TIMEOUT_MS = 3_000;
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int READ_TIMEOUT_MS = 30_000;

    /** How an attempt went; {@code message} says why in words a notebook can print. */
    public record Outcome(boolean downloaded, String message) {}

    /** One file to fetch: its URL, the name to save it under, its MD5 (empty: not checked). */
    record Archive(String url, String fileName, String md5) {}

    private final List<Archive> archives;
    private final boolean enabled;

    private MnistDownload(List<Archive> archives, boolean enabled) {
        this.archives = List.copyOf(archives);
        this.enabled = enabled;
    }

    /** DL4J's four MNIST resources, enabled unless {@code RELNET_MNIST_DOWNLOAD} says otherwise. */
    public static MnistDownload dl4j() {
        String v = System.getenv(SWITCH);
        boolean off = v != null && List.of("0", "false", "off", "no").contains(v.trim().toLowerCase(Locale.ROOT));
        return new MnistDownload(dl4jArchives(), !off);
    }

    /** Never downloads (tests, or callers that must stay offline). */
    public static MnistDownload disabled() {
        return new MnistDownload(List.of(), false);
    }

    /** Other resources than DL4J's mirror: lets tests serve tiny files from a local HTTP server. */
    static MnistDownload of(List<Archive> archives) {
        return new MnistDownload(archives, true);
    }

    /**
     * DL4J's four MNIST archives: its mirror ({@code DL4JResources}, which honours the system
     * property {@code org.deeplearning4j.resources.baseurl}), file names and MD5 sums. The sums
     * are taken from {@link MnistResourceConstants} because the resources of
     * {@code ResourceDataSets} do not return theirs ({@code md5Sum()} is empty in 1.0.0-M2.1).
     */
    static List<Archive> dl4jArchives() {
        return List.of(
                dl4j(MnistResourceConstants.getMNISTTrainingFilesURL(), MnistResourceConstants.getMNISTTrainingFilesMD5()),
                dl4j(MnistResourceConstants.getMNISTTrainingFileLabelsURL(), MnistResourceConstants.getMNISTTrainingFileLabelsMD5()),
                dl4j(MnistResourceConstants.getTestFilesURL(), MnistResourceConstants.getTestFilesMD5()),
                dl4j(MnistResourceConstants.getTestFileLabelsURL(), MnistResourceConstants.getTestFileLabelsMD5()));
    }

    private static Archive dl4j(String relativeUrl, String md5) {
        String url = DL4JResources.getURLString(relativeUrl);
        return new Archive(url, url.substring(url.lastIndexOf('/') + 1), md5);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Downloads the four files into {@code target} (created if needed). Never throws for network
     * or mirror problems: the outcome says what went wrong, and {@code target} is left as it was.
     */
    public Outcome fetch(Path target) {
        if (!enabled) return new Outcome(false, "download disabled (" + SWITCH + "=0 or offline mode)");
        Path parent = target.toAbsolutePath().normalize().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".download-");
            String unreachable = probe(archives.get(0).url());
            if (unreachable != null) return new Outcome(false, unreachable);
            for (Archive a : archives) {
                URL url = URI.create(a.url()).toURL();
                File archive = new File(tmp.toFile(), a.fileName());
                System.out.println("  downloading " + url + " (DL4J downloader)");
                // One attempt and no MD5 inside DL4J: its retry after a failed check re-enters the
                // download lock it already holds and then waits forever (1.0.0-M2.1). The check is
                // done here instead, against DL4J's own checksum of the archive.
                Downloader.download(a.fileName(), url, archive, "", 1, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
                if (!a.md5().isEmpty() && !Downloader.checkMD5OfFile(a.md5(), archive)) {
                    throw new IOException(url + ": MD5 differs from DL4J's checksum " + a.md5()
                            + " (corrupted download, or a proxy answered instead of the mirror)");
                }
            }
            // The archives are kept gzipped: MnistReader reads .gz directly.
            MnistReader.read(tmp); // all four present and well-formed, or an exception naming the file
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    // keep the data files; DL4J's inProgress.lock is not data
                    if (Files.isRegularFile(f) && f.getFileName().toString().contains("-ubyte")) {
                        Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return new Outcome(true, "downloaded MNIST with DL4J's downloader into " + target);
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "DL4J download failed: " + describe(e));
        } finally {
            if (tmp != null) deleteTree(tmp);
        }
    }

    /** Null when the mirror's host answers a TCP connect within the probe time, else why not. */
    static String probe(String rootUrl) {
        URI uri = URI.create(rootUrl);
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        // Name lookups cannot be given a timeout in Java, so the whole probe runs on a daemon
        // thread and is abandoned when it takes too long (a hung resolver must not hang the notebook).
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
                f.complete(null);
            } catch (IOException | RuntimeException e) {
                f.complete("offline? cannot reach " + host + ":" + port + " (" + describe(e) + ")");
            }
        }, "mnist-download-probe");
        t.setDaemon(true);
        t.start();
        try {
            return f.get(PROBE_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "offline? no answer from " + host + ":" + port + " within " + PROBE_TIMEOUT_MS + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing " + host;
        } catch (java.util.concurrent.ExecutionException e) {
            return "probe failed: " + describe(e.getCause());
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == e ? m : e.getClass().getSimpleName() + " caused by " + m;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a left-over hidden temp directory is harmless and named as such
        }
    }
}
