package io.lifestage.engine.classify;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.ConfiguredThresholds.Origin;
import io.lifestage.engine.internal.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured thresholds against the pack that reads them: a value that is not a whole number of 0 or more
 * ({@code LS-CONF-0002}), and a threshold someone set that no rule reads ({@code LS-CONF-0004}, most often a
 * misspelt name, which would otherwise change nothing without a word), each reported where it was set. The engine's
 * own defaults are for the default pack, so another pack not reading them is not a mistake; nor are thresholds a host
 * gives in code.
 */
final class ThresholdCheck {

    static final Pattern THRESHOLD = Pattern.compile("threshold\\s*\\.\\s*get\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");

    private ThresholdCheck() {
    }

    static List<RuleProblem> problems(RulePack pack, ConfiguredThresholds thresholds) {
        List<RuleProblem> problems = new ArrayList<>();
        for (ConfiguredThresholds.Refusal refusal : thresholds.refused()) {
            problems.add(at(refusal.origin(), "LS-CONF-0002", refusal.key() + " " + refusal.problem()));
        }
        Set<String> read = read(pack);
        for (String name : thresholds.names()) {
            Origin origin = thresholds.origin(name);
            if (!read.contains(name) && origin.isChoice()) {
                problems.add(at(origin, "LS-CONF-0004", ConfiguredThresholds.PREFIX + name
                        + " is set, but no rule of the pack reads threshold '" + name + "', so it changes nothing"
                        + Suggestions.didYouMean(name, read)));
            }
        }
        return problems;
    }

    /** The names of the thresholds the pack's rules read. */
    static Set<String> read(RulePack pack) {
        Set<String> read = new TreeSet<>();
        for (String text : pack.drlFiles.values()) {
            Matcher threshold = THRESHOLD.matcher(text);
            while (threshold.find()) {
                read.add(threshold.group(1));
            }
        }
        return read;
    }

    private static RuleProblem at(Origin origin, String code, String message) {
        return new RuleProblem(code, origin.source(), origin.line(), message);
    }
}
