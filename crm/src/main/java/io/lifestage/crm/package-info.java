/**
 * What the CRM connectors ({@code hubspot}, {@code salesforce}) share, bundled with each of them: a
 * {@link io.lifestage.crm.StageSyncSink sink} that keeps one stage per customer, with the optional rule, reason and
 * since fields, and the {@link io.lifestage.crm.Retries retry policy} for HTTP 429 and 5xx. Not an API for hosts or
 * rule authors.
 */
package io.lifestage.crm;
