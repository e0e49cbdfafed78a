package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ./coffer dev --tls} driven by the AWS CLI with {@code --ca-bundle}, as a user would. */
class TlsEndToEndTest {
  @Test
  void awsCliWithTheLocalCaBundleTalksHttpsAndTheCaSurvivesARestart() throws Exception {
    Path data = Files.createTempDirectory("coffer-e2e-tls");
    Path ca = data.resolve("tls/ca.pem");
    String bundle = ca.toAbsolutePath().normalize().toString();
    byte[] caBefore;
    try (DevServerProcess server = DevServerProcess.startTls(data)) {
      assertThat(server.endpoint()).startsWith("https://");
      String banner = server.output.toString();
      assertThat(banner).contains("Coffer is listening on https://127.0.0.1:" + server.port);
      assertThat(banner).contains("export AWS_CA_BUNDLE=" + bundle);
      assertThat(banner).contains("aws --ca-bundle " + bundle);
      assertThat(banner).contains("javax.net.ssl.trustStore");

      AwsCli aws = server.rootCli();
      aws.ok(
          "--ca-bundle",
          bundle,
          "secretsmanager",
          "create-secret",
          "--name",
          "tls/e2e",
          "--secret-string",
          "over-https");
      assertThat(secretTrusting(aws, bundle)).isEqualTo("over-https");

      // Without the bundle the CLI does not trust the local CA.
      AwsCli.Result untrusted =
          aws.run("secretsmanager", "get-secret-value", "--secret-id", "tls/e2e");
      assertThat(untrusted.exit()).isNotZero();
      assertThat(untrusted.err()).containsIgnoringCase("certificate");
      caBefore = Files.readAllBytes(ca);
      server.stop();
    }

    // Restarted on the same data directory: the same CA, so the same bundle keeps working.
    try (DevServerProcess again = DevServerProcess.startTls(data)) {
      assertThat(Files.readAllBytes(ca)).isEqualTo(caBefore);
      AwsCli aws = again.rootCli();
      assertThat(secretTrusting(aws, bundle)).isEqualTo("over-https");
      again.stop();
    }
  }

  /**
   * The SecretString of tls/e2e, read over HTTPS trusting the CA certificates in {@code bundle}.
   */
  private static String secretTrusting(AwsCli aws, String bundle) {
    return aws.ok(
            "--ca-bundle", bundle, "secretsmanager", "get-secret-value", "--secret-id", "tls/e2e")
        .path("SecretString")
        .asText();
  }
}
