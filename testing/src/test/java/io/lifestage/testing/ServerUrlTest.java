package io.lifestage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerUrlTest {

    @Test
    void swapsTheDatabaseAndKeepsTheOptions() {
        ServerUrl server = new ServerUrl("jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres&ssl=false");

        assertThat(server.withDatabase("ls_1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:55432/ls_1?user=postgres&ssl=false");
    }

    @Test
    void swapsTheDatabaseOfAUrlWithoutOptions() {
        assertThat(new ServerUrl("jdbc:postgresql://db:5432/postgres").withDatabase("ls_2"))
                .isEqualTo("jdbc:postgresql://db:5432/ls_2");
    }

    @Test
    void refusesAUrlOfAnotherDatabase() {
        assertThatThrownBy(() -> new ServerUrl("jdbc:h2:mem:test"))
                .hasMessageContaining("jdbc:h2:mem:test")
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
    }
}
