package dev.coffer.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.cli.audit.AuditCommand;
import dev.coffer.cli.compliance.ComplianceCommand;
import dev.coffer.testing.Backend;
import dev.coffer.testing.CliRun;
import dev.coffer.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reports from a running server through the CLI: downloaded in each format with SigV4, signed with
 * the audit key, verified offline, and a changed report is refused.
 */
abstract class ComplianceReportContract {
  abstract Backend backend();

  private static Map<String, String> env(TestServer s, String secretKey) {
    return CliRun.env(s.endpoint().toString(), secretKey);
  }

  @Test
  void report_eachFormat_signedAndVerifiesOffline_changedReportIsInvalid() throws Exception {
    Path dir = Files.createTempDirectory("coffer-report");
    try (TestServer s = TestServer.start(backend())) {
      try (SecretsManagerClient sm = s.secretsManager()) {
        sm.createSecret(b -> b.name("app/db").secretString("v"));
      }
      s.server().audit().sealNow();
      Map<String, String> env = env(s, TestServer.SECRET_KEY);
      Path key = dir.resolve("audit-key.pem");
      assertThat(CliRun.run(new AuditCommand(env), "public-key", "--output", key.toString()).exit())
          .isZero();

      for (String format : new String[] {"html", "json", "csv"}) {
        Path report = dir.resolve("report." + format);
        CliRun got =
            CliRun.run(
                new ComplianceCommand(env),
                "report",
                "--format",
                format,
                "--output",
                report.toString());
        assertThat(got.exit()).as(got.out()).isZero();
        assertThat(dir.resolve("report." + format + ".sig")).exists();
        CliRun ok =
            CliRun.run(
                new ComplianceCommand(Map.of()),
                "verify-report",
                report.toString(),
                "--public-key",
                key.toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("VALID: ");
      }

      JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
      JsonNode audit = json.path("Controls").get(3);
      assertThat(audit.path("Name").asText()).isEqualTo("Tamper-evident audit trail");
      assertThat(audit.path("Verification").asText()).isEqualTo("VERIFIED");
      assertThat(json.path("Controls").get(0).path("Requirements").toString())
          .contains("SC-12", "SC-13", "SC-28");
      assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg ");

      Path html = dir.resolve("report.html");
      Files.writeString(html, Files.readString(html).replace("VERIFIED", "VERIFIED!"));
      CliRun bad =
          CliRun.run(
              new ComplianceCommand(Map.of()),
              "verify-report",
              html.toString(),
              "--public-key",
              key.toString());
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.out()).contains("INVALID").contains("changed");
    }
  }

  @Test
  void report_badSignature_refused() throws Exception {
    Path dir = Files.createTempDirectory("coffer-report");
    try (TestServer s = TestServer.start(backend())) {
      CliRun got =
          CliRun.run(
              new ComplianceCommand(env(s, "wrong/secret/key/000000000000000000000")),
              "report",
              "--output",
              dir.resolve("r.html").toString());
      assertThat(got.exit()).isEqualTo(2);
      assertThat(got.out()).contains("GenerateReport failed");
      assertThat(dir.resolve("r.html")).doesNotExist();
    }
  }
}
