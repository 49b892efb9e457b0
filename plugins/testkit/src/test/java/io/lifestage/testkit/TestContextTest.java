package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Stage;
import io.lifestage.api.StageModel;
import io.lifestage.api.spi.Rejection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test context behaves as the engine's would: declared keys only, defaults filled; a read of an undeclared key
 * fails; rejects and logs kept.
 */
class TestContextTest {

    private final InMemoryConnector memory = new InMemoryConnector();

    @Test
    void fillsDeclaredDefaultsAndKeepsGivenSettings() {
        TestContext context = TestContext.forSource(memory).with("stream", "web").build();

        assertThat(context.setting("stream")).contains("web");
        assertThat(context.integerSetting(InMemoryConnector.BATCH_SIZE)).isEqualTo(100);
        assertThat(context.name()).isEqualTo("test-memory");
        assertThat(context.resumePosition()).isEmpty();
    }

    @Test
    void refusesAKeyTheProviderDoesNotDeclareNamingTheDeclaredOnes() {
        assertThatThrownBy(() -> TestContext.forSink(memory).with("batch-size", "5").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connector type 'memory' declares no sink key 'batch-size' (declared: stream);"
                        + " declare it in sink() or remove the setting");
    }

    @Test
    void failsAReadOfAKeyTheProviderDoesNotDeclareNamingTheConnectorAndTheDeclaredOnes() {
        TestContext context = TestContext.forSink(memory).named("crm").build();

        assertThatThrownBy(() -> context.setting("batch-size"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("connector type 'memory' declares no sink key 'batch-size' (declared: stream);"
                        + " connector 'crm' reads it, but the engine hands a connector only the keys it declares:"
                        + " declare it in sink()");
        assertThatThrownBy(() -> context.integerSetting(InMemoryConnector.BATCH_SIZE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void removesASettingAndItsDefaultWhenGivenNull() {
        TestContext context = TestContext.forSource(memory).with("batch-size", null).build();

        assertThat(context.setting("batch-size")).isEmpty();
        assertThatThrownBy(() -> context.requiredSetting(InMemoryConnector.SOURCE_STREAM))
                .hasMessage("required setting 'stream' is missing");
    }

    @Test
    void carriesTheResumePositionOfASourceOnly() {
        assertThat(TestContext.forSource(memory).named("crm").resumingAt("42").build().resumePosition())
                .contains("42");
        assertThatThrownBy(() -> TestContext.forSink(memory).resumingAt("42"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void handsASinkTheStageModelAsTheEngineDoesAndASourceNone() {
        StageModel stages = StageModel.of(List.of(new Stage("lead", "", ""), new Stage("customer", "", "")));

        assertThat(TestContext.forSink(memory).withStages(stages).build().stageModel()).containsSame(stages);
        assertThat(TestContext.forSink(memory).build().stageModel()).isEmpty();
        assertThatThrownBy(() -> TestContext.forSource(memory).withStages(stages))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsRejectsInOrder() {
        TestContext context = TestContext.forSource(memory).build();
        Rejection first = new Rejection("crm", "row 3", "no id", "{}");
        Rejection second = new Rejection("crm", "row 9", "bad date", "{\"at\":\"x\"}");

        context.reject(first);
        context.reject(second);

        assertThat(context.rejects()).containsExactly(first, second);
    }

    @Test
    void keepsLogMessagesOfEveryLevelWithTheirParameters() {
        TestContext context = TestContext.forSource(memory).build();

        context.logger().log(System.Logger.Level.TRACE, "polling");
        context.logger().log(System.Logger.Level.WARNING, "attempt {0} of {1} failed", 1, 5);

        assertThat(context.logged()).containsExactly("polling", "attempt 1 of 5 failed");
    }
}
