package io.lifestage.server;

import io.lifestage.api.CustomerStage;
import io.lifestage.api.Lifestage;
import io.lifestage.api.Stage;
import io.lifestage.engine.report.MemberPage;
import io.lifestage.engine.store.StageStore;
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
    private final CustomerValues values;

    @Inject
    StageResource(Lifestage lifestage, CustomerValues values) {
        this.lifestage = lifestage;
        this.values = values;
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
                              @QueryParam("limit") String limit, @QueryParam("sort") String sort,
                              @QueryParam("page") String page) {
        if (!lifestage.engine().stageModel().declares(stage) && !lifestage.stageCounts().containsKey(stage)) {
            throw ApiError.notFound("'" + stage + "' is not a stage of the rule pack ("
                    + String.join(", ", lifestage.engine().stageModel().names()) + ")");
        }
        int size = WholeNumbers.parse(limit, "limit", DEFAULT_PAGE, MAX_PAGE);
        if (sort != null) {
            int number = WholeNumbers.parse(page, "page", 1, Integer.MAX_VALUE);
            return ranked(stage, sort, ranking(sort, after), number, size);
        }
        if (page != null) {
            throw ApiError.badRequest("invalid_parameter", "'page' turns the pages of a list by value: give 'sort'"
                    + " too (a list by id goes on with 'after')").field("page");
        }
        List<CustomerStage> customers = lifestage.customers(stage, after, size);
        return Json.ok(Json.object("stage", stage, "customers", customers.stream().map(RecordJson::fields).toList(),
                "next", customers.size() == size ? customers.get(customers.size() - 1).customerId() : null));
    }

    /** A page of the customers now in the stage by value, each with what they are worth now. */
    private Response ranked(String stage, String sort, StageStore.Ranking ranking, int number, int size) {
        MemberPage page = values.ranked(stage, ranking, number, size);
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < page.customers().size(); i++) {
            customers.add(Json.object("customerId", page.customers().get(i).customerId(), "stage", stage, "since",
                    page.customers().get(i).entered().toString(), "metrics", RecordJson.fields(page.values().get(i))));
        }
        return Json.ok(Json.object("stage", stage, "sort", sort, "page", number, "customers", customers, "next",
                page.nextPage()));
    }

    private static StageStore.Ranking ranking(String sort, String after) {
        if (after != null) {
            throw ApiError.badRequest("invalid_parameter", "a list sorted by value goes on with 'page', not 'after'")
                    .field("after");
        }
        return StageStore.Ranking.named(sort).orElseThrow(() -> ApiError.badRequest("invalid_parameter",
                "'sort' is " + String.join(", ", StageStore.Ranking.names()) + ", not '" + sort + "'").field("sort"));
    }
}
