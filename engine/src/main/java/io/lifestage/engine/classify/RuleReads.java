package io.lifestage.engine.classify;

import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.Thresholds;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a rule's conditions read, found in its source: metric properties, per-event counts and recencies, and
 * thresholds. Explanations show their values for the customer, in the order the rule mentions them.
 */
final class RuleReads {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern COUNT = Pattern.compile(
            "countWithin\\(\\s*\"([^\"]+)\"\\s*,\\s*(?:threshold\\.get\\(\\s*\"([^\"]+)\"\\s*\\)|(\\d+))\\s*\\)");
    private static final Pattern RECENCY = Pattern.compile("(?:didWithin|daysSinceLast)\\(\\s*\"([^\"]+)\"");
    private static final Pattern ATTRIBUTE =
            Pattern.compile("\\b(attribute|attributeNumber)\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern FROM_LIST = Pattern.compile("from\\s*\\[([^\\]]*)\\]");
    private static final Pattern THRESHOLD = Pattern.compile("threshold\\.get\\(\\s*\"([^\"]+)\"\\s*\\)");
    /** What rules can read of a customer by name. */
    static final List<String> PROPERTIES = Stream.concat(
            Stream.of(CustomerMetrics.class.getRecordComponents()).map(RecordComponent::getName)
                    .filter(name -> !List.of("customerId", "asOf", "events", "attributes").contains(name)),
            Stream.of("customer", "purchases", "averageOrderValue", "rfm")).toList();

    private record Read(int position, String key, Function<CustomerMetrics, Object> value) {
    }

    private final List<Read> reads;

    private RuleReads(List<Read> reads) {
        this.reads = reads;
    }

    /** The reads of a rule whose conditions (the text between {@code when} and {@code then}) are given. */
    static RuleReads of(String conditions, Thresholds thresholds) {
        List<Read> reads = new ArrayList<>();
        String code = STRING.matcher(conditions).replaceAll(m -> " ".repeat(m.group().length()));
        for (String property : PROPERTIES) {
            Matcher use = Pattern.compile("(?<![\\w.$])" + property + "(?![\\w(])").matcher(code);
            if (use.find()) {
                reads.add(new Read(use.start(), property, metrics -> invoke(metrics, property)));
            }
        }
        for (Matcher count = COUNT.matcher(conditions); count.find(); ) {
            String event = count.group(1);
            int days = count.group(2) != null ? thresholds.get(count.group(2)) : Integer.parseInt(count.group(3));
            reads.add(new Read(count.start(), "countWithin(\"" + event + "\", " + days + ")",
                    metrics -> metrics.countWithin(event, days)));
        }
        for (Matcher recency = RECENCY.matcher(conditions); recency.find(); ) {
            addRecency(reads, recency.start(), recency.group(1));
        }
        for (Matcher attribute = ATTRIBUTE.matcher(conditions); attribute.find(); ) {
            String name = attribute.group(2);
            boolean number = attribute.group(1).equals("attributeNumber");
            reads.add(new Read(attribute.start(), attribute.group(1) + "(\"" + name + "\")",
                    metrics -> number ? metrics.attributeNumber(name) : metrics.attribute(name)));
        }
        for (Matcher list = FROM_LIST.matcher(conditions); list.find(); ) {
            for (Matcher event = STRING.matcher(list.group(1)); event.find(); ) {
                String name = event.group();
                addRecency(reads, list.start() + event.start(), name.substring(1, name.length() - 1));
            }
        }
        for (Matcher threshold = THRESHOLD.matcher(conditions); threshold.find(); ) {
            String name = threshold.group(1);
            int value = thresholds.get(name);
            reads.add(new Read(threshold.start(), "threshold " + name, metrics -> value));
        }
        reads.sort(Comparator.comparingInt(Read::position));
        return new RuleReads(reads);
    }

    private static void addRecency(List<Read> reads, int position, String event) {
        reads.add(new Read(position, "daysSinceLast(\"" + event + "\")", metrics -> {
            int days = metrics.daysSinceLast(event);
            return days == CustomerMetrics.NEVER ? "never" : days;
        }));
    }

    /** The values the rule read for this customer, keyed as the rule writes them. */
    Map<String, Object> valuesFor(CustomerMetrics metrics) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Read read : reads) {
            values.putIfAbsent(read.key(), read.value().apply(metrics));
        }
        return values;
    }

    private static Object invoke(CustomerMetrics metrics, String property) {
        try {
            Method accessor = CustomerMetrics.class.getMethod(property);
            Object value = accessor.invoke(metrics);
            return value instanceof Integer days && days == CustomerMetrics.NEVER ? "never" : value;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CustomerMetrics." + property + "() cannot be read", e);
        }
    }
}
