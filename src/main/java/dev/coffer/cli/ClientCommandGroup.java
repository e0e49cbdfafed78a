package dev.coffer.cli;

import java.util.Map;

/**
 * A {@code coffer} command group whose subcommands call one of Coffer's own APIs ({@code audit},
 * {@code operator}, {@code compliance}): it holds the environment the subcommands resolve
 * credentials and endpoint from, and the API's target prefix. Run alone, it prints its usage.
 */
public abstract class ClientCommandGroup implements Runnable {
  private final Map<String, String> env;
  private final String targetPrefix;

  /** Reads credentials and endpoint from {@code env} (tests pass their own). */
  protected ClientCommandGroup(Map<String, String> env, String targetPrefix) {
    this.env = Map.copyOf(env);
    this.targetPrefix = targetPrefix;
  }

  /** The environment the subcommands read ({@code AWS_*}, {@code COFFER_ENDPOINT}). */
  public Map<String, String> env() {
    return env;
  }

  /** A client for this group's API on the server the options name. */
  public SignedJsonClient client(CofferEndpointOptions options) {
    return options.client(env, targetPrefix);
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
