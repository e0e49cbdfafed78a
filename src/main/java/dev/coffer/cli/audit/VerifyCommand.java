package dev.coffer.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditJson;
import dev.coffer.audit.AuditKeys;
import dev.coffer.audit.ChainVerifier;
import dev.coffer.audit.ExportReader;
import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import dev.coffer.core.audit.AuditDigest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer audit verify}: walks the digest chain and the events it seals and reports every
 * event or digest changed, removed, inserted or reordered. Exit status 0 when the log verifies, 1
 * when it does not, 2 when it could not be checked.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the audit trail's hash chain and signed digests.",
      "Online (default) it reads the log from the server; with --offline it checks an export",
      "directory against --public-key alone. Exit status: 0 valid, 1 invalid, 2 error."
    })
final class VerifyCommand extends ClientSubcommand {
  @Option(
      names = "--from",
      description = "Check digests that end at or after this time (ISO-8601 or YYYY-MM-DD).")
  @org.jspecify.annotations.Nullable
  String from;

  @Option(names = "--to", description = "Check digests that start at or before this time.")
  @org.jspecify.annotations.Nullable
  String to;

  @Option(names = "--offline", paramLabel = "DIR", description = "Verify an export directory.")
  @org.jspecify.annotations.Nullable
  Path offline;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description = "Trust only the key(s) in this PEM file (required with --offline).")
  @org.jspecify.annotations.Nullable
  Path publicKey;

  @Override
  public Integer call() {
    PrintWriter out = out();
    try {
      ChainVerifier.Report report =
          offline != null ? verifyOffline(offline, out) : verifyOnline(out);
      return print(report, out);
    } catch (IOException | IllegalArgumentException e) {
      return failed(e);
    }
  }

  private ChainVerifier.Report verifyOffline(Path dir, PrintWriter out) throws IOException {
    if (publicKey == null) {
      throw new IllegalArgumentException("--offline needs --public-key FILE");
    }
    ChainVerifier v =
        new ChainVerifier(
            keysFromFile(publicKey),
            new ChainVerifier.Expectations(true, 0, OptionalLong.empty(), OptionalLong.empty()));
    ExportReader.feed(dir, v);
    return v.finish();
  }

  private ChainVerifier.Report verifyOnline(PrintWriter out) throws IOException {
    SignedJsonClient client = client();
    Map<String, byte[]> keys;
    if (publicKey != null) {
      keys = keysFromFile(publicKey);
    } else {
      keys = new LinkedHashMap<>();
      for (JsonNode k : client.call("GetAuditPublicKeys", client.object()).path("PublicKeys")) {
        keys.putAll(AuditKeys.fromPem(k.path("PublicKey").asText()));
      }
      out.println(
          "Trusting the server's published key(s) "
              + keys.keySet()
              + "; pin them with --public-key (coffer audit public-key) to detect a re-signed log.");
    }
    JsonNode head = client.call("GetAuditHead", client.object());
    long lastEvent = head.path("LastEventSequence").asLong();
    long lastDigest = head.path("LastDigestSequence").asLong();
    long archived = head.path("ArchivedDigestSequence").asLong();
    boolean whole = from == null && to == null;
    ChainVerifier v =
        new ChainVerifier(
            keys,
            new ChainVerifier.Expectations(
                from == null,
                archived,
                to == null ? OptionalLong.of(lastEvent) : OptionalLong.empty(),
                to == null ? OptionalLong.of(lastDigest) : OptionalLong.empty()));
    List<AuditDigest> digests = digests(client);
    for (AuditDigest d : digests) {
      v.digest(d);
    }
    long firstSeq =
        digests.isEmpty() ? (whole ? 1 : Long.MAX_VALUE) : digests.get(0).firstEventSeq();
    long lastSeq =
        to != null && !digests.isEmpty()
            ? digests.get(digests.size() - 1).lastEventSeq()
            : lastEvent;
    long next = firstSeq;
    while (next <= lastSeq) {
      ObjectNode in = client.object().put("FromSequence", next).put("ToSequence", lastSeq);
      JsonNode page = client.call("ListAuditEvents", in);
      for (JsonNode e : page.path("Events")) {
        try {
          v.event(AuditJson.readEvent(e));
        } catch (AuditJson.MalformedException ex) {
          v.malformed("event " + e.path("seq").asText("?"), String.valueOf(ex.getMessage()));
        }
      }
      if (!page.has("NextSequence")) {
        break;
      }
      next = page.path("NextSequence").asLong();
    }
    return v.finish();
  }

  private List<AuditDigest> digests(SignedJsonClient client) throws IOException {
    List<AuditDigest> out = new ArrayList<>();
    long next = 1;
    while (true) {
      ObjectNode in = client.object().put("FromDigestSequence", next);
      if (from != null) {
        in.put("StartTime", parseTime(from).getEpochSecond());
      }
      if (to != null) {
        in.put("EndTime", parseTime(to).getEpochSecond());
      }
      JsonNode page = client.call("ListAuditDigests", in);
      for (JsonNode d : page.path("Digests")) {
        try {
          out.add(AuditJson.readDigest(d));
        } catch (AuditJson.MalformedException e) {
          throw new IOException("the server sent an unreadable digest: " + e.getMessage());
        }
      }
      if (!page.has("NextDigestSequence")) {
        return out;
      }
      next = page.path("NextDigestSequence").asLong();
    }
  }

  static Map<String, byte[]> keysFromFile(Path file) throws IOException {
    return AuditKeys.fromPem(Files.readString(file));
  }

  static Instant parseTime(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("not a time (ISO-8601 instant or YYYY-MM-DD): " + s);
      }
    }
  }

  private static int print(ChainVerifier.Report r, PrintWriter out) {
    for (ChainVerifier.Finding f : r.findings()) {
      out.println("INVALID " + f.where() + ": " + f.problem());
    }
    out.println(
        r.digestsChecked()
            + " digests and "
            + r.eventsChecked()
            + " events checked"
            + (r.unsealedEvents() > 0 ? ", " + r.unsealedEvents() + " events not sealed yet" : ""));
    r.newestDigest()
        .ifPresent(d ->
            out.println(
                "newest digest: "
                    + d.digestSeq()
                    + " (events up to "
                    + d.lastEventSeq()
                    + ", sealed "
                    + d.endTime()
                    + ")"));
    out.println(
        r.valid()
            ? "The audit trail is valid."
            : r.findings().size() + " problem(s) found: the audit trail is INVALID.");
    out.flush();
    return r.valid() ? 0 : 1;
  }
}
