package io.lifestage.engine.generate;

import io.lifestage.engine.internal.Days;
import io.lifestage.engine.internal.Json;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Writes synthetic customers as Segment-style JSON lines, customer by customer, straight to a writer. Each customer
 * follows a persona aimed at one stage of the default pack (about a quarter aware, a fifth considering, and so on),
 * with events kept at least two days away from every default threshold so the intended stage is unambiguous.
 * About a third of prospects browse anonymously first and then identify. The same seed, instant and customer count
 * give the same bytes. {@link #withScorecardEvents()} adds what every measure of the report's scorecard needs.
 */
public final class SyntheticEvents {

    private static final List<String> INTENT = List.of("Signed Up", "Lead Created", "Trial Started", "Product Added",
            "Checkout Started", "Email Link Clicked");
    private static final List<String> NOISE = List.of("Video Played", "Coupon Applied", "Email Opened");
    private static final List<String> COUNTRIES = List.of("DE", "FR", "GB", "US", "ES", "NL", "BR", "JP");
    private static final List<String> PLANS = List.of("free", "starter", "pro");
    private static final ZoneOffset OFFSET = ZoneOffset.ofHours(2);
    private static final Duration QUARTER = Duration.ofDays(91);

    /** Page views per customer of the heaviest browsers, at most. */
    private static final int MOST_PAGE_VIEWS = 2_000;

    private final long seed;
    private final Instant asOf;
    private final double pageViews;
    private final boolean scorecard;

    /** A generator of data ending at {@code asOf}: no event is later. */
    public SyntheticEvents(long seed, Instant asOf) {
        this(seed, asOf, 0);
    }

    /**
     * A generator of data ending at {@code asOf} whose customers also browse: on average {@code pageViews} more page
     * views each, heavy-tailed (most customers a few, some hundreds), between their first and last event, so that
     * every customer still lands in the stage their persona aims at. With 0, the same bytes as before browsing was
     * added.
     */
    public SyntheticEvents(long seed, Instant asOf, double pageViews) {
        this(seed, asOf, pageViews, false);
    }

    private SyntheticEvents(long seed, Instant asOf, double pageViews, boolean scorecard) {
        this.seed = seed;
        this.asOf = asOf;
        this.pageViews = pageViews;
        this.scorecard = scorecard;
    }

    /**
     * The same generator, whose data also feeds every measure of the report's scorecard: about three buyers in five
     * signed up or became a lead 2 to 45 days before their first purchase; subscribers who cancelled renewed every
     * quarter until then; two buyers in five whose first purchase and last event are more than a day apart answered
     * one or two CSAT surveys ({@code survey} {@code csat}, 1 to 5) in between, promoters excepted; NPS answers say
     * {@code survey} {@code nps}; four orders in five carry a {@code cost} or a {@code margin}. The additions are drawn
     * from a stream of their own and stay inside each customer's active period, so every other event keeps its
     * instant and values and every customer still lands in the stage their persona aims at.
     */
    public SyntheticEvents withScorecardEvents() {
        return new SyntheticEvents(seed, asOf, pageViews, true);
    }

    /** Writes the events of {@code customers} customers; returns the number of lines written. */
    public long write(int customers, Writer out) throws IOException {
        return write(customers, out, (id, persona) -> { });
    }

    /** Writes the customers and tells, for each user id, the stage its persona aims at. */
    long write(int customers, Writer out, BiConsumer<String, Persona> personas) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom additions = new SplittableRandom(~seed);
        Customer customer = new Customer(out);
        long lines = 0;
        for (int i = 1; i <= customers; i++) {
            lines += customer.write(i, random.split(), additions.split(), personas);
        }
        return lines;
    }

    /** The persona of one customer: which stage the events are meant to put them in. */
    enum Persona { AWARENESS, CONSIDERATION, CONVERSION, RETENTION, LOYALTY, CHURN }

    static Persona personaFor(double draw) {
        if (draw < 0.25) {
            return Persona.AWARENESS;
        } else if (draw < 0.45) {
            return Persona.CONSIDERATION;
        } else if (draw < 0.53) {
            return Persona.CONVERSION;
        } else if (draw < 0.73) {
            return Persona.RETENTION;
        } else if (draw < 0.85) {
            return Persona.LOYALTY;
        }
        return Persona.CHURN;
    }

    /** Writes one customer's lines; reused across customers to keep allocation low. */
    private final class Customer {

        private final Writer out;
        private final StringBuilder line = new StringBuilder(256);
        private SplittableRandom random;
        /** The draws of the scorecard's additions, apart so that the other lines do not change. */
        private SplittableRandom additions;
        private String userId;
        private String anonymousId;
        private int orders;
        private long count;
        /** The customer's first and last event under their user id. */
        private Instant first;
        private Instant last;
        private Instant firstPurchase;
        private Instant subscribed;
        private Instant cancelled;
        private boolean promoter;

        Customer(Writer out) {
            this.out = out;
        }

        long write(int number, SplittableRandom random, SplittableRandom additions,
                   BiConsumer<String, Persona> personas) throws IOException {
            this.random = random;
            this.additions = additions;
            this.userId = String.format("u%07d", number);
            this.anonymousId = null;
            this.orders = 0;
            this.count = 0;
            this.first = null;
            this.last = null;
            this.firstPurchase = null;
            this.subscribed = null;
            this.cancelled = null;
            this.promoter = false;
            Persona persona = personaFor(random.nextDouble());
            personas.accept(userId, persona);
            switch (persona) {
                case AWARENESS -> aware();
                case CONSIDERATION -> considering();
                case CONVERSION -> converted();
                case RETENTION -> retained();
                case LOYALTY -> loyal();
                case CHURN -> churned();
            }
            browse();
            if (scorecard) {
                this.random = additions;
                scorecardEvents();
            }
            return count;
        }

        /** See {@link SyntheticEvents#withScorecardEvents()}: leads, renewals and CSAT answers of buyers. */
        private void scorecardEvents() throws IOException {
            if (firstPurchase == null) {
                return;
            }
            if (random.nextInt(5) < 3) {
                track(random.nextBoolean() ? "Signed Up" : "Lead Created",
                        firstPurchase.minusMillis((long) (random.nextDouble(2, 45) * Days.MILLIS)), null);
            }
            if (cancelled != null) {
                for (Instant renewal = subscribed.plus(QUARTER); renewal.isBefore(cancelled);
                        renewal = renewal.plus(QUARTER)) {
                    track("Subscription Renewed", renewal, null);
                }
            }
            long span = last.toEpochMilli() - firstPurchase.toEpochMilli();
            if (!promoter && span > Days.MILLIS && random.nextInt(5) < 2) {
                for (int i = random.nextInt(1, 3); i > 0; i--) {
                    track("Survey Answered", firstPurchase.plusMillis((long) (random.nextDouble() * span)),
                            "{\"survey\":\"csat\",\"score\":" + csatScore() + "}");
                }
            }
        }

        /** Mostly satisfied, as CSAT answers tend to be: 1 to 5 with 4 and 5 about four answers in five. */
        private int csatScore() {
            int draw = random.nextInt(100);
            return draw < 4 ? 1 : draw < 10 ? 2 : draw < 22 ? 3 : draw < 60 ? 4 : 5;
        }

        /** Pareto-distributed page views (shape 1.5, mean {@link #pageViews}) between the first and last event. */
        private void browse() throws IOException {
            if (pageViews <= 0 || first == null) {
                return;
            }
            double shape = 1.5;
            double least = pageViews * (shape - 1) / shape;
            long views = Math.min(MOST_PAGE_VIEWS, (long) (least / Math.pow(1 - random.nextDouble(), 1 / shape)));
            long span = last.toEpochMilli() - first.toEpochMilli();
            Instant from = first;
            for (long i = 0; i < views; i++) {
                page(null, userId, from.plusMillis((long) (random.nextDouble() * span)));
            }
        }

        private void aware() throws IOException {
            int variant = random.nextInt(3);
            if (variant == 0) {
                anonymousId = anonymousId();
                for (int i = random.nextInt(1, 4); i > 0; i--) {
                    page(anonymousId, null, days(0, 400));
                }
                return;
            }
            maybeAnonymousStart(days(95, 400));
            page(null, userId, days(0, 300));
            track("Email Opened", days(0, 300), null);
            if (variant == 2) {
                track(INTENT.get(random.nextInt(INTENT.size())), days(93, 500), null);
                track("Product Viewed", days(0, 88), productProperties());
            }
        }

        private void considering() throws IOException {
            noise();
            maybeAnonymousStart(days(60, 300));
            page(null, userId, days(2, 300));
            if (random.nextBoolean()) {
                track(INTENT.get(random.nextInt(INTENT.size())), days(2, 88), null);
            } else {
                for (int i = random.nextInt(3, 6); i > 0; i--) {
                    track("Product Viewed", days(2, 88), productProperties());
                }
            }
        }

        private void converted() throws IOException {
            noise();
            page(null, userId, days(30, 200));
            track("Product Viewed", days(2, 60), productProperties());
            if (random.nextInt(4) == 0) {
                subscribe(days(2, 28));
            } else {
                order(days(2, 28));
            }
        }

        private void retained() throws IOException {
            noise();
            identify(days(200, 600));
            order(days(32, 170));
            if (random.nextBoolean()) {
                order(days(180, 700));
            }
            if (random.nextInt(4) == 0) {
                track("Order Refunded", days(2, 30), orderProperties());
            }
            if (random.nextInt(3) == 0) {
                track("Survey Answered", days(2, 170), npsAnswer(random.nextInt(0, 9)));
            }
            page(null, userId, days(2, 170));
        }

        private void loyal() throws IOException {
            noise();
            identify(days(370, 700));
            switch (random.nextInt(3)) {
                case 0 -> {
                    for (int i = random.nextInt(3, 7); i > 0; i--) {
                        order(days(2, 360));
                    }
                }
                case 1 -> {
                    order(days(100, 360));
                    order(days(2, 90));
                    track("Survey Answered", days(2, 90), npsAnswer(random.nextInt(9, 11)));
                    promoter = true;
                }
                default -> {
                    order(days(40, 500));
                    track("Referral Sent", days(2, 360), null);
                }
            }
            track("Subscription Renewed", days(2, 170), null);
        }

        private void churned() throws IOException {
            identify(days(400, 720));
            if (random.nextBoolean()) {
                subscribe(days(300, 700));
                cancelled = days(2, 170);
                track("Subscription Cancelled", cancelled, null);
                page(null, userId, days(2, 170));
            } else {
                order(days(300, 720));
                order(days(185, 299));
                page(null, userId, days(185, 299));
            }
        }

        /** A third of prospects browse anonymously before an identify call links the visits to them. */
        private void maybeAnonymousStart(Instant identified) throws IOException {
            if (random.nextInt(3) == 0) {
                anonymousId = anonymousId();
                for (int i = random.nextInt(1, 4); i > 0; i--) {
                    page(anonymousId, null, identified.minus(random.nextInt(1, 40), ChronoUnit.DAYS));
                }
            }
            identify(identified);
        }

        /** Now and then an event outside the vocabulary, recent enough to keep an active customer active. */
        private void noise() throws IOException {
            if (random.nextInt(10) == 0) {
                track(NOISE.get(random.nextInt(NOISE.size())), days(2, 170), null);
            }
        }

        private String anonymousId() {
            return String.format("anon-%012x", random.nextLong() & 0xFFFF_FFFF_FFFFL);
        }

        private Instant days(int from, int to) {
            double days = from + random.nextDouble() * (to - from);
            return asOf.minusMillis((long) (days * Days.MILLIS));
        }

        private void order(Instant at) throws IOException {
            orders++;
            purchased(at);
            double total = amount();
            track("Order Completed", at, "{" + orderFields(total) + profit(total) + "}");
        }

        private void subscribe(Instant at) throws IOException {
            purchased(at);
            subscribed = at;
            track("Subscription Started", at, planProperties());
        }

        private void purchased(Instant at) {
            firstPurchase = firstPurchase == null || at.isBefore(firstPurchase) ? at : firstPurchase;
        }

        private double amount() {
            return random.nextInt(500, 50_000) / 100.0;
        }

        private String orderProperties() {
            return "{" + orderFields(amount()) + "}";
        }

        private String orderFields(double total) {
            return "\"order_id\":\"o" + userId.substring(1) + "-" + orders + "\",\"total\":" + money(total);
        }

        /** With the scorecard's additions: a cost (three orders in five) or a margin (one in five), 15 to 50 % off. */
        private String profit(double total) {
            if (!scorecard) {
                return "";
            }
            int kind = additions.nextInt(5);
            double margin = total * additions.nextDouble(0.15, 0.5);
            return kind == 0 ? "" : kind == 1 ? ",\"margin\":" + money(margin) : ",\"cost\":" + money(total - margin);
        }

        private String npsAnswer(int score) {
            return "{" + (scorecard ? "\"survey\":\"nps\"," : "") + "\"score\":" + score + "}";
        }

        private static String money(double amount) {
            return String.format(Locale.ROOT, "%.2f", amount);
        }

        private String productProperties() {
            return "{\"product_id\":\"p" + random.nextInt(1, 500) + "\"}";
        }

        private String planProperties() {
            return "{\"plan\":\"" + PLANS.get(random.nextInt(1, PLANS.size())) + "\"}";
        }

        private void identify(Instant at) throws IOException {
            start("identify", userId, anonymousId, at);
            line.append(",\"traits\":{\"email\":\"").append(userId).append("@example.com\",\"plan\":\"")
                    .append(PLANS.get(random.nextInt(PLANS.size()))).append("\",\"country\":\"")
                    .append(COUNTRIES.get(random.nextInt(COUNTRIES.size()))).append("\"}");
            end();
        }

        private void page(String anonymous, String user, Instant at) throws IOException {
            start("page", user, anonymous, at);
            line.append(",\"properties\":{\"path\":\"/").append(random.nextInt(3) == 0 ? "pricing" : "blog")
                    .append("\"}");
            end();
        }

        private void track(String event, Instant at, String properties) throws IOException {
            start("track", userId, null, at);
            line.append(",\"event\":");
            Json.appendQuoted(line, event);
            if (properties != null) {
                line.append(",\"properties\":").append(properties);
            }
            end();
        }

        private void start(String type, String user, String anonymous, Instant at) {
            line.setLength(0);
            line.append("{\"type\":\"").append(type).append('"');
            if (user != null) {
                line.append(",\"userId\":");
                Json.appendQuoted(line, user);
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
            if (anonymous != null) {
                line.append(",\"anonymousId\":");
                Json.appendQuoted(line, anonymous);
            }
            line.append(",\"timestamp\":\"").append(timestamp(at)).append('"');
        }

        private void end() throws IOException {
            line.append("}\n");
            out.append(line);
            count++;
        }

        /** Mostly whole seconds with Z; one line in ten with milliseconds, one in ten with a +02:00 offset. */
        private String timestamp(Instant at) {
            int shape = random.nextInt(10);
            if (shape == 0) {
                return at.truncatedTo(ChronoUnit.MILLIS).toString();
            }
            Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
            if (shape == 1) {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(seconds, OFFSET));
            }
            return seconds.toString();
        }
    }
}
