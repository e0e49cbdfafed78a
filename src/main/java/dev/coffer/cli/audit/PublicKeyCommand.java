package dev.coffer.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer audit public-key}: the digest signing key(s), PEM, to keep for verification. */
@Command(
    name = "public-key",
    mixinStandardHelpOptions = true,
    description = "Print (or save) the public key(s) that sign audit digests, as PEM.")
final class PublicKeyCommand extends ClientSubcommand {
  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  @org.jspecify.annotations.Nullable
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = out();
    try {
      SignedJsonClient client = client();
      StringBuilder pem = new StringBuilder();
      for (JsonNode k : client.call("GetAuditPublicKeys", client.object()).path("PublicKeys")) {
        pem.append(k.path("PublicKey").asText());
      }
      if (output != null) {
        Files.writeString(output, pem);
      } else {
        out.print(pem);
        out.flush();
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      return failed(e);
    }
  }
}
