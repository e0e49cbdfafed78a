package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code coffer dev --accept-any-credentials}: any access key acts as the root user of the default
 * account, and start-up says loudly that this is insecure. Without the option, an unknown key is
 * refused.
 */
class AcceptAnyCredentialsTest {

  @Test
  void devWithAcceptAnyCredentials_acceptsAnyKeyAsRoot_andWarns() throws Exception {
    try (DevServerProcess server =
        DevServerProcess.start(
            Files.createTempDirectory("coffer-e2e-any"), "--accept-any-credentials")) {
      AwsCli anyone =
          new AwsCli(server.endpoint(), "AKIAANYTHING0000TEST", "not-the-secret", "us-east-1");
      assertThat(anyone.ok("sts", "get-caller-identity").get("Arn").asText())
          .isEqualTo("arn:aws:iam::123456789012:root");
      anyone.ok("secretsmanager", "create-secret", "--name", "any/x", "--secret-string", "v");
      assertThat(
              anyone
                  .ok("secretsmanager", "get-secret-value", "--secret-id", "any/x")
                  .get("SecretString")
                  .asText())
          .isEqualTo("v");
      assertThat(server.output.toString())
          .contains("INSECURE")
          .contains("--accept-any-credentials");
      server.stop();
    }
  }

  @Test
  void devWithoutTheOption_refusesUnknownKeys() throws Exception {
    try (DevServerProcess server =
        DevServerProcess.start(Files.createTempDirectory("coffer-e2e-strict"))) {
      AwsCli anyone =
          new AwsCli(server.endpoint(), "AKIAANYTHING0000TEST", "not-the-secret", "us-east-1");
      AwsCli.Result r = anyone.run("sts", "get-caller-identity");
      assertThat(r.exit()).isNotZero();
      assertThat(r.err()).contains("InvalidClientTokenId");
      assertThat(server.output.toString()).doesNotContain("INSECURE");
      server.stop();
    }
  }
}
