package dev.coffer.protocol.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.IamSettings;
import dev.coffer.testing.Backend;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * GetAccessKeyLastUsed: when, for which service and in which region a key last signed a request;
 * the use is kept in memory on the request path and reaches the database in the background or, at
 * the latest, on a clean shutdown. The flush interval is a day here, so only the shutdown writes.
 */
abstract class AccessKeyLastUsedContract {
  private static final String ALLOW_SECRETS_AND_KMS =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":[\"secretsmanager:ListSecrets\",\"kms:ListKeys\"],\"Resource\":\"*\"}]}";

  private MutableClock clock;
  private TestServer server;

  abstract Backend backend();

  @BeforeEach
  void start() {
    clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));
    server =
        TestServer.start(
            backend(),
            clock,
            c -> c.iam(IamSettings.defaults().withKeyUsageFlushInterval(Duration.ofDays(1))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void getAccessKeyLastUsed_neverUsedKey_answersNotApplicable() {
    try (IamClient iam = server.iam()) {
      iam.createUser(b -> b.userName("idle"));
      AccessKey key = iam.createAccessKey(b -> b.userName("idle")).accessKey();
      var r = iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId()));
      assertThat(r.userName()).isEqualTo("idle");
      assertThat(r.accessKeyLastUsed().lastUsedDate()).isNull();
      assertThat(r.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
      assertThat(r.accessKeyLastUsed().region()).isEqualTo("N/A");
    }
  }

  @Test
  void keyUse_isAnsweredAtOnce_writtenOnlyAtShutdown_andSurvivesTheRestart() throws Exception {
    AccessKey key;
    try (IamClient iam = server.iam()) {
      iam.createUser(b -> b.userName("worker"));
      iam.putUserPolicy(
          b -> b.userName("worker").policyName("p").policyDocument(ALLOW_SECRETS_AND_KMS));
      key = iam.createAccessKey(b -> b.userName("worker")).accessKey();
    }
    AwsBasicCredentials creds =
        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    try (SecretsManagerClient sm = server.secretsManager(creds)) {
      sm.listSecrets();
    }
    Instant second = clock.instant().plus(Duration.ofMinutes(7));
    clock.advance(Duration.ofMinutes(7));
    try (KmsClient kms = kmsAs(creds)) {
      kms.listKeys();
    }

    // Nothing was written on the request path...
    assertThat(storedLastUse(key.accessKeyId())).isEmpty();
    // ...yet the use is answered, the latest one: KMS, seven minutes later.
    try (IamClient iam = server.iam()) {
      AccessKeyLastUsed used =
          iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
      assertThat(used.lastUsedDate()).isEqualTo(second.truncatedTo(ChronoUnit.SECONDS));
      assertThat(used.serviceName()).isEqualTo("kms");
      assertThat(used.region()).isEqualTo("us-east-1");
    }

    // A clean shutdown writes the final figure.
    server.restart();
    assertThat(storedLastUse(key.accessKeyId())).contains(second.toEpochMilli());
    try (IamClient iam = server.iam()) {
      AccessKeyLastUsed used =
          iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
      assertThat(used.lastUsedDate()).isEqualTo(second.truncatedTo(ChronoUnit.SECONDS));
      assertThat(used.serviceName()).isEqualTo("kms");
    }
  }

  @Test
  void getAccessKeyLastUsed_unknownKey_isNoSuchEntity_andAUserWithoutPolicyIsDenied() {
    try (IamClient iam = server.iam()) {
      assertThatThrownBy(() -> iam.getAccessKeyLastUsed(b -> b.accessKeyId("AKIAUNKNOWNKEY000000")))
          .isInstanceOf(NoSuchEntityException.class);
      iam.createUser(b -> b.userName("nosy"));
      AccessKey key = iam.createAccessKey(b -> b.userName("nosy")).accessKey();
      try (IamClient nosy =
          server.iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
        assertThatThrownBy(() -> nosy.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())))
            .isInstanceOfSatisfying(
                IamException.class,
                e -> {
                  assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                  assertThat(e.awsErrorDetails().errorMessage())
                      .contains("iam:GetAccessKeyLastUsed");
                });
      }
    }
  }

  private KmsClient kmsAs(AwsBasicCredentials creds) {
    return server.client(
        KmsClient.builder(), software.amazon.awssdk.regions.Region.US_EAST_1, creds);
  }

  private Optional<Long> storedLastUse(String accessKeyId) throws Exception {
    try (Connection c = server.database();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT last_used_at FROM iam_access_keys WHERE access_key_id = ?")) {
      s.setString(1, accessKeyId);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        long v = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
      }
    }
  }
}
