package io.lifestage.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file a command writes its output to, made anew, with the folders it is in. */
final class OutputFile {

    private OutputFile() {
    }

    /** A UTF-8 writer of the file, replacing what it held; the folders on its path are made if missing. */
    static Writer create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
