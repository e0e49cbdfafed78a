package dev.coffer.cli.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer compliance report}: asks the server for a signed report (GenerateReport) and writes
 * it to {@code --output} and its detached signature next to it ({@code PATH.sig}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Download a signed compliance report (HTML, JSON or CSV).")
final class ReportCommand extends ClientSubcommand {
  @Option(
      names = "--format",
      description = "html, json or csv (default: html).",
      defaultValue = "html")
  String format = "html";

  @SuppressWarnings("NullAway.Init") // required option, set by picocli
  @Option(
      names = "--output",
      required = true,
      paramLabel = "PATH",
      description = "Where to write the report; the signature goes to PATH.sig.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = out();
    try {
      if (!format.matches("html|json|csv")) {
        throw new IllegalArgumentException("--format must be html, json or csv");
      }
      SignedJsonClient client = client();
      JsonNode r = client.call("GenerateReport", client.object().put("Format", format));
      Files.write(output, r.path("Report").asText().getBytes(StandardCharsets.UTF_8));
      Path sig = signaturePath(output);
      Files.writeString(sig, r.path("Signature").asText());
      out.println(
          "Wrote "
              + output
              + " ("
              + format
              + ", generated "
              + r.path("GeneratedAt").asText()
              + ") and its signature "
              + sig);
      out.flush();
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      return failed(e);
    }
  }

  static Path signaturePath(Path report) {
    return report.resolveSibling(report.getFileName() + ".sig");
  }
}
