package io.lifestage.engine.connect;

import io.lifestage.api.LifestageException;
import java.util.List;

/**
 * The connector plugins or their configuration cannot work. The message starts with a stable code
 * ({@code LS-PLUG-0100} for plugins, {@code LS-CONF-0100} for configuration) and lists every problem on a line of
 * its own, each naming the key, jar or directory and what to do. Values of secret settings never appear.
 */
public final class ConnectorConfigurationException extends LifestageException {

    private final List<String> problems;

    ConnectorConfigurationException(String code, String summary, List<String> problems) {
        super(Kind.INVALID_CONFIGURATION, code, summary + ", " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems), null);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
