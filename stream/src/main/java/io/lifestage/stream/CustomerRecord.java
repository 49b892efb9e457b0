package io.lifestage.stream;

import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.internal.Days;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.store.CustomerState;
import io.lifestage.engine.store.Evaluation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What a node keeps of a customer beside their facts, as the stage store's {@code ls_customer} row does: the stage
 * and since when, the as-of of the last evaluation, the next check (the customer's entry in the deadline index), and
 * what the node's RFM scales need of a buyer.
 *
 * @param stageSince    epoch milliseconds the customer entered their stage, 0 with none
 * @param evaluatedAsOf epoch milliseconds of the last evaluation's as-of instant, 0 when never evaluated
 * @param nextCheckAt   epoch milliseconds of the customer's entry in the deadline index, or null for none
 * @param buyer         purchases as of the last evaluation, or null for none
 */
record CustomerRecord(String stage, long stageSince, long evaluatedAsOf, Long nextCheckAt, RfmScales.Buyer buyer) {


    /** A customer with new facts and no evaluation yet: due at once. */
    static final CustomerRecord NEW = new CustomerRecord(null, 0, 0, 0L, null);

    /** The record an evaluation leaves. */
    static CustomerRecord of(Evaluation evaluation) {
        CustomerMetrics m = evaluation.metrics();
        long asOf = evaluation.asOf().toEpochMilli();
        RfmScales.Buyer buyer = m == null || m.daysSinceLastPurchase() == CustomerMetrics.NEVER ? null
                : new RfmScales.Buyer(asOf - m.daysSinceLastPurchase() * Days.MILLIS,
                m.orders() + m.subscriptionStarts(), m.revenue());
        return new CustomerRecord(evaluation.stage(),
                evaluation.stageSince() == null ? 0 : evaluation.stageSince().toEpochMilli(), asOf,
                evaluation.nextCheckAt() == null ? null : evaluation.nextCheckAt().toEpochMilli(), buyer);
    }

    CustomerState state(String customerId) {
        return CustomerState.fromMillis(customerId, stage, stageSince, evaluatedAsOf);
    }

    /** The same customer, due at this instant (new facts came). */
    CustomerRecord dueAt(long at) {
        return new CustomerRecord(stage, stageSince, evaluatedAsOf, at, buyer);
    }

    static Serde<CustomerRecord> serde() {
        return Serdes.serdeFrom((Serializer<CustomerRecord>) (topic, record) -> record == null ? null : record.write(),
                (Deserializer<CustomerRecord>) (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private byte[] write() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(stage != null);
            if (stage != null) {
                out.writeUTF(stage);
            }
            out.writeLong(stageSince);
            out.writeLong(evaluatedAsOf);
            out.writeBoolean(nextCheckAt != null);
            if (nextCheckAt != null) {
                out.writeLong(nextCheckAt);
            }
            out.writeBoolean(buyer != null);
            if (buyer != null) {
                out.writeLong(buyer.lastPurchase());
                out.writeInt(buyer.purchases());
                out.writeDouble(buyer.revenue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static CustomerRecord read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String stage = in.readBoolean() ? in.readUTF() : null;
            long since = in.readLong();
            long asOf = in.readLong();
            Long next = in.readBoolean() ? in.readLong() : null;
            RfmScales.Buyer buyer = in.readBoolean()
                    ? new RfmScales.Buyer(in.readLong(), in.readInt(), in.readDouble()) : null;
            return new CustomerRecord(stage, since, asOf, next, buyer);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored customer record is truncated: " + e.getMessage(), e);
        }
    }
}
