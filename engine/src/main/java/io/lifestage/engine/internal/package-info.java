/** Small pieces shared by the engine's packages; not API. */
package io.lifestage.engine.internal;
