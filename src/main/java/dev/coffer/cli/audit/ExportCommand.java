package dev.coffer.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditJson;
import dev.coffer.audit.ExportWriter;
import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer audit export}: seals the log, then writes every sealed event and digest as gzip
 * JSON lines, with the public keys, into a directory that {@code verify --offline} checks alone.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the sealed audit log: digests-*.jsonl.gz, events-*.jsonl.gz and public-keys.pem.",
      "The server seals unsealed events first, so everything written so far is included."
    })
final class ExportCommand extends ClientSubcommand {
  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write.")
  Path output = Path.of("audit-export");

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      description = "File format: jsonl (gzip JSON lines).")
  String format = "jsonl";

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (!format.equals("jsonl")) {
      return failed("unsupported --format " + format + " (only jsonl)");
    }
    try {
      SignedJsonClient client = client();
      client.call("SealAuditDigest", client.object());
      List<AuditDigest> digests = new ArrayList<>();
      long next = 1;
      while (true) {
        JsonNode page =
            client.call("ListAuditDigests", client.object().put("FromDigestSequence", next));
        for (JsonNode d : page.path("Digests")) {
          digests.add(AuditJson.readDigest(d));
        }
        if (!page.has("NextDigestSequence")) {
          break;
        }
        next = page.path("NextDigestSequence").asLong();
      }
      Files.createDirectories(output);
      StringBuilder pem = new StringBuilder();
      for (JsonNode k : client.call("GetAuditPublicKeys", client.object()).path("PublicKeys")) {
        pem.append(k.path("PublicKey").asText());
      }
      Files.writeString(output.resolve("public-keys.pem"), pem);
      if (digests.isEmpty()) {
        out.println("Nothing sealed yet; wrote only public-keys.pem to " + output);
        return 0;
      }
      long first = digests.get(0).firstEventSeq();
      long last = digests.get(digests.size() - 1).lastEventSeq();
      long events =
          ExportWriter.write(
              output,
              digests,
              seq -> {
                ObjectNode in = client.object().put("FromSequence", seq).put("ToSequence", last);
                List<StoredAuditEvent> page = new ArrayList<>();
                for (JsonNode e : client.call("ListAuditEvents", in).path("Events")) {
                  try {
                    page.add(AuditJson.readEvent(e));
                  } catch (AuditJson.MalformedException ex) {
                    throw new IOException(
                        "the server sent an unreadable event: " + ex.getMessage());
                  }
                }
                return page;
              },
              first,
              last);
      out.println(
          "Exported "
              + digests.size()
              + " digests and "
              + events
              + " events ("
              + first
              + ".."
              + last
              + ") to "
              + output);
      out.println("Verify with: coffer audit verify --offline " + output + " --public-key KEYFILE");
      return 0;
    } catch (IOException | AuditJson.MalformedException | IllegalArgumentException e) {
      return failed(e);
    }
  }
}
