/** The {@code lifestage} command line (picocli): classify, validate, generate. */
package io.lifestage.engine.cli;
