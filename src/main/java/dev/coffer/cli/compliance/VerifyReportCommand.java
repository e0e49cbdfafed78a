package dev.coffer.cli.compliance;

import dev.coffer.audit.AuditKeys;
import dev.coffer.audit.DocumentSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code coffer compliance verify-report FILE --public-key KEY.pem}: checks a report against its
 * detached signature offline, with the audit signing key ({@code coffer audit public-key}). Exit 0
 * when it verifies, 1 when it does not, 2 on usage or I/O errors.
 */
@Command(
    name = "verify-report",
    mixinStandardHelpOptions = true,
    description = "Verify a compliance report's signature offline.")
final class VerifyReportCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // required parameter, set by picocli
  @Parameters(index = "0", paramLabel = "FILE", description = "The report.")
  Path report;

  @SuppressWarnings("NullAway.Init") // required option, set by picocli
  @Option(
      names = "--public-key",
      required = true,
      paramLabel = "PEM",
      description = "Trusted Ed25519 public key(s), PEM (from `coffer audit public-key`).")
  Path publicKey;

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description = "The signature file (default: FILE.sig).")
  @org.jspecify.annotations.Nullable
  Path signature;

  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Path sigFile = signature != null ? signature : ReportCommand.signaturePath(report);
      DocumentSignature sig = DocumentSignature.fromJson(Files.readString(sigFile));
      Map<String, byte[]> keys = AuditKeys.fromPem(Files.readString(publicKey));
      Optional<String> problem = sig.problem(Files.readAllBytes(report), keys);
      if (problem.isPresent()) {
        out.println("INVALID: " + report + ": " + problem.get());
        out.flush();
        return 1;
      }
      out.println(
          "VALID: "
              + report
              + " is the "
              + sig.format()
              + " report the server signed at "
              + sig.signedAt()
              + " (key "
              + sig.keyFingerprint()
              + ")");
      out.flush();
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("coffer compliance verify-report: " + e.getMessage());
      return 2;
    }
  }
}
