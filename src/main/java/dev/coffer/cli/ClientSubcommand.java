package dev.coffer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand of a {@link ClientCommandGroup} that calls the group's API: picocli injects its
 * endpoint options, its group and its own spec here. Failures it cannot recover from end it with
 * exit status 2 and one line on standard error naming the command ({@link #failed}).
 */
public abstract class ClientSubcommand implements Callable<Integer> {
  @Mixin protected CofferEndpointOptions connection = new CofferEndpointOptions();

  @SuppressWarnings("NullAway.Init") // injected by picocli
  @ParentCommand
  protected ClientCommandGroup group;

  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  protected CommandSpec spec;

  /** A client for the group's API on the server the options name. */
  protected SignedJsonClient client() {
    return group.client(connection);
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints {@code coffer GROUP COMMAND: } and {@code e}'s message to standard error; returns 2. */
  protected int failed(Exception e) {
    return failed(String.valueOf(e.getMessage()));
  }

  /** Prints {@code coffer GROUP COMMAND: message} to standard error; returns 2. */
  protected int failed(String message) {
    CommandSpec groupSpec = spec.parent();
    String command = (groupSpec == null ? "" : groupSpec.name() + " ") + spec.name();
    spec.commandLine().getErr().println("coffer " + command + ": " + message);
    return 2;
  }
}
