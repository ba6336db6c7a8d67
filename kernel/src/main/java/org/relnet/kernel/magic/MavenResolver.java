package org.relnet.kernel.magic;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * Maven's own resolver (the one {@code mvn} uses), so {@code %maven} gets the full transitive
 * runtime closure, nearest-wins versions and exclusions exactly as a Maven build would; IJava's
 * Ivy translation lost transitive classes. Reads and fills the local repository ({@code ~/.m2},
 * or {@code -Dmaven.repo.local}), downloads from Maven Central and repositories added with
 * {@code %mavenRepo}.
 */
final class MavenResolver {
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
    private RepositorySystem system;
    private DefaultRepositorySystemSession session;

    MavenResolver() {
        addRepository("central", "https://repo.maven.apache.org/maven2/");
    }

    synchronized void addRepository(String id, String url) {
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    static Path localRepository() {
        String custom = System.getProperty("maven.repo.local");
        return custom != null ? Path.of(custom) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private void init() {
        if (system != null) return;
        system = new RepositorySystemSupplier().get();
        session = MavenRepositorySystemUtils.newSession();
        // POMs activate profiles on java.version & co.: without these the model is invalid and, under
        // the default lenient policy, the artifact silently loses its dependencies (IJava's old bug).
        session.setSystemProperties(System.getProperties());
        session.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(true, false));
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(localRepository().toFile())));
        session.setTransferListener(new ProgressPrinter());
    }

    /** Jar files of {@code coordinates} ("g:a[:ext[:classifier]]:v") and everything they need at runtime. */
    synchronized List<Path> resolve(List<Dependency> roots) throws DependencyResolutionException {
        init();
        CollectRequest collect = new CollectRequest();
        roots.forEach(collect::addDependency);
        collect.setRepositories(new ArrayList<>(repositories.values()));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<Path> jars = new ArrayList<>();
        Set<String> onClasspath = Set.of(System.getProperty("java.class.path").split(File.pathSeparator));
        for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
            Artifact a = r.getArtifact();
            if (a == null || a.getFile() == null) continue;
            String path = a.getFile().getAbsolutePath();
            if (!onClasspath.contains(path)) jars.add(a.getFile().toPath());
        }
        return jars;
    }

    static Dependency dependency(String coordinates, String scope) {
        try {
            return new Dependency(new DefaultArtifact(coordinates), scope);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + coordinates + "' is not a Maven coordinate: use groupId:artifactId[:packaging[:classifier]]:version", e);
        }
    }

    /** Download progress as plain lines: a first %maven from Central can take a while. */
    private static final class ProgressPrinter extends org.eclipse.aether.transfer.AbstractTransferListener {
        @Override
        public void transferSucceeded(org.eclipse.aether.transfer.TransferEvent event) {
            if (event.getRequestType() == org.eclipse.aether.transfer.TransferEvent.RequestType.GET) {
                System.out.println("Downloaded " + event.getResource().getRepositoryUrl() + event.getResource().getResourceName());
            }
        }
    }
}
