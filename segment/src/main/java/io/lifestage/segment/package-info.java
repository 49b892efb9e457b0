/**
 * Segment-spec JSON calls to Lifestage {@link io.lifestage.api.Event events}: one parser shared by the file and
 * HTTP connectors and the HTTP ingest endpoint. See {@link io.lifestage.segment.SegmentCall}. And the other way,
 * decisions and transitions as JSON for the sinks and the Kafka Streams node ({@link io.lifestage.segment.RecordJson}),
 * their values spelled alike in every output ({@link io.lifestage.segment.Wire}).
 */
package io.lifestage.segment;
