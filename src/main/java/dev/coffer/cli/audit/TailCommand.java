package dev.coffer.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer audit tail}: prints the newest CloudTrail records, one JSON object a line. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Print the newest audit events (CloudTrail records, one per line).")
final class TailCommand extends ClientSubcommand {
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

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = out();
    try {
      SignedJsonClient client = client();
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
      return failed(e);
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
