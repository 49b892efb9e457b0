package io.lifestage.engine.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, one instance per thread: looking the algorithm up costs about as much as digesting a fact's key, and a run
 * digests every fact, transition and action it makes.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    });

    private Sha256() {
    }

    /** This thread's digest, reset: {@link MessageDigest#digest()} resets it again after use. */
    public static MessageDigest digest() {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        return digest;
    }
}
