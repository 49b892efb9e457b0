package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an embedded H2 store leaves beside its file. */
class StoreFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailedStatementLeavesNoTraceFileWithItsValues() throws Exception {
        try (StageStore store = StageStore.open("jdbc:h2:file:" + dir.resolve("store"), "sa", "")) {
            StoreConnection db = new StoreConnection(store.url(), "sa", "");
            try {
                assertThatThrownBy(() -> db.list("SELECT no_such_column FROM ls_customer WHERE customer_id = ?",
                        List.of("erased-ann@example.com"), rs -> 1)).isInstanceOf(StoreException.class);
            } finally {
                db.close();
            }
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("store.mv.db");
        }
    }
}
