package io.lifestage.engine.config;

import io.lifestage.api.LifestageException;

/** A configuration value that cannot work, named by its key, with a stable code and what to do about it. */
public final class InvalidConfigurationException extends LifestageException {

    /** A problem with one key. */
    public InvalidConfigurationException(String code, String key, String problem) {
        super(Kind.INVALID_CONFIGURATION, code, key + ": " + problem, null);
    }
}
