package io.lifestage.stream;

import io.lifestage.api.Event;
import io.lifestage.engine.internal.Json;
import io.lifestage.segment.SegmentCall;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Segment calls and keys them by identity: an anonymous visitor's call by their anonymous id, every other call
 * by its user id, and an identify call carrying both ids also sends a {@link Routed.Link} to the anonymous id. A
 * record that is no Segment call goes on to the rejects topic, with its topic, partition, offset and the reason.
 */
final class SegmentRouting implements Processor<byte[], byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(SegmentRouting.class);

    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SegmentCall.Parsed parsed = record.value() == null ? new SegmentCall.Parsed(null, "an empty record")
                : SegmentCall.parse(record.value(), 0, record.value().length);
        Event event = parsed.event();
        if (event == null) {
            reject(record, parsed.rejection());
            return;
        }
        StreamFact fact = StreamFact.of(event);
        if (event.userId() == null) {
            context.forward(record.withKey(event.anonymousId()).withValue(new Routed.AnonymousFact(fact)));
            return;
        }
        context.forward(record.withKey(event.userId()).withValue(new Routed.Facts(List.of(fact))));
        if (event.type() == Event.Type.IDENTIFY && event.anonymousId() != null
                && !event.anonymousId().equals(event.userId())) {
            context.forward(record.withKey(event.anonymousId()).withValue(new Routed.Link(event.userId())));
        }
    }

    private void reject(Record<byte[], byte[]> record, String reason) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        log.warn("Rejected record at {}-{} offset {}: {}", where.topic(), where.partition(), where.offset(), reason);
        String json = "{\"topic\":" + Json.quote(where.topic()) + ",\"partition\":" + where.partition()
                + ",\"offset\":" + where.offset() + ",\"reason\":" + Json.quote(reason) + "}";
        context.forward(record.withKey((String) null).withValue(new Rejected(json.getBytes(StandardCharsets.UTF_8))));
    }

    /** A record that is no Segment call, as the rejects topic gets it. */
    record Rejected(byte[] json) {
    }
}
