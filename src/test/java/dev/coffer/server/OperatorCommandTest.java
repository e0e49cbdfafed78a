package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.cli.operator.OperatorCommand;
import dev.coffer.testing.Backend;
import dev.coffer.testing.CliRun;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestPrincipal;
import dev.coffer.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code coffer operator init|unseal|status|rotate-root} against a running server, as an operator
 * types them: shares printed once, unseal one share at a time, rotation waited for.
 */
class OperatorCommandTest {
  static CliRun operator(TestServer s, String... args) {
    return CliRun.run(new OperatorCommand(CliRun.env(s)), args);
  }

  @Test
  void initUnsealRotate_shamirSeal_workLikeTheReadmeSays() throws Exception {
    try (TestServer s =
        TestServer.startSealed(Backend.SQLITE, SealSettings.of("shamir"), Map.of())) {
      assertThat(operator(s, "status").out()).contains("State:            UNINITIALISED");
      CliRun init = operator(s, "init", "--shares", "5", "--threshold", "3");
      assertThat(init.exit()).as(init.out()).isZero();
      List<String> shares = new ArrayList<>();
      Matcher m = Pattern.compile("Unseal share \\d: (\\S+)").matcher(init.out());
      while (m.find()) {
        shares.add(m.group(1));
      }
      assertThat(shares).hasSize(5);
      assertThat(init.out()).contains("shown once").contains("State:            UNSEALED");
      String name = "op/" + UUID.randomUUID();
      try (SecretsManagerClient sm = s.secretsManager()) {
        sm.createSecret(b -> b.name(name).secretString("kept"));
      }

      s.restart();
      assertThat(operator(s, "status").out()).contains("State:            SEALED");
      assertThat(operator(s, "unseal", shares.get(3)).out())
          .contains("Unseal progress:  1 of 3 shares");
      CliRun typo = operator(s, "unseal", shares.get(0).substring(0, 30) + "x");
      assertThat(typo.exit()).isEqualTo(2);
      assertThat(typo.out()).contains("corrupted");
      operator(s, "unseal", shares.get(0));
      assertThat(operator(s, "unseal", shares.get(1)).out()).contains("State:            UNSEALED");

      CliRun rotated = operator(s, "rotate-root", "--wait");
      assertThat(rotated.exit()).as(rotated.out()).isZero();
      assertThat(rotated.out())
          .contains("Root generation:  2")
          .contains("Re-wrap:          0 records under older generations");
      try (SecretsManagerClient sm = s.secretsManager()) {
        assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("kept");
      }
    }
  }

  @Test
  void operatorApi_iamUser_isDenied() {
    try (TestServer s = TestServer.start(Backend.SQLITE)) {
      TestPrincipal alice =
          s.addUser(
              TestServer.ACCOUNT,
              "alice",
              List.of(
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                      + "\"Action\":\"*\",\"Resource\":\"*\"}]}"),
              Map.of());
      SignedJsonClient.Answer a =
          alice.signedJson("coffer").call("Coffer_Operator_20261101.RotateRoot", "{}");
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.body().path("__type").asText()).isEqualTo("AccessDeniedException");
    }
  }
}
