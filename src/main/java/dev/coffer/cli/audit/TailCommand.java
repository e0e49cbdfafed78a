package dev.coffer.cli.audit;

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

/** {@code coffer audit tail}: prints the newest CloudTrail records, one JSON object a line. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Print the newest audit events (CloudTrail records, one per line).")
final class TailCommand implements Callable<Integer> {
  @Mixin CofferEndpointOptions connection = new CofferEndpointOptions();

  @SuppressWarnings("NullAway.Init") // injected by picocli
  @ParentCommand
  AuditCommand parent;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "20",
      description = "How many (default: ${DEFAULT-VALUE}, at most 1000).")
  int lines = 20;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new events until interrupted.")
  boolean follow;

  @Option(names = "--interval-ms", defaultValue = "1000", hidden = true)
  long intervalMs = 1000;

  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      SignedJsonClient client = parent.client(connection);
      JsonNode page =
          client.call(
              "ListAuditEvents", client.object().put("Latest", Math.max(1, Math.min(1000, lines))));
      long last = print(page, out, client);
      while (follow) {
        Thread.sleep(intervalMs);
        JsonNode more =
            client.call("ListAuditEvents", client.object().put("FromSequence", last + 1));
        last = Math.max(last, print(more, out, client));
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("coffer audit tail: " + e.getMessage());
      return 2;
    }
  }

  /** Prints a page, leaving out this command's own polling calls; returns its last sequence. */
  private static long print(JsonNode page, PrintWriter out, SignedJsonClient client) {
    long last = 0;
    for (JsonNode e : page.path("Events")) {
      last = Math.max(last, e.path("seq").asLong());
      String body = e.path("body").asText();
      if (!client.isOwnRequest(body)) {
        out.println(body);
      }
    }
    out.flush();
    return last;
  }
}
