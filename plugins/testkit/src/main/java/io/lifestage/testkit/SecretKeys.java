package io.lifestage.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the keys of a connector that hold credentials, on its {@link ProviderContract} test:
 * {@code @SecretKeys("token") class HubSpotConnectorProviderTest extends ProviderContract}. The contract checks that
 * exactly these keys are marked secret; a provider test without it says that none is.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SecretKeys {

    /** The names of the secret keys. */
    String[] value();
}
