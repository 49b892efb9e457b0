package io.lifestage.plugin.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Lifestage-Signature} of a webhook request: {@code sha256=} and the hex HMAC-SHA256, keyed with the
 * signing secret, of the timestamp header, a dot and the body. Signing the timestamp lets receivers refuse replays.
 */
final class Signature {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Signature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String of(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256, and any key length is valid for it.
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
    }
}
