package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.cli.audit.AuditCommand;
import dev.coffer.store.AuditBlocks;
import dev.coffer.testing.Backend;
import dev.coffer.testing.CliRun;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code coffer audit verify|export|tail|public-key} against a running server: a sealed log
 * verifies, and rows changed, removed or reordered in the database are reported with where they
 * are; an export verifies offline with the public key alone.
 */
abstract class AuditCommandContract {
  @TempDir Path tmp;

  abstract Backend backend();

  static CliRun audit(TestServer s, String... args) {
    return CliRun.run(new AuditCommand(CliRun.env(s)), args);
  }

  static void someCalls(TestServer s, String prefix, int n) {
    try (SecretsManagerClient sm = s.secretsManager()) {
      for (int i = 0; i < n; i++) {
        String name = prefix + "/" + i;
        sm.createSecret(b -> b.name(name).secretString("v"));
        sm.getSecretValue(b -> b.secretId(name));
      }
    }
  }

  @Test
  void verify_sealedLog_isValid_andEachTamperingIsReportedWhereItIs() throws Exception {
    try (TestServer s = TestServer.start(backend())) {
      someCalls(s, "first", 5); // events 1..10
      s.server().audit().sealNow();
      someCalls(s, "second", 5); // events 11..20
      s.server().audit().sealNow();
      CliRun ok = audit(s, "verify");
      assertThat(ok.exit()).as(ok.out()).isZero();
      assertThat(ok.out()).contains("valid");

      s.restart(db -> {
        AuditBlocks.unpack(db);
        sql(db, "UPDATE audit_events SET body = replace(body, 'first/', 'fIrst/') WHERE seq = 5");
      });
      CliRun changed = audit(s, "verify");
      assertThat(changed.exit()).isEqualTo(1);
      assertThat(changed.out()).contains("INVALID event 5").contains("INVALID digest 1");

      s.restart(db -> {
        AuditBlocks.unpack(db);
        sql(db, "DELETE FROM audit_events WHERE seq = 13");
      });
      CliRun removed = audit(s, "verify");
      assertThat(removed.exit()).isEqualTo(1);
      assertThat(removed.out()).contains("INVALID events 13..13: missing");

      s.restart(db -> {
        AuditBlocks.unpack(db);
        sql(db, "UPDATE audit_events SET seq = -1 WHERE seq = 16");
        sql(db, "UPDATE audit_events SET seq = 16 WHERE seq = 17");
        sql(db, "UPDATE audit_events SET seq = 17 WHERE seq = -1");
      });
      CliRun reordered = audit(s, "verify");
      assertThat(reordered.exit()).isEqualTo(1);
      assertThat(reordered.out()).contains("INVALID event 16").contains("INVALID event 17");

      s.restart(db -> sql(db, "DELETE FROM audit_digests WHERE digest_seq = 1"));
      CliRun digestRemoved = audit(s, "verify");
      assertThat(digestRemoved.exit()).isEqualTo(1);
      assertThat(digestRemoved.out()).contains("INVALID digest 2: digests 1..1");
    }
  }

  @Test
  void verify_changedDigestSignature_isReported() throws Exception {
    try (TestServer s = TestServer.start(backend())) {
      someCalls(s, "sig", 3);
      s.server().audit().sealNow();
      s.restart(
          db -> sql(db, "UPDATE audit_digests SET end_time = end_time + 1 WHERE digest_seq = 1"));
      CliRun r = audit(s, "verify");
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.out()).contains("INVALID digest 1: signature does not verify");
    }
  }

  @Test
  void exportThenVerifyOffline_withThePublicKeyAlone_isValid_untilAFileChanges() throws Exception {
    try (TestServer s = TestServer.start(backend())) {
      someCalls(s, "export", 4);
      Path dir = tmp.resolve("export");
      Path key = tmp.resolve("audit-key.pem");
      CliRun export = audit(s, "export", "--output", dir.toString());
      assertThat(export.exit()).as(export.out()).isZero();
      assertThat(audit(s, "public-key", "--output", key.toString()).exit()).isZero();
      assertThat(Files.readString(key)).startsWith("-----BEGIN PUBLIC KEY-----");
      CliRun offline =
          audit(s, "verify", "--offline", dir.toString(), "--public-key", key.toString());
      assertThat(offline.exit()).as(offline.out()).isZero();
      assertThat(offline.out()).contains("events checked");

      Path events;
      try (var files = Files.list(dir)) {
        events =
            files
                .filter(p -> p.getFileName().toString().startsWith("events-"))
                .findFirst()
                .orElseThrow();
      }
      List<String> lines = new ArrayList<>(ExportTamperTest.lines(events));
      lines.set(2, lines.get(2).replace("export/", "exp0rt/"));
      ExportTamperTest.writeLines(events, lines);
      CliRun tampered =
          audit(s, "verify", "--offline", dir.toString(), "--public-key", key.toString());
      assertThat(tampered.exit()).isEqualTo(1);
      assertThat(tampered.out()).contains("INVALID event 3");
    }
  }

  @Test
  void verifyOffline_withAnotherKey_reportsUnknownKey() throws Exception {
    try (TestServer s = TestServer.start(backend())) {
      someCalls(s, "key", 2);
      Path dir = tmp.resolve("export");
      assertThat(audit(s, "export", "--output", dir.toString()).exit()).isZero();
      Path otherKey = tmp.resolve("other.pem");
      Files.writeString(
          otherKey, AuditKeys.toPem(dev.coffer.crypto.Ed25519.generate().publicKey()));
      CliRun r =
          audit(s, "verify", "--offline", dir.toString(), "--public-key", otherKey.toString());
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.out()).contains("unknown key");
    }
  }

  @Test
  void retention_movesOldSealedEventsToTheArchive_andBothPartsStillVerify() throws Exception {
    MutableClock clock = MutableClock.startingNow();
    AuditSettings settings =
        AuditSettings.defaults().withRetention(Optional.of(Duration.ofHours(1)));
    try (TestServer s = TestServer.start(backend(), clock, settings)) {
      someCalls(s, "old", 3); // events 1..6
      s.server().audit().sealNow();
      clock.advance(Duration.ofHours(2));
      someCalls(s, "new", 2);
      s.server().audit().sealNow();
      assertThat(s.server().audit().archiveNow()).isEqualTo(1);
      assertThat(s.server().audit().reader().events(1, 6, 10)).isEmpty();

      Path key = tmp.resolve("key.pem");
      assertThat(audit(s, "public-key", "--output", key.toString()).exit()).isZero();
      Path archive = s.dataDir().resolve("audit-archive");
      CliRun offline =
          audit(s, "verify", "--offline", archive.toString(), "--public-key", key.toString());
      assertThat(offline.exit()).as(offline.out()).isZero();
      assertThat(offline.out()).contains("1 digests and 6 events checked");
      CliRun online = audit(s, "verify");
      assertThat(online.exit()).as(online.out()).isZero();
    }
  }

  @Test
  void tail_printsTheNewestCloudTrailRecords() {
    try (TestServer s = TestServer.start(backend())) {
      someCalls(s, "tail", 2);
      CliRun r = audit(s, "tail", "-n", "2");
      assertThat(r.exit()).as(r.out()).isZero();
      String[] lines = r.out().strip().split("\n");
      assertThat(lines).hasSize(2);
      assertThat(lines[1]).contains("\"eventName\":\"GetSecretValue\"").contains("tail/1");
    }
  }

  static void sql(java.sql.Connection db, String statement) throws java.sql.SQLException {
    try (Statement st = db.createStatement()) {
      st.executeUpdate(statement);
    }
  }
}
