package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.testing.Backend;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * A sealed server refuses every API call with AWS's 503 ServiceUnavailableException until operators
 * unseal it, through the operator API; rotate-root re-wraps everything under a new root generation
 * while old secrets stay readable, across restarts.
 */
abstract class SealContract {
  private static final String OP = "Coffer_Operator_20261101.";

  abstract Backend backend();

  @Test
  void shamir_sealedServer_refusesApiCallsUntilThresholdOfSharesUnseals() throws Exception {
    try (TestServer server =
        TestServer.startSealed(backend(), SealSettings.of("shamir"), Map.of())) {
      assertThat(op(server, "Status", "{}").body().path("State").asText())
          .isEqualTo("UNINITIALISED");
      assertSealed(server);

      SignedJsonClient.Answer init = op(server, "Init", "{\"Shares\":5,\"Threshold\":3}");
      assertThat(init.status()).isEqualTo(200);
      List<String> shares = new ArrayList<>();
      init.body().path("UnsealShares").forEach(s -> shares.add(s.asText()));
      assertThat(shares).hasSize(5);
      assertThat(init.body().path("Sealed").asBoolean()).isFalse();
      String name = "sealed/" + UUID.randomUUID();
      try (SecretsManagerClient sm = server.secretsManager()) {
        sm.createSecret(b -> b.name(name).secretString("before-seal"));
      }
      assertThat(op(server, "Init", "{}").body().path("Message").asText())
          .isEqualTo("Coffer is already initialised.");

      server.restart();
      assertSealed(server);
      JsonNode one = op(server, "Unseal", unsealKey(shares.get(4))).body();
      assertThat(one.path("Sealed").asBoolean()).isTrue();
      assertThat(one.path("SharesSubmitted").asInt()).isEqualTo(1);
      assertThat(one.path("SharesNeeded").asInt()).isEqualTo(3);
      String corrupted = shares.get(1).substring(0, shares.get(1).length() - 3) + "AAA";
      SignedJsonClient.Answer bad = op(server, "Unseal", unsealKey(corrupted));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().path("Message").asText()).contains("corrupted");
      op(server, "Unseal", unsealKey(shares.get(0)));
      assertSealed(server);
      JsonNode done = op(server, "Unseal", unsealKey(shares.get(2))).body();
      assertThat(done.path("Sealed").asBoolean()).isFalse();
      assertThat(health(server)).isEqualTo(200);
      try (SecretsManagerClient sm = server.secretsManager()) {
        assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString())
            .isEqualTo("before-seal");
      }
    }
  }

  @Test
  void shamir_sharesOfAnotherServer_areRefusedClearlyAndTheUnsealStartsOver() throws Exception {
    try (TestServer mine = TestServer.startSealed(backend(), SealSettings.of("shamir"), Map.of());
        TestServer other =
            TestServer.startSealed(Backend.SQLITE, SealSettings.of("shamir"), Map.of())) {
      List<String> shares = shares(op(mine, "Init", "{\"Shares\":3,\"Threshold\":2}"));
      List<String> foreign = shares(op(other, "Init", "{\"Shares\":3,\"Threshold\":2}"));
      mine.restart();
      op(mine, "Unseal", unsealKey(shares.get(0)));
      SignedJsonClient.Answer wrong = op(mine, "Unseal", unsealKey(foreign.get(1)));
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(wrong.body().path("Message").asText())
          .startsWith("The shares do not open the sealed root key");
      JsonNode status = op(mine, "Status", "{}").body();
      assertThat(status.path("Sealed").asBoolean()).isTrue();
      assertThat(status.path("SharesSubmitted").asInt()).isZero();
      op(mine, "Unseal", unsealKey(shares.get(1)));
      assertThat(op(mine, "Unseal", unsealKey(shares.get(2))).body().path("Sealed").asBoolean())
          .isFalse();
    }
  }

  @Test
  void passphrase_fromEnvironmentUnsealsAtStart_wrongTypedPassphraseIsRefused() throws Exception {
    SealSettings seal = SealSettings.of("passphrase").withArgon2(1024, 1, 1);
    try (TestServer server =
        TestServer.startSealed(backend(), seal, Map.of("COFFER_SEAL_PASSPHRASE", "open sesame"))) {
      String name = "pass/" + UUID.randomUUID();
      try (SecretsManagerClient sm = server.secretsManager()) {
        sm.createSecret(b -> b.name(name).secretString("v"));
      }
      server.environment(Map.of());
      server.restart();
      assertSealed(server);
      SignedJsonClient.Answer wrong = op(server, "Unseal", unsealKey("open sesame!"));
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(wrong.body().path("Message").asText())
          .isEqualTo("The passphrase is wrong: it does not open the sealed root key.");
      assertSealed(server);
      op(server, "Unseal", unsealKey("open sesame"));
      try (SecretsManagerClient sm = server.secretsManager()) {
        assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v");
      }
    }
  }

  @Test
  void rotateRoot_rewrapsEverything_andOldSecretsStayReadableAfterRestart() throws Exception {
    try (TestServer server = TestServer.start(backend())) {
      String name = "rot/" + UUID.randomUUID();
      String keyId;
      try (SecretsManagerClient sm = server.secretsManager();
          KmsClient kms = server.kms()) {
        keyId = kms.createKey(b -> {}).keyMetadata().keyId();
        kms.rotateKeyOnDemand(b -> b.keyId(keyId));
        sm.createSecret(b -> b.name(name).secretString("default-key"));
        sm.createSecret(b -> b.name(name + "-cmk").kmsKeyId(keyId).secretString("cmk"));
      }
      JsonNode before = op(server, "Status", "{}").body();
      assertThat(before.path("RootGeneration").asInt()).isEqualTo(1);

      JsonNode rotated = op(server, "RotateRoot", "{}").body();
      assertThat(rotated.path("RootGeneration").asInt()).isEqualTo(2);
      // Served throughout: reads work while the re-wrap runs.
      try (SecretsManagerClient sm = server.secretsManager()) {
        assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString())
            .isEqualTo("default-key");
      }
      awaitRewrap(server);
      assertThat(generationsOfMaterial(server)).containsOnly(2);

      server.restart();
      try (SecretsManagerClient sm = server.secretsManager()) {
        assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString())
            .isEqualTo("default-key");
        assertThat(sm.getSecretValue(b -> b.secretId(name + "-cmk")).secretString())
            .isEqualTo("cmk");
        sm.putSecretValue(b -> b.secretId(name).secretString("after"));
      }
      // The audit and notification signing keys were re-sealed too (RewrapRemaining counts them):
      // digests still get signed.
      assertThat(server.server().audit().sealNow()).isPresent();
      assertThat(op(server, "Status", "{}").body().path("RewrapRemaining").asLong()).isZero();
    }
  }

  @Test
  void operatorEvents_markInitUnsealAndRotateRootAsChanges_andStatusAsReadOnly() throws Exception {
    try (TestServer server =
        TestServer.startSealed(backend(), SealSettings.of("shamir"), Map.of())) {
      List<String> shares = shares(op(server, "Init", "{\"Shares\":3,\"Threshold\":2}"));
      server.restart();
      op(server, "Unseal", unsealKey(shares.get(0)));
      op(server, "Unseal", unsealKey(shares.get(2)));
      op(server, "Status", "{}");
      assertThat(op(server, "RotateRoot", "{}").status()).isEqualTo(200);
      awaitRewrap(server);

      Map<String, java.util.Set<Boolean>> readOnlyByName = new java.util.HashMap<>();
      for (var e : server.server().audit().reader().latest(500)) {
        JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.body());
        if (event.path("eventSource").asText().equals("audit.coffer.internal")) {
          readOnlyByName
              .computeIfAbsent(event.path("eventName").asText(), k -> new java.util.HashSet<>())
              .add(event.path("readOnly").asBoolean());
        }
        for (String share : shares) {
          assertThat(e.body()).doesNotContain(share);
        }
      }
      assertThat(readOnlyByName)
          .containsEntry("Init", java.util.Set.of(false))
          .containsEntry("Unseal", java.util.Set.of(false))
          .containsEntry("RotateRoot", java.util.Set.of(false))
          .containsEntry("Status", java.util.Set.of(true));
    }
  }

  @Test
  void operatorApi_needsASignature() throws Exception {
    try (TestServer server = TestServer.start(backend())) {
      SignedJsonClient stranger =
          new SignedJsonClient(server.endpoint(), "coffer", "AKIDNOBODY0000000000", "nope");
      SignedJsonClient.Answer a = stranger.call(OP + "RotateRoot", "{}");
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.body().path("__type").asText()).isEqualTo("UnrecognizedClientException");
    }
  }

  private static void assertSealed(TestServer server) throws Exception {
    assertThat(health(server)).isEqualTo(503);
    try (SecretsManagerClient sm = noRetries(server)) {
      assertThatThrownBy(() -> sm.listSecrets(b -> {}))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("ServiceUnavailableException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Coffer is sealed; unseal it with coffer operator unseal");
              });
    }
    try (KmsClient kms = server.kms()) {
      assertThatThrownBy(() -> kms.listKeys(b -> {}))
          .isInstanceOfSatisfying(
              KmsException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }
  }

  private static SecretsManagerClient noRetries(TestServer server) {
    return server.client(
        SecretsManagerClient.builder()
            .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())),
        software.amazon.awssdk.regions.Region.US_EAST_1,
        TestServer.root());
  }

  private static int health(TestServer server) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }

  private static SignedJsonClient.Answer op(TestServer server, String op, String body) {
    return server.cofferClient().call(OP + op, body);
  }

  private static String unsealKey(String key) {
    return "{\"UnsealKey\":\"" + key + "\"}";
  }

  private static List<String> shares(SignedJsonClient.Answer init) {
    List<String> out = new ArrayList<>();
    init.body().path("UnsealShares").forEach(s -> out.add(s.asText()));
    return out;
  }

  /** Waits for the background re-wrap to finish (bounded; not a timing assertion). */
  static void awaitRewrap(TestServer server) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode s = op(server, "Status", "{}").body();
      if (!s.path("RewrapInProgress").asBoolean() && s.path("RewrapRemaining").asLong() == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the root key re-wrap did not finish");
  }

  private static List<Integer> generationsOfMaterial(TestServer server) throws Exception {
    List<Integer> out = new ArrayList<>();
    try (java.sql.Connection c = server.database();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT root_generation FROM kms_key_material")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }
}
