package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit trail as a user meets it: {@code aws cloudtrail lookup-events} and {@code coffer
 * audit}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEndToEndTest {
  DevServerProcess server;
  AwsCli aws;
  Path data;

  @BeforeAll
  void start() throws Exception {
    data = Files.createTempDirectory("coffer-e2e-audit");
    server = DevServerProcess.start(data);
    aws = server.rootCli();
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
    server.close();
  }

  record Result(int exit, String out) {}

  Result coffer(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("./coffer", "audit"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", DevServerProcess.ACCESS_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", DevServerProcess.SECRET_KEY);
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("COFFER_ENDPOINT", server.endpoint());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("coffer audit " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void awsCloudtrailLookupEvents_findsTheCliCalls() {
    aws.ok(
        "secretsmanager",
        "create-secret",
        "--name",
        "e2e/audited",
        "--secret-string",
        "hidden-value-e2e");
    aws.ok("secretsmanager", "get-secret-value", "--secret-id", "e2e/audited");
    JsonNode found =
        aws.ok(
            "cloudtrail",
            "lookup-events",
            "--lookup-attributes",
            "AttributeKey=ResourceName,AttributeValue=e2e/audited",
            "--max-results",
            "10");
    List<String> names = new ArrayList<>();
    found.path("Events").forEach(e -> names.add(e.path("EventName").asText()));
    assertThat(names).containsExactly("GetSecretValue", "CreateSecret");
    assertThat(found.toString()).doesNotContain("hidden-value-e2e");
    assertThat(found.path("Events").get(1).path("Username").asText()).isEqualTo("root");
  }

  @Test
  void cofferAudit_verifyExportAndOfflineVerify_succeed() throws Exception {
    aws.ok("secretsmanager", "create-secret", "--name", "e2e/verified", "--secret-string", "x");
    Result verify = coffer("verify");
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("The audit trail is valid.");

    Path export = data.resolve("export");
    Path key = data.resolve("audit-key.pem");
    Result exported = coffer("export", "--output", export.toString());
    assertThat(exported.exit()).as(exported.out()).isZero();
    assertThat(coffer("public-key", "--output", key.toString()).exit()).isZero();
    Result offline =
        coffer("verify", "--offline", export.toString(), "--public-key", key.toString());
    assertThat(offline.exit()).as(offline.out()).isZero();

    Result tail = coffer("tail", "-n", "1");
    assertThat(tail.exit()).as(tail.out()).isZero();
    assertThat(tail.out()).contains("\"eventVersion\":\"1.11\"");
  }
}
