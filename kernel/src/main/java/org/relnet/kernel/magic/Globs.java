package org.relnet.kernel.magic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/** Magic arguments as files: IJava's simple globs, '/' separators; a pattern matching nothing is an error. */
final class Globs {
    private Globs() {}

    static List<Path> resolve(String magic, List<String> patterns, Predicate<Path> accept, String what) throws IOException {
        if (patterns.isEmpty()) throw new IllegalArgumentException("%" + magic + " needs at least one path or glob");
        List<Path> found = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> matched = PathsHandler.resolveGlobs(pattern).stream().filter(accept).toList();
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("%" + magic + ": no " + what + " matches '" + pattern
                        + "' (relative to " + Path.of("").toAbsolutePath() + ")");
            }
            found.addAll(matched);
        }
        return found;
    }
}
