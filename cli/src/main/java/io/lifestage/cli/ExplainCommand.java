package io.lifestage.cli;

import io.lifestage.api.Event;
import io.lifestage.api.Explanation;
import io.lifestage.api.Fact;
import io.lifestage.engine.LifestageContainer;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifestage explain}: why one customer is in their stage. */
@Command(name = "explain",
        description = "Explains one customer's stage: the rules that matched, the one that decided, what it read.")
final class ExplainCommand extends EngineCommand {

    @Mixin
    EventsInput input;

    @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer (user) id.")
    String customer;

    @Override
    public Integer call() {
        Instant asOf = input.asOfOrNow();
        PrintWriter out = out();
        try (LifestageContainer container = engineOptions.start()) {
            List<Fact> facts = factsOf(customer);
            var explanation = container.engine().explain(customer, facts, asOf);
            if (explanation.isEmpty()) {
                err().println("error: no event of customer '" + customer + "' in "
                        + input.events);
                return ExitCodes.FAILURE;
            }
            print(out, explanation.get());
        }
        return ExitCodes.OK;
    }

    /** The customer's facts and those of the anonymous ids an identify call links to them: two passes, few kept. */
    private List<Fact> factsOf(String customerId) {
        Set<String> anonymousIds = new HashSet<>();
        try (EventsInput.Opened events = input.open()) {
            for (Iterator<Fact> it = events.facts(); it.hasNext(); ) {
                if (it.next() instanceof Event e && e.type() == Event.Type.IDENTIFY && customerId.equals(e.userId())
                        && e.anonymousId() != null) {
                    anonymousIds.add(e.anonymousId());
                }
            }
        }
        List<Fact> facts = new ArrayList<>();
        try (EventsInput.Opened events = input.open()) {
            for (Iterator<Fact> it = events.facts(); it.hasNext(); ) {
                Fact fact = it.next();
                if (fact.customerId().equals(customerId) || anonymousIds.contains(fact.customerId())) {
                    facts.add(fact);
                }
            }
        }
        return facts;
    }

    private static void print(PrintWriter out, Explanation explanation) {
        var decision = explanation.decision();
        out.printf(Locale.ROOT, "Customer %s as of %s: %s (rule base %s)%n", decision.customerId(), decision.asOf(),
                decision.stage(), decision.ruleBaseVersion());
        out.printf(Locale.ROOT, "Decided by %s: %s%n%n", decision.rule(), decision.reason());
        out.println("Rules that matched, highest priority first:");
        int width = explanation.matches().stream().mapToInt(m -> m.rule().length()).max().orElse(10);
        for (Explanation.RuleMatch match : explanation.matches()) {
            out.printf(Locale.ROOT, "  %s %-" + width + "s  salience %d%s%n", match.decided() ? "*" : " ",
                    match.rule(), match.salience(), match.decided() ? "  decided" : "");
        }
        out.printf(Locale.ROOT, "%nWhat %s read:%n", decision.rule());
        if (explanation.inputs().isEmpty()) {
            out.println("  nothing: its conditions hold for every customer");
        }
        explanation.inputs().forEach((key, value) -> out.printf(Locale.ROOT, "  %s = %s%n", key, value));
        out.flush();
    }
}
