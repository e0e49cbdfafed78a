package dev.coffer.cli.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.rotation.RotationSettings;
import dev.coffer.testing.Backend;
import dev.coffer.testing.CliRun;
import dev.coffer.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code coffer compliance scan} run in-process against a second Coffer server's endpoint, with
 * secrets created through the AWS SDK in different states: each secret's verdict under each rule,
 * the resource-policy finding, the formats and the exit status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OTHER_ACCOUNT = "111122223333";

  TestServer server;
  SecretsManagerClient sm;

  @BeforeAll
  void start() {
    // A route so RotateSecret accepts the function; RotateImmediately=false never calls it.
    RotationSettings rotation =
        new RotationSettings(
            List.of(
                new RotationSettings.FunctionRoute(
                    "arn:aws:lambda:*", URI.create("http://127.0.0.1:9/"), Optional.empty())),
            Duration.ofSeconds(30));
    server = TestServer.start(Backend.SQLITE, Clock.systemUTC(), rotation);
    sm = server.secretsManager();
    String keyId;
    try (KmsClient kms = server.kms()) {
      keyId = kms.createKey(b -> b.description("scan test")).keyMetadata().keyId();
    }
    // Default key, no rotation, never accessed.
    sm.createSecret(b -> b.name("scan/plain").secretString("v"));
    // Customer key, read once (LastAccessedDate today).
    sm.createSecret(b -> b.name("scan/cmk").secretString("v").kmsKeyId(keyId));
    sm.getSecretValue(b -> b.secretId("scan/cmk"));
    // Customer key, rotation every 30 days (not yet due).
    sm.createSecret(b -> b.name("scan/rotating").secretString("v").kmsKeyId(keyId));
    sm.rotateSecret(b ->
        b.secretId("scan/rotating")
            .rotationLambdaARN("arn:aws:lambda:us-east-1:123456789012:function:rotator")
            .rotationRules(r -> r.automaticallyAfterDays(30L))
            .rotateImmediately(false));
    // Shared with another account through its resource policy.
    sm.createSecret(b -> b.name("scan/shared").secretString("v").kmsKeyId(keyId));
    sm.putResourcePolicy(b ->
        b.secretId("scan/shared")
            .resourcePolicy(
                """
                {"Version":"2012-10-17","Statement":[{"Sid":"Partner","Effect":"Allow",
                "Principal":{"AWS":"arn:aws:iam::%s:root"},
                "Action":"secretsmanager:GetSecretValue","Resource":"*"}]}
                """
                    .formatted(OTHER_ACCOUNT)));
  }

  @AfterAll
  void stop() {
    sm.close();
    server.close();
  }

  private Map<String, String> env(String secretKey) {
    return CliRun.env(server.endpoint().toString(), secretKey);
  }

  private CliRun scan(Clock clock, String... args) {
    return scan(env(TestServer.SECRET_KEY), clock, args);
  }

  private CliRun scan(Map<String, String> env, Clock clock, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "scan";
    all[1] = "--endpoint-url";
    all[2] = server.endpoint().toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.run(new ComplianceCommand(env, clock), all);
  }

  /** Secret name -> check -> ComplianceType, from the JSON output. */
  private static Map<String, Map<String, String>> verdicts(String json) throws Exception {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (JsonNode r : JSON.readTree(json).path("EvaluationResults")) {
      out.computeIfAbsent(r.path("SecretName").asText(), k -> new HashMap<>())
          .put(r.path("Check").asText(), r.path("ComplianceType").asText());
    }
    return out;
  }

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void scan_now_reportsEachSecretsVerdictPerRule_andExternalAccess_exit1() throws Exception {
    CliRun run = scan(Clock.systemUTC(), "--format", "json");

    assertThat(run.exit()).as(run.out()).isEqualTo(1);
    Map<String, Map<String, String>> v = verdicts(run.out());
    assertThat(v).containsOnlyKeys("scan/plain", "scan/cmk", "scan/rotating", "scan/shared");
    assertThat(v.get("scan/plain"))
        .containsEntry("secretsmanager-rotation-enabled-check", "NON_COMPLIANT")
        .containsEntry("secretsmanager-scheduled-rotation-success-check", "NOT_APPLICABLE")
        .containsEntry("secretsmanager-secret-periodic-rotation", "COMPLIANT")
        .containsEntry("secretsmanager-secret-unused", "COMPLIANT")
        .containsEntry("secretsmanager-using-cmk", "NON_COMPLIANT")
        .containsEntry("access-analyzer", "NOT_APPLICABLE");
    assertThat(v.get("scan/cmk"))
        .containsEntry("secretsmanager-rotation-enabled-check", "NON_COMPLIANT")
        .containsEntry("secretsmanager-using-cmk", "COMPLIANT");
    assertThat(v.get("scan/rotating"))
        .containsEntry("secretsmanager-rotation-enabled-check", "COMPLIANT")
        .containsEntry("secretsmanager-scheduled-rotation-success-check", "COMPLIANT")
        .containsEntry("secretsmanager-using-cmk", "COMPLIANT")
        .containsEntry("access-analyzer", "NOT_APPLICABLE");
    assertThat(v.get("scan/shared")).containsEntry("access-analyzer", "NON_COMPLIANT");
    assertThat(run.out())
        .contains("grants secretsmanager:GetSecretValue to account(s) " + OTHER_ACCOUNT);
  }

  @Test
  void scan_hundredDaysLater_timeRulesTurnNonCompliant_parametersApply() throws Exception {
    Clock later = at(Instant.now().plus(Duration.ofDays(100)));
    String rules =
        "secretsmanager-secret-unused,secretsmanager-scheduled-rotation-success-check,"
            + "secretsmanager-secret-periodic-rotation";

    Map<String, Map<String, String>> v =
        verdicts(scan(later, "--format", "json", "--rules", rules).out());

    assertThat(v.get("scan/plain"))
        .containsEntry("secretsmanager-secret-unused", "NON_COMPLIANT")
        .containsEntry("secretsmanager-secret-periodic-rotation", "NON_COMPLIANT")
        .doesNotContainKey("secretsmanager-using-cmk");
    assertThat(v.get("scan/cmk")).containsEntry("secretsmanager-secret-unused", "NON_COMPLIANT");
    assertThat(v.get("scan/rotating"))
        .containsEntry("secretsmanager-scheduled-rotation-success-check", "NON_COMPLIANT");

    Map<String, Map<String, String>> lenient =
        verdicts(
            scan(
                    later,
                    "--format",
                    "json",
                    "--rules",
                    rules,
                    "--parameter",
                    "unusedForDays=120",
                    "--parameter",
                    "maxDaysSinceRotation=120")
                .out());
    assertThat(lenient.get("scan/plain"))
        .containsEntry("secretsmanager-secret-unused", "COMPLIANT")
        .containsEntry("secretsmanager-secret-periodic-rotation", "COMPLIANT");
  }

  @Test
  void scan_textAndCsv_toStdoutAndFile() throws Exception {
    CliRun text = scan(Clock.systemUTC(), "--rules", "secretsmanager-using-cmk");
    assertThat(text.out())
        .contains("SECRET", "CHECK", "RESULT", "REASON")
        .containsPattern("scan/plain +secretsmanager-using-cmk +NON_COMPLIANT +The secret is")
        .containsPattern("scan/cmk +secretsmanager-using-cmk +COMPLIANT")
        .contains("4 secret(s)");

    Path csv = Files.createTempFile("coffer-scan", ".csv");
    CliRun wrote = scan(Clock.systemUTC(), "--format", "csv", "--output", csv.toString());
    assertThat(wrote.exit()).isEqualTo(1);
    assertThat(Files.readAllLines(csv))
        .first()
        .isEqualTo("SecretName,ResourceId,Check,ComplianceType,Annotation");
    assertThat(Files.readString(csv))
        .contains(",secretsmanager-using-cmk,COMPLIANT,")
        .contains("scan/shared,arn:aws:secretsmanager:us-east-1:123456789012:secret:scan/shared");
  }

  @Test
  void scan_html_theReportsPageWithoutServerControls() throws Exception {
    Path html = Files.createTempFile("coffer-scan", ".html");
    CliRun run = scan(Clock.systemUTC(), "--format", "html", "--output", html.toString());

    assertThat(run.exit()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("Wrote " + html + " (html)");
    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>Coffer compliance scan</h1>", "Scan of " + server.endpoint())
        // The same sections and charts as `coffer compliance report`, from its renderer.
        .contains("<h2>Compliance by rule</h2>", "<h2>Compliance by account and region</h2>")
        .contains("<h2>Non-compliant secrets</h2>", "<svg")
        .contains("secretsmanager-using-cmk", "SecretsManager.1 Secrets Manager secrets should")
        .contains("PCI DSS v4.0.1 8.3.9")
        .contains("access-analyzer")
        .contains("grants secretsmanager:GetSecretValue to account(s) " + OTHER_ACCOUNT)
        .contains("arn:aws:secretsmanager:us-east-1:123456789012:secret:scan/shared")
        .contains("123456789012", "us-east-1")
        // What only the server can state, it does not claim for a foreign endpoint.
        .doesNotContain("Controls in force", "verify-report", "Compliance over time", "<script");
    // by rule: scan/plain, scan/cmk and scan/shared fail rotation-enabled-check, scan/rotating
    // passes; the bar's tooltip and the table carry those counts.
    assertThat(page)
        .containsPattern(
            "secretsmanager-rotation-enabled-check</td><td>123456789012"
                + "</td><td>us-east-1</td><td>SecretsManager.1 [^<]*</td><td>1</td><td>3</td><td>0</td>");
  }

  @Test
  void scan_errors_exit2() {
    assertThat(scan(env("wrong/secret/key/000000000000000000000"), Clock.systemUTC()).exit())
        .isEqualTo(2);
    assertThat(scan(Clock.systemUTC(), "--parameter", "noSuchKey=1").exit()).isEqualTo(2);
    assertThat(scan(Clock.systemUTC(), "--parameter", "unusedForDays=-3").exit()).isEqualTo(2);
    assertThat(scan(Clock.systemUTC(), "--rules", "no-such-rule").exit()).isEqualTo(2);
    assertThat(scan(Clock.systemUTC(), "--format", "pdf").exit()).isEqualTo(2);
  }

  @Test
  void scan_allCompliant_exit0() {
    try (TestServer other = TestServer.start(Backend.SQLITE);
        KmsClient kms = other.kms();
        SecretsManagerClient otherSm = other.secretsManager()) {
      String key = kms.createKey(b -> b.description("only")).keyMetadata().keyId();
      otherSm.createSecret(b -> b.name("good").secretString("v").kmsKeyId(key));
      StringWriter out = new StringWriter();
      CommandLine cl = new CommandLine(new ComplianceCommand(env(TestServer.SECRET_KEY)));
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(out, true));
      int exit =
          cl.execute(
              "scan",
              "--endpoint-url",
              other.endpoint().toString(),
              "--rules",
              "secretsmanager-using-cmk,secretsmanager-secret-unused");

      assertThat(exit).as(out.toString()).isEqualTo(0);
      assertThat(out.toString()).contains("good", "1 secret(s), 2 compliant, 0 non-compliant");
    }
  }
}
