/**
 * How {@link io.lifestage.api.Lifestage#builder()} finds the engine on the class path: the engine module implements
 * {@link io.lifestage.api.bootstrap.LifestageProvider}. Nothing here is for hosts or connector authors.
 */
package io.lifestage.api.bootstrap;
