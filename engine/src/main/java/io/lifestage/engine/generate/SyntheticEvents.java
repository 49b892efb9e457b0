package io.lifestage.engine.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes synthetic customers as Segment-style JSON lines ({@code track}, {@code page} and {@code identify} calls), for
 * the demos and benchmarks of {@code lifestage generate}.
 *
 * <p>Each customer follows a persona aimed at one stage of the default rule pack (about a quarter in awareness, a
 * fifth in consideration, 8% in conversion, a fifth in retention, 12% in loyalty and 15% in churn), and personas vary
 * which rule of their stage applies. Events stay at least two days away from every default threshold, so the intended
 * stage does not depend on the hour of classification. About 30% of identified prospects browse anonymously before an
 * identify call links the visits to them; some visitors never identify. Activity goes back up to two years, and no
 * event is later than the as-of instant.
 *
 * <p>Lines are written customer by customer, so memory stays the same whatever the number of customers; they are not
 * sorted by time. The same seed, instant and number of customers give the same characters. Instances are immutable;
 * {@link #write} may run on several threads at once with different writers.
 */
public final class SyntheticEvents {

    // Thresholds of the default rule pack, and the ranges of days that keep MARGIN days clear of them.
    private static final int CHURN_DAYS = 180;
    private static final int LOYALTY_DAYS = 365;
    private static final int CONVERSION_DAYS = 30;
    private static final int CONSIDERATION_DAYS = 90;
    private static final int MARGIN = 2;
    private static final int ACTIVE = CHURN_DAYS - MARGIN;
    private static final int SILENT = CHURN_DAYS + MARGIN;
    private static final int YEAR_IN = LOYALTY_DAYS - MARGIN;
    private static final int YEAR_OUT = LOYALTY_DAYS + MARGIN;
    private static final int FIRST_IN = CONVERSION_DAYS - MARGIN;
    private static final int FIRST_OUT = CONVERSION_DAYS + MARGIN;
    private static final int INTENT_IN = CONSIDERATION_DAYS - MARGIN;
    private static final int INTENT_OUT = CONSIDERATION_DAYS + MARGIN;
    /** How far back activity goes, in days. */
    private static final int HORIZON = 730;

    private static final long DAY_MILLIS = 86_400_000L;
    private static final int BLOCK_CHARS = 1 << 16;
    /** Years whose instants keep four digits when written with any offset, two years of history included. */
    private static final Instant EARLIEST_AS_OF = Instant.parse("1972-01-01T00:00:00Z");
    private static final Instant LATEST_AS_OF = Instant.parse("9999-12-30T00:00:00Z");

    static final String PRODUCT_VIEWED = "Product Viewed";
    static final String PRODUCT_ADDED = "Product Added";
    static final String CHECKOUT_STARTED = "Checkout Started";
    static final String EMAIL_LINK_CLICKED = "Email Link Clicked";
    static final String ORDER_COMPLETED = "Order Completed";
    static final String ORDER_CANCELLED = "Order Cancelled";
    static final String ORDER_REFUNDED = "Order Refunded";
    static final String SUBSCRIPTION_STARTED = "Subscription Started";
    static final String SUBSCRIPTION_RENEWED = "Subscription Renewed";
    static final String SUBSCRIPTION_CANCELLED = "Subscription Cancelled";
    static final String SURVEY_ANSWERED = "Survey Answered";
    static final String REFERRAL_SENT = "Referral Sent";

    /** The events that make a prospect a considerer when recent; the last three are open to anonymous visitors. */
    private static final String[] INTENT = {"Signed Up", "Lead Created", "Trial Started", PRODUCT_ADDED,
        CHECKOUT_STARTED, EMAIL_LINK_CLICKED};
    private static final int FIRST_ANONYMOUS_INTENT = 3;
    /** Names that show no intent; the last two are outside the vocabulary, as real data often is. */
    private static final String[] PROSPECT_NOISE = {"Email Opened", "Email Opened", "Email Opened", "Video Played",
        "Coupon Applied"};
    private static final String[] CUSTOMER_NOISE = {"Email Opened", EMAIL_LINK_CLICKED, PRODUCT_VIEWED, PRODUCT_ADDED,
        CHECKOUT_STARTED, "Video Played", "Coupon Applied"};
    /** Product names with a quote, a backslash and characters beyond ASCII, so that readers meet escapes. */
    private static final String[] PRODUCTS = {"Trail Runner 2", "12\" Cast-Iron Skillet", "Café Crème Mug",
        "Tee \"Classic\"", "C:\\ Drive Sticker", "Rocket \uD83D\uDE80 Lamp", "Yoga Mat", "Espresso Beans 1kg"};
    private static final String[] PATHS = {"/", "/pricing", "/blog/lifecycle-stages", "/docs/getting-started",
        "/products/trail-runner-2", "/search?q=caf\u00e9"};
    private static final String[] PLANS = {"free", "starter", "pro"};
    private static final String[] COUNTRIES = {"DE", "FR", "GB", "US", "ES", "NL", "BR", "JP"};
    /** Offsets of the timestamps written with one, in minutes east of UTC. */
    private static final int[] OFFSETS = {120, 120, -300, 330};

    private final long seed;
    private final long asOfMillis;

    /**
     * A generator of data that ends at {@code asOf}.
     *
     * @throws IllegalArgumentException when {@code asOf} is before 1972 or after 9999, where two years of history
     *                                  would not fit four-digit years
     */
    public SyntheticEvents(long seed, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        if (asOf.isBefore(EARLIEST_AS_OF) || asOf.isAfter(LATEST_AS_OF)) {
            throw new IllegalArgumentException("as-of instant must be between " + EARLIEST_AS_OF + " and "
                    + LATEST_AS_OF + ", got " + asOf);
        }
        this.seed = seed;
        this.asOfMillis = asOf.toEpochMilli();
    }

    /**
     * Writes the events of {@code customers} customers, numbered from 1, and flushes the writer; returns the number
     * of lines written. The writer needs no buffering of its own: lines go to it in blocks of about 64K characters.
     */
    public long write(int customers, Writer out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (customers < 0) {
            throw new IllegalArgumentException("the number of customers must not be negative, got " + customers);
        }
        Run run = new Run(out);
        for (int customer = 1; customer <= customers; customer++) {
            run.customer(customer);
        }
        return run.finish();
    }

    /** The persona customer number {@code customer} follows, without generating their events. */
    Persona personaOf(int customer) {
        return Persona.of(randomOf(customer).nextDouble());
    }

    /** Each customer draws from their own stream, so that a persona can be looked up without writing the others. */
    private SplittableRandom randomOf(int customer) {
        return new SplittableRandom(mix(mix(seed) + customer));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: spreads nearby seeds far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The user id of a customer number: {@code u} and at least seven digits. */
    static String userId(int customer) {
        String digits = Integer.toString(customer);
        return "u" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    /** The stage a customer's events are made to land in. */
    enum Persona {
        AWARENESS(0.25), CONSIDERATION(0.20), CONVERSION(0.08), RETENTION(0.20), LOYALTY(0.12), CHURN(0.15);

        private static final Persona[] ALL = values();
        private final double share;

        Persona(double share) {
            this.share = share;
        }

        static Persona of(double draw) {
            double cumulative = 0;
            for (Persona persona : ALL) {
                cumulative += persona.share;
                if (draw < cumulative) {
                    return persona;
                }
            }
            return CHURN;
        }

        /** The name of the stage in the default rule pack. */
        String stage() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Appends {@code s} as a JSON string literal: quotes, backslashes and control characters escaped. */
    static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Appends an ISO-8601 timestamp of the instant, {@code 2026-03-01T10:00:00Z}: with milliseconds when
     * {@code fraction}, else truncated to the second; in UTC ({@code Z}) when {@code offsetMinutes} is 0, else in
     * local time with the offset ({@code 2026-03-01T12:00:00+02:00}). Formatted by hand, because the JDK formatters
     * would be most of the time spent writing a line.
     */
    static void appendTimestamp(StringBuilder out, long epochMillis, boolean fraction, int offsetMinutes) {
        long local = epochMillis + offsetMinutes * 60_000L;
        long seconds = Math.floorDiv(local, 1000);
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) (seconds - days * 86_400);
        // Howard Hinnant's civil_from_days: proleptic Gregorian date of a day count from 1970-01-01.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        digits(out, year, 4).append('-');
        digits(out, month, 2).append('-');
        digits(out, day, 2).append('T');
        digits(out, secondOfDay / 3600, 2).append(':');
        digits(out, secondOfDay / 60 % 60, 2).append(':');
        digits(out, secondOfDay % 60, 2);
        if (fraction) {
            digits(out.append('.'), (int) Math.floorMod(local, 1000), 3);
        }
        if (offsetMinutes == 0) {
            out.append('Z');
        } else {
            int minutes = Math.abs(offsetMinutes);
            out.append(offsetMinutes < 0 ? '-' : '+');
            digits(out, minutes / 60, 2).append(':');
            digits(out, minutes % 60, 2);
        }
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = width == 4 ? 1000 : width == 3 ? 100 : 10; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    /**
     * One {@link #write} call: the block of lines on its way to the writer, and the customer being written. Ages are
     * in days before the as-of instant, as doubles; a larger age is earlier.
     */
    private final class Run {

        private final Writer out;
        private final StringBuilder block = new StringBuilder(BLOCK_CHARS + 4096);
        private char[] chars = new char[BLOCK_CHARS + 4096];
        private long lines;

        private SplittableRandom random;
        private int number;
        private String userId;
        private String anonymousId;
        /** Whether the calls being written are made by the visitor before they identify. */
        private boolean anonymous;
        /** The age of the customer's identify call: their other events are younger. */
        private double horizon;
        private int orderNumbers;
        private double lastOrderAge;
        private int lastOrderCents;

        Run(Writer out) {
            this.out = out;
        }

        void customer(int customerNumber) throws IOException {
            random = randomOf(customerNumber);
            Persona persona = Persona.of(random.nextDouble());
            number = customerNumber;
            userId = userId(customerNumber);
            anonymousId = anonymousId();
            anonymous = false;
            horizon = HORIZON;
            orderNumbers = 0;
            lastOrderAge = -1;
            switch (persona) {
                case AWARENESS -> awareness();
                case CONSIDERATION -> consideration();
                case CONVERSION -> conversion();
                case RETENTION -> retention();
                case LOYALTY -> loyalty();
                case CHURN -> {
                    if (random.nextBoolean()) {
                        churnByCancellation();
                    } else {
                        churnBySilence();
                    }
                }
            }
        }

        long finish() throws IOException {
            drain();
            out.flush();
            return lines;
        }

        /** Seen, but no intent: some never identify, some showed intent or browsed too long ago to count. */
        private void awareness() throws IOException {
            double kind = random.nextDouble();
            if (kind < 0.15) {
                staysAnonymous();
                return;
            }
            int variant = random.nextInt(3);
            double joined = variant == 0 ? at(5, 700) : at(INTENT_OUT + 30, 700);
            if (kind < 0.15 + 0.85 * 0.30) {
                browsesAnonymouslyThenIdentifies(joined);
            } else {
                identify(joined);
            }
            visits(1 + random.nextInt(3), 0, HORIZON, false);
            switch (variant) {
                case 0 -> repeat(random.nextInt(3), PRODUCT_VIEWED, 0, HORIZON);
                case 1 -> event(pick(INTENT), at(INTENT_OUT, HORIZON));
                default -> {
                    repeat(3 + random.nextInt(2), PRODUCT_VIEWED, INTENT_OUT, HORIZON);
                    repeat(random.nextInt(3), PRODUCT_VIEWED, 0, INTENT_IN);
                }
            }
        }

        private void staysAnonymous() throws IOException {
            anonymous = true;
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                page(at(0, HORIZON));
            }
            if (random.nextInt(3) == 0) {
                event(random.nextBoolean() ? PRODUCT_VIEWED : pick(PROSPECT_NOISE), at(0, HORIZON));
            }
        }

        /** Recent intent, or three product views or more; visitors who start anonymous may show it before identifying. */
        private void consideration() throws IOException {
            boolean startsAnonymous = random.nextDouble() < 0.30;
            int signal = random.nextInt(INTENT.length + 2);
            boolean browsing = signal >= INTENT.length;
            // Anonymous visits come up to 30 days before the identify call, and must stay inside the window too.
            double joined = startsAnonymous ? at(5, INTENT_IN - 31) : at(5, 700);
            int anonymousViews = 0;
            boolean anonymousIntent = false;
            if (startsAnonymous) {
                anonymous = true;
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    page(earlierThan(joined));
                }
                if (browsing) {
                    anonymousViews = 1 + random.nextInt(2);
                    for (int i = anonymousViews; i > 0; i--) {
                        event(PRODUCT_VIEWED, earlierThan(joined));
                    }
                } else if (signal >= FIRST_ANONYMOUS_INTENT && random.nextBoolean()) {
                    event(INTENT[signal], earlierThan(joined));
                    anonymousIntent = true;
                }
                anonymous = false;
            }
            identify(joined);
            visits(1 + random.nextInt(2), 0, HORIZON, false);
            if (browsing) {
                // After anonymous views, the user's own stay below three: only the merged history reaches it.
                repeat(startsAnonymous ? 3 - anonymousViews : 3 + random.nextInt(3), PRODUCT_VIEWED, 0, INTENT_IN);
            } else if (!anonymousIntent) {
                event(INTENT[signal], at(0, INTENT_IN));
            }
            if (horizon > INTENT_OUT + 10 && random.nextInt(3) == 0) {
                event(pick(INTENT), at(INTENT_OUT, HORIZON));
            }
        }

        /** One recent purchase, the first: an order after a checkout, or a subscription. */
        private void conversion() throws IOException {
            identify(at(FIRST_OUT + 30, 700));
            visits(1 + random.nextInt(3), 0, HORIZON, false);
            double purchased = at(0, FIRST_IN);
            event(PRODUCT_VIEWED, at(purchased, FIRST_OUT + 30));
            if (random.nextInt(4) == 0) {
                subscription(SUBSCRIPTION_STARTED, purchased);
            } else {
                event(CHECKOUT_STARTED, purchased + random.nextDouble() / 48);
                order(purchased);
            }
            if (random.nextInt(5) == 0) {
                survey(at(0, purchased), 9 + random.nextInt(2));
            }
            if (horizon > YEAR_OUT + 5 && random.nextInt(8) == 0) {
                event(REFERRAL_SENT, at(YEAR_OUT, HORIZON));
            }
        }

        /** Active customers who are neither first-time buyers nor loyal, in six ways. */
        private void retention() throws IOException {
            identify(at(YEAR_OUT + 15, HORIZON - 2));
            visits(1 + random.nextInt(3), 0, HORIZON, true);
            page(at(0, ACTIVE));
            switch (random.nextInt(6)) {
                case 0 -> onePurchaseLongerAgoThanAMonth();
                case 1 -> {
                    order(at(200, HORIZON));
                    order(at(0, ACTIVE));
                    if (random.nextInt(3) == 0) {
                        survey(at(0, ACTIVE), random.nextInt(9));
                    }
                }
                case 2 -> {
                    subscription(SUBSCRIPTION_STARTED, at(200, HORIZON));
                    subscription(SUBSCRIPTION_RENEWED, at(0, ACTIVE));
                }
                case 3 -> {
                    subscription(SUBSCRIPTION_STARTED, at(300, HORIZON));
                    subscription(SUBSCRIPTION_CANCELLED, at(100, 280));
                    order(at(0, 90));
                }
                case 4 -> {
                    order(at(FIRST_OUT + 10, ACTIVE));
                    survey(at(0, FIRST_OUT + 5), 9 + random.nextInt(2));
                }
                default -> {
                    for (int i = 2 + random.nextInt(2); i > 0; i--) {
                        order(at(YEAR_OUT, HORIZON));
                    }
                    order(at(0, ACTIVE));
                }
            }
            extras(0);
            if (random.nextInt(10) == 0) {
                event(REFERRAL_SENT, at(YEAR_OUT, HORIZON));
            }
        }

        private void onePurchaseLongerAgoThanAMonth() throws IOException {
            double purchased = at(FIRST_OUT, ACTIVE);
            if (random.nextInt(3) == 0) {
                subscription(SUBSCRIPTION_STARTED, purchased);
                subscription(SUBSCRIPTION_RENEWED, at(0, purchased));
            } else {
                order(purchased);
            }
        }

        /** Frequent buyers, promoters with repeat orders, and referrers. */
        private void loyalty() throws IOException {
            identify(at(YEAR_OUT + 15, HORIZON - 2));
            visits(2 + random.nextInt(3), 0, HORIZON, true);
            page(at(0, ACTIVE));
            switch (random.nextInt(3)) {
                case 0 -> {
                    for (int i = 3 + random.nextInt(4); i > 0; i--) {
                        order(at(0, YEAR_IN));
                    }
                    if (random.nextInt(3) == 0) {
                        survey(at(0, ACTIVE), random.nextInt(11));
                    }
                }
                case 1 -> {
                    if (random.nextBoolean()) {
                        survey(at(250, HORIZON), random.nextInt(7));
                    }
                    if (random.nextInt(3) == 0) {
                        order(at(YEAR_OUT, HORIZON));
                    }
                    order(at(200, HORIZON));
                    order(at(0, ACTIVE));
                    survey(at(0, ACTIVE), 9 + random.nextInt(2));
                }
                default -> {
                    onePurchaseLongerAgoThanAMonth();
                    for (int i = 1 + random.nextInt(2); i > 0; i--) {
                        event(REFERRAL_SENT, at(0, YEAR_IN));
                    }
                    if (random.nextInt(3) == 0) {
                        survey(at(0, ACTIVE), random.nextInt(9));
                    }
                }
            }
            extras(0);
        }

        /** Cancelled and did not order since; a third bought often until then. */
        private void churnByCancellation() throws IOException {
            identify(at(400, HORIZON - 2));
            visits(1 + random.nextInt(3), 0, HORIZON, true);
            double cancelled = at(0, 150);
            subscription(SUBSCRIPTION_STARTED, at(380, HORIZON));
            for (int i = random.nextInt(3); i > 0; i--) {
                subscription(SUBSCRIPTION_RENEWED, at(160, 370));
            }
            if (random.nextInt(3) == 0) {
                for (int i = 3 + random.nextInt(2); i > 0; i--) {
                    order(at(155, YEAR_IN));
                }
            } else if (random.nextBoolean()) {
                order(at(155, HORIZON));
            }
            subscription(SUBSCRIPTION_CANCELLED, cancelled);
            if (random.nextBoolean()) {
                visits(1, 0, cancelled, true);
            }
        }

        /** Customers of all kinds, quiet for half a year or more. */
        private void churnBySilence() throws IOException {
            identify(at(SILENT + 60, HORIZON - 2));
            visits(1 + random.nextInt(3), SILENT, HORIZON, true);
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                order(at(SILENT, HORIZON));
            }
            if (random.nextInt(4) == 0) {
                double started = at(SILENT + 30, HORIZON);
                subscription(SUBSCRIPTION_STARTED, started);
                subscription(SUBSCRIPTION_RENEWED, at(SILENT, started));
            }
            if (random.nextInt(4) == 0) {
                survey(at(SILENT, HORIZON), random.nextInt(11));
            }
            extras(SILENT);
        }

        /** Refunds and cancelled orders, which change no stage; none younger than {@code newest}. */
        private void extras(double newest) throws IOException {
            if (lastOrderAge >= newest && random.nextInt(5) == 0) {
                double age = lastOrderAge - random.nextDouble() * Math.min(14, lastOrderAge - newest);
                orderLine(ORDER_REFUNDED, age, orderNumbers, lastOrderCents);
            }
            if (random.nextInt(8) == 0) {
                orderLine(ORDER_CANCELLED, at(newest, newest + ACTIVE), ++orderNumbers, cents());
            }
        }

        private void browsesAnonymouslyThenIdentifies(double joined) throws IOException {
            anonymous = true;
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                page(earlierThan(joined));
            }
            anonymous = false;
            identify(joined);
        }

        /** An age within the 30 days before {@code joined}, and within the horizon. */
        private double earlierThan(double joined) {
            return joined + random.nextDouble() * Math.min(30, HORIZON - joined);
        }

        /** A random age in {@code [from, to)}, no earlier than the customer's identify call. */
        private double at(double from, double to) {
            double latest = Math.min(to, horizon);
            if (!(from < latest)) {
                throw new IllegalStateException("no room for an event between " + from + " and " + latest + " days");
            }
            return from + random.nextDouble() * (latest - from);
        }

        private String pick(String[] names) {
            return names[random.nextInt(names.length)];
        }

        private void repeat(int times, String event, double from, double to) throws IOException {
            for (int i = 0; i < times; i++) {
                event(event, at(from, to));
            }
        }

        private void visits(int times, double from, double to, boolean customer) throws IOException {
            for (int i = 0; i < times; i++) {
                double age = at(from, to);
                if (random.nextInt(5) < 3) {
                    page(age);
                } else {
                    event(pick(customer ? CUSTOMER_NOISE : PROSPECT_NOISE), age);
                }
            }
        }

        private String anonymousId() {
            long bits = random.nextLong();
            char[] id = {'a', 'n', 'o', 'n', '-', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            for (int i = id.length - 1; i >= 5; i--, bits >>>= 4) {
                id[i] = Character.forDigit((int) (bits & 15), 16);
            }
            return new String(id);
        }

        private int cents() {
            return random.nextInt(500, 50_001);
        }

        // Lines. Ids and fixed names are plain ASCII and written as they are; everything else goes through
        // appendQuoted.

        private void identify(double age) throws IOException {
            begin("identify", null, age, true, true);
            block.append(",\"traits\":{\"email\":\"").append(userId).append("@example.com\",\"plan\":\"")
                    .append(pick(PLANS)).append("\",\"country\":\"").append(pick(COUNTRIES)).append("\"}");
            end();
            horizon = age;
        }

        private void page(double age) throws IOException {
            begin("page", null, age, !anonymous, anonymous);
            block.append(",\"properties\":{\"path\":");
            appendQuoted(block, pick(PATHS));
            block.append('}');
            end();
        }

        private void event(String name, double age) throws IOException {
            begin("track", name, age, !anonymous, anonymous);
            if (name.equals(PRODUCT_VIEWED) || name.equals(PRODUCT_ADDED) || name.equals(CHECKOUT_STARTED)) {
                int product = random.nextInt(PRODUCTS.length);
                block.append(",\"properties\":{\"product_id\":\"p").append(product + 1).append("\",\"name\":");
                appendQuoted(block, PRODUCTS[product]);
                block.append('}');
            }
            end();
        }

        private void order(double age) throws IOException {
            lastOrderAge = age;
            lastOrderCents = cents();
            orderLine(ORDER_COMPLETED, age, ++orderNumbers, lastOrderCents);
        }

        private void orderLine(String name, double age, int orderNumber, int cents) throws IOException {
            begin("track", name, age, true, false);
            block.append(",\"properties\":{\"order_id\":\"o").append(number).append('-').append(orderNumber)
                    .append("\",\"total\":").append(cents / 100).append('.');
            digits(block, cents % 100, 2).append('}');
            end();
        }

        private void subscription(String name, double age) throws IOException {
            begin("track", name, age, true, false);
            block.append(",\"properties\":{\"plan\":\"").append(PLANS[1 + random.nextInt(2)]).append("\"}");
            end();
        }

        private void survey(double age, int score) throws IOException {
            begin("track", SURVEY_ANSWERED, age, true, false);
            block.append(",\"properties\":{\"score\":").append(score).append('}');
            end();
        }

        private void begin(String type, String event, double age, boolean withUser, boolean withAnonymous) {
            block.append("{\"type\":\"").append(type).append('"');
            if (withUser) {
                block.append(",\"userId\":\"").append(userId).append('"');
            }
            if (withAnonymous) {
                block.append(",\"anonymousId\":\"").append(anonymousId).append('"');
            }
            if (event != null) {
                block.append(",\"event\":");
                appendQuoted(block, event);
            }
            // Mostly whole seconds in UTC; a tenth with milliseconds, a tenth in local time with an offset.
            long at = asOfMillis - (long) (age * DAY_MILLIS);
            int shape = random.nextInt(10);
            block.append(",\"timestamp\":\"");
            appendTimestamp(block, at, shape == 0, shape == 1 ? OFFSETS[random.nextInt(OFFSETS.length)] : 0);
            block.append('"');
        }

        private void end() throws IOException {
            block.append("}\n");
            lines++;
            if (block.length() >= BLOCK_CHARS) {
                drain();
            }
        }

        private void drain() throws IOException {
            int length = block.length();
            if (chars.length < length) {
                chars = new char[length];
            }
            block.getChars(0, length, chars, 0);
            out.write(chars, 0, length);
            block.setLength(0);
        }
    }
}
