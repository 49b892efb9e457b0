package io.lifestage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StageModelTest {

    @Test
    void keepsTheDeclaredOrder() {
        StageModel model = StageModel.of(List.of(
                new Stage("reach", "Reach", ""), new Stage("acquisition", null, null),
                new Stage("loyal", "Loyal", "")));

        assertThat(model.names()).containsExactly("reach", "acquisition", "loyal");
        assertThat(model.find("acquisition")).get().extracting(Stage::label).isEqualTo("acquisition");
        assertThat(model.declares("churn")).isFalse();
    }

    @Test
    void tellsAMoveBackInTheFunnelFromAMoveForward() {
        StageModel model = StageModel.of(List.of(new Stage("reach", "", ""), new Stage("customer", "", ""),
                new Stage("churn", "", "")));

        assertThat(model.isBackward("customer", "reach")).isTrue();
        assertThat(model.isBackward("reach", "churn")).isFalse();
        assertThat(model.isBackward(null, "reach")).isFalse();
        assertThatThrownBy(() -> model.isBackward("reach", "lead")).hasMessage(
                "stage 'lead' is not one of [reach, customer, churn]");
    }

    @Test
    void refusesAStageDeclaredTwice() {
        assertThatThrownBy(() -> StageModel.of(List.of(new Stage("loyal", "", ""), new Stage("loyal", "", ""))))
                .hasMessageContaining("'loyal' is declared twice");
    }

    @Test
    void refusesANameRulesCouldNotWrite() {
        assertThatThrownBy(() -> new Stage("Loyal Customers", "", ""))
                .hasMessageContaining("'Loyal Customers'");
    }
}
