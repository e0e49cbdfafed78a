package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.audit.AuditLog;
import dev.coffer.audit.AuditSettings;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidRequestException;
import dev.coffer.core.error.ResourceNotFoundException;
import dev.coffer.crypto.KeyFile;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.server.ServerConfig;
import dev.coffer.store.Store;
import dev.coffer.testing.Backend;
import dev.coffer.testing.EmbeddedPostgresHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GetSecretValue through {@link SecretCache} stays exact when another node changes the secret: two
 * {@link SecretsService} instances over one database are two nodes with caches of their own, and
 * neither tells the other anything.
 */
class SecretCacheTest {
  private static final String ACCOUNT = "123456789012";
  private static final RequestContext CTX =
      new RequestContext(
          "test",
          Instant.now(),
          Caller.root(ACCOUNT, "AKIDTEST"),
          "us-east-1",
          "127.0.0.1",
          "test",
          false,
          Optional.empty());

  private Store store;
  private SecretsService nodeA;
  private SecretsService nodeB;

  private void open(Backend backend) throws IOException {
    Path dir = Files.createTempDirectory("coffer-cache-test");
    store =
        backend == Backend.SQLITE
            ? Store.open(ServerConfig.sqliteUrl(dir), "", "")
            : Store.open(EmbeddedPostgresHolder.newDatabase(), "postgres", "");
    var protector = new LocalKeyProtector(KeyFile.loadOrCreate(dir.resolve("value.key")));
    nodeA = new SecretsService(store, protector, Clock.systemUTC());
    nodeB = new SecretsService(store, protector, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static SecretsService.CreateRequest create(String name, String value) {
    return new SecretsService.CreateRequest(
        name,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(SecretPayload.ofString(value)),
        List.of(),
        Optional.empty());
  }

  private static String current(SecretsService node, String secretId) {
    return node.getValue(CTX, secretId, Optional.empty(), Optional.empty()).payload().string();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void getValue_afterPutOnOtherNode_returnsNewValue(Backend backend) throws IOException {
    open(backend);
    nodeA.create(CTX, create("app/db", "one"));
    assertThat(current(nodeA, "app/db")).isEqualTo("one");

    nodeB.putValue(
        CTX,
        new SecretsService.PutRequest(
            "app/db", Optional.empty(), SecretPayload.ofString("two"), Optional.empty()));

    assertThat(current(nodeA, "app/db")).isEqualTo("two");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void getValue_afterLabelMovedBackOnOtherNode_returnsOldValue(Backend backend) throws IOException {
    open(backend);
    String first = nodeA.create(CTX, create("app/db", "one")).versionId().orElseThrow();
    String second =
        nodeA
            .putValue(
                CTX,
                new SecretsService.PutRequest(
                    "app/db", Optional.empty(), SecretPayload.ofString("two"), Optional.empty()))
            .versionId()
            .orElseThrow();
    assertThat(current(nodeA, "app/db")).isEqualTo("two");

    nodeB.updateVersionStage(
        CTX, "app/db", StagingLabels.CURRENT, Optional.of(second), Optional.of(first));

    assertThat(current(nodeA, "app/db")).isEqualTo("one");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void getValue_afterForcedDeleteAndRecreateOnOtherNode_returnsNewSecret(Backend backend)
      throws IOException {
    open(backend);
    String oldArn = nodeA.create(CTX, create("app/db", "old")).arn();
    assertThat(current(nodeA, "app/db")).isEqualTo("old");
    assertThat(current(nodeA, oldArn)).isEqualTo("old");

    try (AuditLog audit = AuditLog.open(store, AuditSettings.defaults())) {
      new SecretLifecycle(nodeB, audit).delete(CTX, "app/db", Optional.empty(), true);
    }
    nodeB.create(CTX, create("app/db", "new"));

    assertThat(current(nodeA, "app/db")).isEqualTo("new");
    assertThatThrownBy(() -> current(nodeA, oldArn)).isInstanceOf(ResourceNotFoundException.class);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void getValue_afterScheduledDeletionOnOtherNode_isRefused(Backend backend) throws IOException {
    open(backend);
    nodeA.create(CTX, create("app/db", "one"));
    assertThat(current(nodeA, "app/db")).isEqualTo("one");

    try (AuditLog audit = AuditLog.open(store, AuditSettings.defaults())) {
      new SecretLifecycle(nodeB, audit).delete(CTX, "app/db", Optional.of(7L), false);
    }

    assertThatThrownBy(() -> current(nodeA, "app/db")).isInstanceOf(InvalidRequestException.class);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void getValue_byPartialArn_resolvesEveryTimeWithoutCaching(Backend backend) throws IOException {
    open(backend);
    String arn = nodeA.create(CTX, create("app/db", "one")).arn();
    String partial = arn.substring(0, arn.length() - 7);
    int before = nodeA.cacheSize();

    assertThat(current(nodeA, partial)).isEqualTo("one");

    assertThat(nodeA.cacheSize()).isEqualTo(before);
    assertThat(current(nodeA, arn)).isEqualTo("one");
    assertThat(nodeA.cacheSize()).isEqualTo(before + 1);
  }
}
