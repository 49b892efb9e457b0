package io.lifestage.server;

import io.lifestage.api.CustomerStage;
import io.lifestage.api.Lifestage;
import io.lifestage.api.Stage;
import io.lifestage.segment.RecordJson;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stages: how many customers are in each, and who, page by page in id order. */
@Singleton
@Path("/v1/stages")
public class StageResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1_000;

    private final Lifestage lifestage;

    @Inject
    StageResource(Lifestage lifestage) {
        this.lifestage = lifestage;
    }

    @GET
    public Response counts() {
        Map<String, Long> counts = lifestage.stageCounts();
        List<Map<String, Object>> stages = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            stages.add(Json.object("name", count.getKey(), "label", lifestage.engine().stageModel()
                    .find(count.getKey()).map(Stage::label).orElse(count.getKey()), "customers", count.getValue()));
            total += count.getValue();
        }
        return Json.ok(Json.object("stages", stages, "total", total));
    }

    @GET
    @Path("{stage}/customers")
    public Response customers(@PathParam("stage") String stage, @QueryParam("after") String after,
                              @QueryParam("limit") String limit) {
        if (!lifestage.engine().stageModel().declares(stage) && !lifestage.stageCounts().containsKey(stage)) {
            throw ApiError.notFound("'" + stage + "' is not a stage of the rule pack ("
                    + String.join(", ", lifestage.engine().stageModel().names()) + ")");
        }
        int size = pageSize(limit);
        List<CustomerStage> page = lifestage.customers(stage, after, size);
        return Json.ok(Json.object("stage", stage, "customers", page.stream().map(RecordJson::fields).toList(),
                "next", page.size() == size ? page.get(page.size() - 1).customerId() : null));
    }

    private static int pageSize(String limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("invalid_parameter", "limit must be a whole number from 1 to " + MAX_PAGE
                + ", got '" + limit + "'").field("limit");
    }
}
