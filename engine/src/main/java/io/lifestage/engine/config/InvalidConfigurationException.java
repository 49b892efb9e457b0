package io.lifestage.engine.config;

/** A configuration value that cannot work, named by its key, with a stable code and what to do about it. */
public final class InvalidConfigurationException extends RuntimeException {

    /** A problem with one key. */
    public InvalidConfigurationException(String code, String key, String problem) {
        super(code + " " + key + ": " + problem);
    }
}
