package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.LifestageException;
import io.lifestage.engine.store.StoreException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private final ErrorMapper mapper = new ErrorMapper(new StoreOutage());

    @Test
    void aRequestTheEngineRefusesIsA400WithTheEnginesCode() {
        Response response = mapper.toResponse(new LifestageException(LifestageException.Kind.INVALID_REQUEST,
                "LS-RUN-0001", "the as-of is before the last run's", null));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getEntity()).isEqualTo("{\"error\":\"invalid_request\",\"message\":\"the as-of is before"
                + " the last run's\",\"code\":\"LS-RUN-0001\"}");
    }

    @Test
    void aStoreOutOfReachIsA503WithRetryAfterAndTheStoresCodeWhereverItIsInTheCauses() {
        StoreException down = new StoreException("LS-STORE-0002", "cannot reach jdbc:postgresql://db/lifestage",
                new SQLException("Connection refused", "08001"));

        Response response = mapper.toResponse(new IllegalStateException("evaluation failed", down));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo(ErrorMapper.RETRY_AFTER);
        assertThat((String) response.getEntity()).contains("\"error\":\"store_unavailable\"")
                .contains("\"code\":\"LS-STORE-0002\"").doesNotContain("postgresql");
    }

    @Test
    void aStoreThatRefusesAStatementIsA500ThatTellsNothingOfTheDatabase() {
        Response response = mapper.toResponse(new StoreException("LS-STORE-0011", "cannot write to the store",
                new SQLException("value too long for 'Alice'", "22001")));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat((String) response.getEntity()).contains("\"error\":\"internal\"").doesNotContain("Alice");
    }
}
