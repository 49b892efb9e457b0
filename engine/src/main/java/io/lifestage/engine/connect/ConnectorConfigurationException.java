package io.lifestage.engine.connect;

import java.util.List;

/**
 * The connector plugins or their configuration cannot work. The message starts with a stable code
 * ({@code LS-PLUG-0100} for plugins, {@code LS-CONF-0100} for configuration) and lists every problem on a line of
 * its own, each naming the key, jar or directory and what to do. Values of secret settings never appear.
 */
public final class ConnectorConfigurationException extends RuntimeException {

    private final String code;
    private final List<String> problems;

    ConnectorConfigurationException(String code, String summary, List<String> problems) {
        super(code + " " + summary + ", " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n  " + String.join("\n  ", problems));
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    /** The stable code of this kind of failure. */
    public String code() {
        return code;
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
