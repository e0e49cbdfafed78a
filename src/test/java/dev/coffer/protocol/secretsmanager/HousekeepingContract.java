package dev.coffer.protocol.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;

/**
 * The background work Secrets Manager does on its own: permanent deletion once the recovery window
 * has passed (DeleteSecret), and removal of unlabelled versions beyond 100 but never those younger
 * than 24 hours (PutSecretValue). Time is moved with an injected clock, never by sleeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HousekeepingContract {
  MutableClock clock;
  TestServer server;
  SecretsManagerClient sm;

  abstract Backend backend();

  @BeforeAll
  void start() {
    clock = MutableClock.startingNow();
    server = TestServer.start(backend(), clock);
    sm = server.secretsManager();
  }

  @AfterAll
  void stop() {
    sm.close();
    server.close();
  }

  @Test
  void deleteSecret_recoveryWindowPassed_housekeepingDeletesForGood() {
    String name = SecretsManagerContract.unique("expire");
    String oldArn = sm.createSecret(b -> b.name(name).secretString("x")).arn();
    sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));

    clock.advance(Duration.ofDays(7).minusMinutes(1));
    server.runHousekeeping();
    assertThat(sm.describeSecret(b -> b.secretId(name)).deletedDate()).isNotNull();

    clock.advance(Duration.ofMinutes(2));
    server.runHousekeeping();
    assertThatThrownBy(() -> sm.describeSecret(b -> b.secretId(name)))
        .isInstanceOf(ResourceNotFoundException.class);
    String newArn = sm.createSecret(b -> b.name(name).secretString("y")).arn();
    assertThat(newArn).isNotEqualTo(oldArn);
  }

  @Test
  void putSecretValue_moreThanHundredVersions_trimsOldUnlabelledOnlyAfter24Hours() {
    String name = SecretsManagerContract.unique("trim");
    String first = sm.createSecret(b -> b.name(name).secretString("v0")).versionId();
    sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("keep").moveToVersionId(first));
    for (int i = 1; i <= 104; i++) {
      String value = "v" + i;
      sm.putSecretValue(b -> b.secretId(name).secretString(value));
    }
    server.runHousekeeping();
    assertThat(allVersions(name)).hasSize(105);

    clock.advance(Duration.ofHours(25));
    server.runHousekeeping();
    List<SecretVersionsListEntry> left = allVersions(name);
    assertThat(left).hasSize(100);
    Set<String> ids = new HashSet<>();
    left.forEach(v -> ids.add(v.versionId()));
    // The labelled first version is kept even though it is the oldest.
    assertThat(ids).contains(first);
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v104");
  }

  private List<SecretVersionsListEntry> allVersions(String name) {
    return sm.listSecretVersionIdsPaginator(b -> b.secretId(name).includeDeprecated(true)).stream()
        .flatMap(page -> page.versions().stream())
        .toList();
  }
}
