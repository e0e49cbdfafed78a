package dev.coffer.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.CofferEndpointOptions;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code coffer operator init}: makes the first root key. With the Shamir seal it prints the
 * shares, once: hand one to each operator; the server keeps none.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Initialise the server's root key (Shamir seal: print the unseal shares once).")
final class InitCommand implements Callable<Integer> {
  @Mixin CofferEndpointOptions connection = new CofferEndpointOptions();

  @Option(names = "--shares", defaultValue = "5", description = "Shamir shares to make (5).")
  int shares;

  @Option(names = "--threshold", defaultValue = "3", description = "Shares needed to unseal (3).")
  int threshold;

  @SuppressWarnings("NullAway.Init") // injected by picocli
  @ParentCommand
  OperatorCommand parent;

  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      SignedJsonClient client = parent.client(connection);
      JsonNode answer =
          client.call("Init", client.object().put("Shares", shares).put("Threshold", threshold));
      JsonNode made = answer.path("UnsealShares");
      if (made.size() > 0) {
        int i = 1;
        for (JsonNode s : made) {
          out.println("Unseal share " + i++ + ": " + s.asText());
        }
        out.println();
        out.println(
            "These "
                + made.size()
                + " shares are shown once and kept nowhere else. Give one to each operator;"
                + " any "
                + threshold
                + " of them unseal the server (coffer operator unseal SHARE).");
        out.println();
      }
      OperatorCommand.printStatus(out, answer);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("coffer operator init: " + e.getMessage());
      return 2;
    }
  }
}
