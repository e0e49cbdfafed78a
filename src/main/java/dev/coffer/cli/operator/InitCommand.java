package dev.coffer.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer operator init}: makes the first root key. With the Shamir seal it prints the
 * shares, once: hand one to each operator; the server keeps none.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Initialise the server's root key (Shamir seal: print the unseal shares once).")
final class InitCommand extends ClientSubcommand {
  @Option(names = "--shares", defaultValue = "5", description = "Shamir shares to make (5).")
  int shares;

  @Option(names = "--threshold", defaultValue = "3", description = "Shares needed to unseal (3).")
  int threshold;

  @Override
  public Integer call() {
    PrintWriter out = out();
    try {
      SignedJsonClient client = client();
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
      return failed(e);
    }
  }
}
