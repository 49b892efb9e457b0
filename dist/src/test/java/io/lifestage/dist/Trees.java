package io.lifestage.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Copies of directory trees for tests that run a build or a module somewhere else. */
final class Trees {

    private Trees() {
    }

    /**
     * Copies the tree at {@code from} to {@code to}, which must not exist yet, but for the paths (relative to
     * {@code from}) that {@code kept} refuses.
     */
    static void copy(Path from, Path to, Predicate<Path> kept) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(file -> kept.test(from.relativize(file))).toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }
}
