package io.lifestage.engine.report;

import io.lifestage.api.StageModel;
import java.util.List;

/**
 * The stages a report shows, in funnel order, and the two roles some KPIs need: the first stage of a paying
 * customer (retention counts customers from it on) and the churn stage (left out of the funnel, counted as churn).
 *
 * @param order              stage names in funnel order
 * @param firstCustomerStage the first stage of a customer, or null when the model has none (no retention rates)
 * @param churnStage         the stage of lost customers, or null when the model has none (no churn rates)
 */
public record ReportStages(List<String> order, String firstCustomerStage, String churnStage) {

    /** The default pack's names for the two roles. */
    public static final String CONVERSION = "conversion";
    /** The default pack's churn stage. */
    public static final String CHURN = "churn";

    public ReportStages {
        order = List.copyOf(order);
        for (String role : new String[] {firstCustomerStage, churnStage}) {
            if (role != null && !order.contains(role)) {
                throw new ReportException("LS-REPORT-0002", "stage '" + role + "' is not one of " + order);
            }
        }
    }

    /** The model's stages, with {@value #CONVERSION} and {@value #CHURN} in their roles when declared. */
    public static ReportStages of(StageModel model) {
        return new ReportStages(model.names(), model.declares(CONVERSION) ? CONVERSION : null,
                model.declares(CHURN) ? CHURN : null);
    }

    /** The same roles over a longer order, for stages found in the store that the model does not declare. */
    ReportStages including(List<String> found) {
        List<String> all = new java.util.ArrayList<>(order);
        found.stream().filter(stage -> !all.contains(stage)).sorted().forEach(all::add);
        return new ReportStages(all, firstCustomerStage, churnStage);
    }

    /** Whether the stage is a paying customer's and not churn: from the first customer stage on, churn excluded. */
    boolean isCustomer(String stage) {
        return firstCustomerStage != null && stage != null && !stage.equals(churnStage)
                && order.indexOf(stage) >= order.indexOf(firstCustomerStage);
    }

    /**
     * The stage of leads: the funnel stage just before the first customer stage ({@code consideration} in the
     * default pack), or null when there is none.
     */
    String leadStage() {
        List<String> funnel = funnel();
        int customer = funnel.indexOf(firstCustomerStage);
        return customer > 0 ? funnel.get(customer - 1) : null;
    }

    /** The stages of the funnel: every stage but churn, in order. */
    List<String> funnel() {
        return order.stream().filter(stage -> !stage.equals(churnStage)).toList();
    }
}
