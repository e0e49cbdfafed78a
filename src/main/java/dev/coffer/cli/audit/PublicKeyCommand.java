package dev.coffer.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.CofferEndpointOptions;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code coffer audit public-key}: the digest signing key(s), PEM, to keep for verification. */
@Command(
    name = "public-key",
    mixinStandardHelpOptions = true,
    description = "Print (or save) the public key(s) that sign audit digests, as PEM.")
final class PublicKeyCommand implements Callable<Integer> {
  @Mixin CofferEndpointOptions connection = new CofferEndpointOptions();

  @SuppressWarnings("NullAway.Init") // injected by picocli
  @ParentCommand
  AuditCommand parent;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  @org.jspecify.annotations.Nullable
  Path output;

  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      SignedJsonClient client = parent.client(connection);
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
      spec.commandLine().getErr().println("coffer audit public-key: " + e.getMessage());
      return 2;
    }
  }
}
