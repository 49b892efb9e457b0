package io.lifestage.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** What goes through the repartition topics, keyed by the customer (or anonymous id) it is for. */
sealed interface Routed {

    /** An anonymous visitor's call, keyed by their anonymous id, on its way to the identity links. */
    record AnonymousFact(StreamFact fact) implements Routed {
    }

    /** Facts of the customer of the key: a call, or an anonymous history an identify call moved to a user. */
    record Facts(List<StreamFact> facts) implements Routed {
    }

    /** An identify call linked the anonymous id of the key to this user. */
    record Link(String userId) implements Routed {
    }

    /** The customer of the key (an anonymous id now linked to a user) is gone: drop their facts and state. */
    record Drop() implements Routed {
    }

    /** The serde of the repartition topics. */
    static Serde<Routed> serde() {
        return Serdes.serdeFrom((Serializer<Routed>) (topic, routed) -> write(routed),
                (Deserializer<Routed>) (topic, bytes) -> read(bytes));
    }

    private static byte[] write(Routed routed) {
        if (routed == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (routed instanceof AnonymousFact anonymous) {
                out.writeByte(0);
                anonymous.fact().write(out);
            } else if (routed instanceof Facts facts) {
                out.writeByte(1);
                writeFacts(facts.facts(), out);
            } else if (routed instanceof Link link) {
                out.writeByte(2);
                out.writeUTF(link.userId());
            } else {
                out.writeByte(3);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static Routed read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return switch (in.readByte()) {
                case 0 -> new AnonymousFact(StreamFact.read(in));
                case 1 -> new Facts(readFacts(in));
                case 2 -> new Link(in.readUTF());
                case 3 -> new Drop();
                default -> throw new IllegalStateException("not a routed message: kind " + bytes[0]);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("a routed message is truncated: " + e.getMessage(), e);
        }
    }

    /** A list of facts as a store or a topic keeps it. */
    static void writeFacts(List<StreamFact> facts, DataOutputStream out) throws IOException {
        out.writeInt(facts.size());
        for (StreamFact fact : facts) {
            fact.write(out);
        }
    }

    static List<StreamFact> readFacts(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<StreamFact> facts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            facts.add(StreamFact.read(in));
        }
        return facts;
    }

    /** The serde of the stores of a customer's facts. */
    static Serde<List<StreamFact>> factsSerde() {
        return Serdes.serdeFrom((Serializer<List<StreamFact>>) (topic, facts) -> {
            if (facts == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(facts.size() * 96);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writeFacts(facts, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot happen: writing to memory", e);
            }
            return bytes.toByteArray();
        }, (Deserializer<List<StreamFact>>) (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                return readFacts(in);
            } catch (IOException e) {
                throw new UncheckedIOException("a stored list of facts is truncated: " + e.getMessage(), e);
            }
        });
    }
}
