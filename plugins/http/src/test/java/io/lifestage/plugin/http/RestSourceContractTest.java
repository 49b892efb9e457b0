package io.lifestage.plugin.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SegmentJson;
import io.lifestage.testkit.SourceContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST source through the test kit's contract, against an API on loopback that pages by cursor. */
class RestSourceContractTest extends SourceContract {

    private static final int PAGE_SIZE = 2;

    @RegisterExtension
    static final WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @Override
    protected ConnectorProvider provider() {
        return new HttpConnectorProvider();
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) {
        List<Fact> served = new ArrayList<>(facts);
        serve(served);
        return Input.growing(Map.of("url", api.baseUrl() + "/events"), appended -> {
            served.addAll(appended);
            serve(served);
        });
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return Map.of("url", api.baseUrl() + "/events", "page-size", "100");
    }

    /** Serves the facts in pages of two: the first page without a cursor, page {@code pN} starting at fact N. */
    private static void serve(List<Fact> facts) {
        api.resetAll();
        for (int start = 0; start < Math.max(facts.size(), 1); start += PAGE_SIZE) {
            int end = Math.min(start + PAGE_SIZE, facts.size());
            String records = facts.subList(start, end).stream().map(fact -> SegmentJson.call((Event) fact))
                    .collect(Collectors.joining(","));
            String next = end < facts.size() ? "\"p" + end + "\"" : "null";
            api.stubFor(get(urlPathEqualTo("/events"))
                    .withQueryParam("cursor", start == 0 ? absent() : equalTo("p" + start))
                    .willReturn(okJson("{\"data\":[" + records + "],\"next_cursor\":" + next + "}")));
        }
    }
}
