package io.lifestage.engine.cli;

/**
 * A subcommand that another module adds to {@code lifestage} when it is on the class path, such as
 * {@code lifestage serve} from the server module. The implementation is a picocli {@code @Command} class with a
 * public no-argument constructor, listed in {@code META-INF/services/io.lifestage.engine.cli.CommandExtension}; it
 * returns its exit code from {@code call()} (0 success, 1 failure, as every command does).
 */
public interface CommandExtension {
}
