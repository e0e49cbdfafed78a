package dev.coffer.protocol.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;

/**
 * A secret with thousands of unlabelled versions answers every call as one with a few: the server's
 * record of a secret carries only its labelled versions, so whatever reaches an old version (a
 * ClientRequestToken retry, GetSecretValue by VersionId, a label moved back onto it,
 * ListSecretVersionIds with IncludeDeprecated) must find it in the store.
 */
abstract class ManyVersionsContract extends OneServerContract {
  private static final int FILLER = 5_000;

  @Test
  void secretWithThousandsOfUnlabelledVersions_answersEveryCallAsBefore() throws SQLException {
    String name = "many-" + UUID.randomUUID().toString().substring(0, 8);
    String first = sm.createSecret(b -> b.name(name).secretString("v0")).versionId();
    String oldToken = UUID.randomUUID().toString();
    sm.putSecretValue(b -> b.secretId(name).secretString("old").clientRequestToken(oldToken));
    String a = sm.putSecretValue(b -> b.secretId(name).secretString("a")).versionId();
    String b2 = sm.putSecretValue(b -> b.secretId(name).secretString("b")).versionId();
    // first and oldToken now hold no label; add thousands more unlabelled versions (without
    // values, created within the last day so that clean-up keeps them).
    addUnlabelledVersions(name);

    assertThat(sm.describeSecret(b -> b.secretId(name)).versionIdsToStages())
        .containsOnly(Map.entry(b2, List.of("AWSCURRENT")), Map.entry(a, List.of("AWSPREVIOUS")));

    // An old version by VersionId: its value, and no labels.
    GetSecretValueResponse old = sm.getSecretValue(b -> b.secretId(name).versionId(oldToken));
    assertThat(old.secretString()).isEqualTo("old");
    assertThat(old.versionStages()).isEmpty();
    assertThatThrownBy(() ->
            sm.getSecretValue(b -> b.secretId(name).versionId(oldToken).versionStage("AWSCURRENT")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(name).versionId(filler(42))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> sm.getSecretValue(b -> b.secretId(name).versionId(UUID.randomUUID().toString())))
        .isInstanceOf(ResourceNotFoundException.class);

    // A retried PutSecretValue whose token names an old version is a no-op; with another value it
    // fails, and either way no version is added and no label moves.
    PutSecretValueResponse retried =
        sm.putSecretValue(b -> b.secretId(name).secretString("old").clientRequestToken(oldToken));
    assertThat(retried.versionId()).isEqualTo(oldToken);
    assertThat(retried.versionStages()).isEmpty();
    assertThatThrownBy(() ->
            sm.putSecretValue(
                b -> b.secretId(name).secretString("other").clientRequestToken(oldToken)))
        .isInstanceOf(ResourceExistsException.class);
    assertThatThrownBy(() ->
            sm.updateSecret(
                b -> b.secretId(name).secretString("other").clientRequestToken(oldToken)))
        .isInstanceOf(ResourceExistsException.class);
    assertThat(sm.getSecretValue(b -> b.secretId(name)).versionId()).isEqualTo(b2);

    // A new version moves AWSCURRENT and AWSPREVIOUS as usual.
    PutSecretValueResponse c = sm.putSecretValue(b -> b.secretId(name).secretString("c"));
    assertThat(c.versionStages()).containsExactly("AWSCURRENT");
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("c");
    assertThat(sm.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).versionId())
        .isEqualTo(b2);

    // Labels moved back onto old versions.
    sm.updateSecretVersionStage(b ->
        b.secretId(name)
            .versionStage("AWSCURRENT")
            .moveToVersionId(oldToken)
            .removeFromVersionId(c.versionId()));
    sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("MINE").moveToVersionId(first));
    assertThatThrownBy(() ->
            sm.updateSecretVersionStage(b ->
                b.secretId(name)
                    .versionStage("MINE")
                    .moveToVersionId(UUID.randomUUID().toString())))
        .isInstanceOf(
            software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException.class);
    GetSecretValueResponse current = sm.getSecretValue(b -> b.secretId(name));
    assertThat(current.versionId()).isEqualTo(oldToken);
    assertThat(current.secretString()).isEqualTo("old");
    assertThat(sm.getSecretValue(b -> b.secretId(name).versionStage("MINE")).secretString())
        .isEqualTo("v0");
    assertThat(sm.describeSecret(b -> b.secretId(name)).versionIdsToStages())
        .containsOnly(
            Map.entry(first, List.of("MINE")),
            Map.entry(oldToken, List.of("AWSCURRENT")),
            Map.entry(c.versionId(), List.of("AWSPREVIOUS")));

    // Listings: the labelled versions, or every one of them page by page.
    assertThat(sm.listSecretVersionIds(b -> b.secretId(name)).versions())
        .extracting(SecretVersionsListEntry::versionId)
        .containsExactlyInAnyOrder(first, oldToken, c.versionId());
    List<SecretVersionsListEntry> all =
        sm
            .listSecretVersionIdsPaginator(
                b -> b.secretId(name).includeDeprecated(true).maxResults(100))
            .stream()
            .flatMap(page -> page.versions().stream())
            .toList();
    assertThat(all).hasSize(FILLER + 5);
    assertThat(all).extracting(SecretVersionsListEntry::versionId).doesNotHaveDuplicates();
    assertThat(all.get(0).versionId()).isEqualTo(c.versionId());
  }

  /** The id of filler version {@code i} (version ids have 32 to 64 characters). */
  private static String filler(int i) {
    return String.format("00000000-0000-0000-0000-%012d", i);
  }

  /**
   * Inserts FILLER unlabelled versions without a value, created a minute before now, with the
   * server stopped (SQLite has one writer).
   */
  private void addUnlabelledVersions(String name) throws SQLException {
    long createdBefore = System.currentTimeMillis() - 60_000;
    sm.close();
    server.restart(db -> insertFiller(db, name, createdBefore));
    sm = server.secretsManager();
  }

  private static void insertFiller(Connection db, String name, long createdBefore)
      throws SQLException {
    db.setAutoCommit(false);
    long id;
    try (PreparedStatement ps = db.prepareStatement("SELECT id FROM secrets WHERE name = ?")) {
      ps.setString(1, name);
      try (var rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO secret_versions (secret_id, version_id, created_at, value_type)"
                + " VALUES (?, ?, ?, 0)")) {
      for (int i = 0; i < FILLER; i++) {
        ps.setLong(1, id);
        ps.setString(2, filler(i));
        ps.setLong(3, createdBefore - i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    // Kept by SecretRepository with every version it inserts; these rows bypass it.
    try (PreparedStatement ps =
        db.prepareStatement("UPDATE secrets SET version_count = version_count + ? WHERE id = ?")) {
      ps.setLong(1, FILLER);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    db.commit();
  }
}
