/**
 * Segment-spec JSON calls to Lifestage {@link io.lifestage.api.Event events}: one parser shared by the file and
 * HTTP connectors and the HTTP ingest endpoint. See {@link io.lifestage.segment.SegmentCall}.
 */
package io.lifestage.segment;
