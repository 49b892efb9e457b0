package io.lifestage.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Resolves identity on the partition of an anonymous id. It keeps the anonymous id's link (the first identify call
 * linking it to a user wins, as in the stage store) and, until it is linked, its calls. A link forwards those calls to
 * the user's key and tells the anonymous customer to be dropped; every later call of the anonymous id goes to the user
 * too. So the user's node sees the same facts as a one-machine run gives the user. Calls of users pass through.
 */
final class IdentityLinks implements Processor<String, Routed, String, Routed> {

    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, String> links;
    private KeyValueStore<String, List<StreamFact>> anonymousFacts;

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.links = context.getStateStore(StageTopology.LINKS);
        this.anonymousFacts = context.getStateStore(StageTopology.ANONYMOUS_FACTS);
    }

    @Override
    public void process(Record<String, Routed> record) {
        String id = record.key();
        if (record.value() instanceof Routed.AnonymousFact anonymous) {
            String user = links.get(id);
            if (user != null) {
                context.forward(record.withKey(user).withValue(new Routed.Facts(List.of(anonymous.fact()))));
                return;
            }
            List<StreamFact> kept = new ArrayList<>(orEmpty(anonymousFacts.get(id)));
            kept.add(anonymous.fact());
            anonymousFacts.put(id, kept);
            context.forward(record.withValue(new Routed.Facts(List.of(anonymous.fact()))));
        } else if (record.value() instanceof Routed.Link link) {
            if (links.get(id) != null) {
                return;
            }
            links.put(id, link.userId());
            List<StreamFact> history = orEmpty(anonymousFacts.delete(id));
            context.forward(record.withValue(new Routed.Drop()));
            if (!history.isEmpty()) {
                context.forward(record.withKey(link.userId()).withValue(new Routed.Facts(history)));
            }
        } else {
            context.forward(record);
        }
    }

    private static List<StreamFact> orEmpty(List<StreamFact> facts) {
        return facts == null ? List.of() : facts;
    }
}
