package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The control group of an action: the share the pack asks for, and the same customers on every run and machine. */
class HoldoutSplitTest {

    private static final List<String> IDS = IntStream.range(0, 10_000).mapToObj(i -> String.format("u%07d", i))
            .toList();

    private static ActionCatalog.Action holdingOut(String name, int basisPoints) {
        return new ActionCatalog.Action(name, "email:" + name, List.of(), List.of(), List.of(), basisPoints,
                new ActionCatalog.Outcome("Order Completed", null, java.time.Duration.ofDays(7)));
    }

    @Test
    void holdsOutTheShareTheActionAsksForOfTenThousandCustomers() {
        // Binomial: 10,000 customers at 10 % have a standard deviation of 0.3 points; 1 point is over three of them.
        assertThat(IDS.stream().filter(holdingOut("win-back-offer", 1_000)::holdsOut).count() / 10_000.0)
                .isCloseTo(0.10, within(0.01));
        assertThat(IDS.stream().filter(holdingOut("abandoned-cart-email", 250)::holdsOut).count() / 10_000.0)
                .isCloseTo(0.025, within(0.005));
    }

    @Test
    void theSameCustomerAndActionAlwaysFallInTheSameGroupAndEachActionDrawsItsOwn() {
        ActionCatalog.Action winBack = holdingOut("win-back-offer", 1_000);
        List<String> heldOut = IDS.stream().filter(winBack::holdsOut).toList();

        assertThat(IDS.stream().filter(holdingOut("win-back-offer", 1_000)::holdsOut).toList()).isEqualTo(heldOut);
        assertThat(IDS.stream().filter(holdingOut("welcome-back", 1_000)::holdsOut).toList())
                .isNotEqualTo(heldOut);
        // a larger share keeps everyone a smaller one held out: widening a holdout moves no one back
        assertThat(IDS.stream().filter(holdingOut("win-back-offer", 2_000)::holdsOut).toList())
                .containsAll(heldOut);
    }

    @Test
    void theBucketIsTheDocumentedDigestSoThatAnyMachineOrLanguageFindsTheSameGroups() throws Exception {
        for (String id : IDS.subList(0, 200)) {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((id + "\0win-back-offer").getBytes(StandardCharsets.UTF_8));
            int expected = new BigInteger(1, Arrays.copyOf(digest, 8)).mod(BigInteger.valueOf(10_000)).intValue();

            assertThat(ActionCatalog.bucket(id, "win-back-offer")).isEqualTo(expected);
            assertThat(holdingOut("win-back-offer", 1_000).holdsOut(id)).isEqualTo(expected < 1_000);
        }
    }
}
