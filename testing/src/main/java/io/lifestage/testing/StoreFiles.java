package io.lifestage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The bytes of the files in a store's directory, for tests that check an erased customer's data left every one. */
public final class StoreFiles {

    private StoreFiles() {
    }

    /** Each text (as UTF-8) found in a file of the directory, as {@code "text in file"}; none when none is. */
    public static List<String> holding(Path dir, String... texts) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (NoSuchFileException replaced) {
                    continue;
                }
                for (String text : texts) {
                    if (indexOf(bytes, text.getBytes(StandardCharsets.UTF_8)) >= 0) {
                        found.add(text + " in " + file.getFileName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** What {@link #holding} finds once it finds nothing, or when the time is up. */
    public static List<String> holdingAfter(Duration bound, Path dir, String... texts) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> found = holding(dir, texts);
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = holding(dir, texts);
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
