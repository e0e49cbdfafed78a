package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.crypto.TestRootKeys;
import dev.coffer.store.AuditBlocks;
import dev.coffer.store.Store;
import dev.coffer.testing.Backend;
import dev.coffer.testing.EmbeddedPostgresHolder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sealer signing the chain hashes its own audit log computed (the {@link ChainWitness}) instead
 * of reading the events back: the same digests as reading them back, the hashes as written when the
 * database was changed before sealing, and the old read-back path whenever the witness cannot vouch
 * for the events (rolled-back batches whose numbers another writer took, another node's events, a
 * restart). Subclasses choose the storage backend.
 */
abstract class WitnessedSealContract {
  @TempDir Path dir;
  String url;
  Store store;
  SigningKey key;
  ChainWitness witness;
  AuditLog log;
  DigestSealer sealer;
  private final List<AuditLog> logs = new ArrayList<>();
  private int made;

  abstract Backend backend();

  @BeforeEach
  void open() {
    url =
        backend() == Backend.SQLITE
            ? "jdbc:sqlite:" + dir.resolve("coffer.db")
            : EmbeddedPostgresHolder.newDatabase();
    store = Store.open(url, backend() == Backend.POSTGRESQL ? "postgres" : "", "");
    key = SigningKey.loadOrCreate(store, new SigningKeyVault(TestRootKeys.fresh()), Instant.now());
    witness = new ChainWitness(ChainWitness.DEFAULT_CAPACITY);
    log = newLog(witness);
    sealer = new DigestSealer(store, key, Clock.systemUTC(), witness);
  }

  @AfterEach
  void close() {
    logs.forEach(AuditLog::close);
    store.close();
  }

  /** An audit log on the same database, as another node (or this one restarted) has. */
  AuditLog newLog(ChainWitness w) {
    AuditLog l = new AuditLog(store, AuditSettings.defaults(), events -> {}, w);
    logs.add(l);
    return l;
  }

  /** A sealer with nothing witnessed: the path every seal took before the witness. */
  DigestSealer rereading() {
    return new DigestSealer(store, key, Clock.systemUTC(), ChainWitness.none());
  }

  List<AuditEvent> events(int n) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      made++;
      out.add(ChainFixture.event(made, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(made)));
    }
    return out;
  }

  StoredAuditEvent stored(long seq) {
    store.copyJournaledEvents();
    return store.read(tx -> tx.audit().events(seq, seq, 1)).get(0);
  }

  ChainVerifier.Report verify() {
    return TrailCheck.run(new AuditReader(store));
  }

  Connection database() throws SQLException {
    if (backend() == Backend.POSTGRESQL) {
      return DriverManager.getConnection(url, "postgres", "");
    }
    Properties p = new Properties();
    p.setProperty("busy_timeout", "30000");
    return DriverManager.getConnection(url, p);
  }

  /** Work on the database with the store closed. */
  interface SqlWork {
    void run(Connection c) throws SQLException;
  }

  /**
   * Closes the store (SQLite's writer keeps the database locked), runs {@code work} on the
   * database, and opens it again; the sealer keeps this process's witness, as if the database had
   * been changed under the running server. The audit logs made so far are closed.
   */
  void whileClosed(SqlWork work) throws SQLException {
    logs.forEach(AuditLog::close);
    logs.clear();
    store.close();
    try (Connection c = database()) {
      work.run(c);
    }
    store = Store.open(url, backend() == Backend.POSTGRESQL ? "postgres" : "", "");
    sealer = new DigestSealer(store, key, Clock.systemUTC(), witness);
  }

  /** Stores {@code e} (its body and chain hash) over the row with its sequence number. */
  static void overwrite(Connection c, StoredAuditEvent e) throws SQLException {
    AuditBlocks.unpack(c);
    try (PreparedStatement st =
        c.prepareStatement("UPDATE audit_events SET body = ?, chain_hash = ? WHERE seq = ?")) {
      st.setString(1, e.body());
      st.setString(2, e.chainHash());
      st.setLong(3, e.seq());
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }

  /** What both paths agree on: the range and the chain hashes at its ends. */
  static List<Object> range(DigestSealer.Span s) {
    return List.of(s.firstSeq(), s.lastSeq(), s.startHash(), s.endHash());
  }

  @Test
  void seal_withTheWitness_signsWhatReadingBackWouldSign() {
    log.record(events(5));
    log.record(events(3));
    log.inTransaction(() -> "changed", r -> events(2));
    DigestSealer.Span first = sealer.nextSpan().orElseThrow();
    DigestSealer.Span firstReread = rereading().nextSpan().orElseThrow();
    assertThat(first.witnessed()).isTrue();
    assertThat(firstReread.witnessed()).isFalse();
    assertThat(range(first))
        .isEqualTo(range(firstReread))
        .isEqualTo(List.of(1L, 10L, "", stored(10).chainHash()));
    assertThat(first.firstEventTime()).isEqualTo(firstReread.firstEventTime());
    AuditDigest d1 = sealer.sealAll().orElseThrow();
    assertThat(d1.lastChainHash()).isEqualTo(stored(10).chainHash());

    log.record(events(4));
    log.record(events(1));
    DigestSealer.Span second = sealer.nextSpan().orElseThrow();
    assertThat(second.witnessed()).isTrue();
    assertThat(range(second))
        .isEqualTo(range(rereading().nextSpan().orElseThrow()))
        .isEqualTo(List.of(11L, 15L, d1.lastChainHash(), stored(15).chainHash()));
    AuditDigest d2 = sealer.sealAll().orElseThrow();
    assertThat(List.of(d2.firstEventSeq(), d2.lastEventSeq(), d2.lastChainHash()))
        .isEqualTo(List.of(11L, 15L, stored(15).chainHash()));
    assertThat(sealer.nextSpan()).isEmpty();
    assertThat(witness.size()).isZero();
    ChainVerifier.Report r = verify();
    assertThat(r.findings()).isEmpty();
    assertThat(r.digestsChecked()).isEqualTo(2);
    assertThat(r.eventsChecked()).isEqualTo(15);
  }

  @Test
  void seal_eventAlteredBeforeSealing_signsItAsWritten_andVerifyReportsIt() throws SQLException {
    log.record(events(5));
    sealer.sealAll();
    log.record(events(4));
    log.record(events(4)); // events 6..13
    String written = stored(13).chainHash();
    StoredAuditEvent e9 = stored(9);
    whileClosed(c ->
        overwrite(
            c, ChainVerifierTest.withBody(e9, e9.body().replace("app/secret-", "app/s3cret-"))));

    // Reading back refuses to sign; the witness signs what was written.
    assertThatThrownBy(() -> rereading().nextSpan())
        .isInstanceOf(DigestSealer.ChainBrokenException.class);
    AuditDigest d = sealer.sealAll().orElseThrow();
    assertThat(List.of(d.firstEventSeq(), d.lastEventSeq(), d.lastChainHash()))
        .isEqualTo(List.of(6L, 13L, written));
    ChainVerifier.Report r = verify();
    assertThat(r.valid()).isFalse();
    assertThat(r.findings().toString()).contains("event 9");
  }

  @Test
  void seal_chainRewrittenConsistentlyBeforeSealing_signsItAsWritten_andVerifyReportsIt()
      throws SQLException {
    log.record(events(5));
    sealer.sealAll();
    log.record(events(4));
    log.record(events(4)); // events 6..13
    String written = stored(13).chainHash();
    // Event 9 changed, and every chain hash from there on recomputed to match.
    String hash = stored(8).chainHash();
    List<StoredAuditEvent> forged = new ArrayList<>();
    for (StoredAuditEvent e : store.read(tx -> tx.audit().events(9, 13, 10))) {
      StoredAuditEvent f =
          e.seq() == 9 ? ChainVerifierTest.withBody(e, e.body().replace("app/", "forged/")) : e;
      hash = EventChain.link(hash, f);
      forged.add(f.at(f.seq(), hash));
    }
    String forgedHead = hash;
    whileClosed(c -> {
      for (StoredAuditEvent f : forged) {
        overwrite(c, f);
      }
      try (PreparedStatement st =
          c.prepareStatement("UPDATE audit_head SET last_hash = ? WHERE id = 1")) {
        st.setString(1, forgedHead);
        st.executeUpdate();
      }
    });

    // Reading back would sign the forgery; the witness signs what was written.
    assertThat(rereading().nextSpan().orElseThrow().endHash())
        .isEqualTo(hash)
        .isNotEqualTo(written);
    assertThat(sealer.alteration()).isEmpty();
    AuditDigest d = sealer.sealAll().orElseThrow();
    assertThat(d.lastChainHash()).isEqualTo(written);
    // The seal noticed the store disagreeing with what was written: health says so until restart.
    assertThat(sealer.alteration()).hasValueSatisfying(m -> assertThat(m).contains("event 13"));
    ChainVerifier.Report r = verify();
    assertThat(r.valid()).isFalse();
    assertThat(r.findings().toString()).contains("digest 2");
  }

  @Test
  void seal_afterARolledBackBatch_sealsTheBatchThatReplacedIt() {
    log.record(events(3));
    sealer.sealAll();
    // Six events chained after event 3, then their transaction fails.
    assertThatThrownBy(() ->
            store.execute(tx -> {
              log.record(events(6));
              throw new IllegalStateException("fails after the append");
            }))
        .hasMessageContaining("fails after the append");
    assertThat(store.read(tx -> tx.audit().head()).lastSeq()).isEqualTo(3);
    log.record(events(2)); // events 4..5, from the same head as the rolled-back ones
    log.record(events(5)); // events 6..10, past where the rolled-back batch ended

    DigestSealer.Span s = sealer.nextSpan().orElseThrow();
    assertThat(s.witnessed()).isTrue();
    assertThat(range(s)).isEqualTo(range(rereading().nextSpan().orElseThrow()));
    AuditDigest d = sealer.sealAll().orElseThrow();
    assertThat(List.of(d.firstEventSeq(), d.lastEventSeq(), d.lastChainHash()))
        .isEqualTo(List.of(4L, 10L, stored(10).chainHash()));
    assertThat(verify().findings()).isEmpty();
  }

  @Test
  void seal_anotherNodesEventsInterleaved_readsThemBack_andSealsCorrectly() {
    AuditLog otherNode = newLog(new ChainWitness(ChainWitness.DEFAULT_CAPACITY));
    log.record(events(3));
    sealer.sealAll(); // 1..3

    // The other node writes first: nothing witnessed starts after the digest.
    otherNode.record(events(2));
    log.record(events(3));
    otherNode.record(events(2)); // 4..10
    assertThat(sealer.nextSpan().orElseThrow().witnessed()).isFalse();
    assertThat(sealer.sealAll().orElseThrow().lastEventSeq()).isEqualTo(10);

    // This node writes first: its own batch is sealed from the witness, the rest read back.
    log.record(events(3));
    otherNode.record(events(2)); // 11..15
    DigestSealer.Span own = sealer.nextSpan().orElseThrow();
    assertThat(own.witnessed()).isTrue();
    assertThat(List.of(own.firstSeq(), own.lastSeq())).isEqualTo(List.of(11L, 13L));
    AuditDigest d = sealer.sealAll().orElseThrow();
    assertThat(List.of(d.firstEventSeq(), d.lastEventSeq(), d.lastChainHash()))
        .isEqualTo(List.of(14L, 15L, stored(15).chainHash()));

    // This node's batch is rolled back and the other node takes its numbers.
    assertThatThrownBy(() ->
            store.execute(tx -> {
              log.record(events(3));
              throw new IllegalStateException("fails after the append");
            }))
        .hasMessageContaining("fails after the append");
    otherNode.record(events(4)); // 16..19
    assertThat(sealer.nextSpan().orElseThrow().witnessed()).isFalse();
    assertThat(sealer.sealAll().orElseThrow().lastChainHash()).isEqualTo(stored(19).chainHash());

    ChainVerifier.Report r = verify();
    assertThat(r.findings()).isEmpty();
    assertThat(r.digestsChecked()).isEqualTo(5);
    assertThat(r.eventsChecked()).isEqualTo(19);
  }

  @Test
  void seal_afterARestart_readsTheEventsBack_andStillRefusesAnAlteredChain() throws SQLException {
    log.record(events(3));
    sealer.sealAll();
    log.record(events(4)); // 4..7
    whileClosed(c -> {});
    ChainWitness restarted = new ChainWitness(ChainWitness.DEFAULT_CAPACITY);
    AuditLog restartedLog = newLog(restarted);
    DigestSealer afterRestart = new DigestSealer(store, key, Clock.systemUTC(), restarted);
    restartedLog.record(events(2)); // 8..9, witnessed, but after events that are not
    DigestSealer.Span s = afterRestart.nextSpan().orElseThrow();
    assertThat(s.witnessed()).isFalse();
    assertThat(range(s)).isEqualTo(List.of(4L, 9L, stored(3).chainHash(), stored(9).chainHash()));
    assertThat(afterRestart.sealAll().orElseThrow().lastChainHash())
        .isEqualTo(stored(9).chainHash());
    assertThat(verify().findings()).isEmpty();

    restartedLog.record(events(3)); // 10..12
    StoredAuditEvent e11 = stored(11);
    whileClosed(c -> overwrite(c, ChainVerifierTest.withBody(e11, e11.body() + " ")));
    DigestSealer restartedAgain =
        new DigestSealer(
            store, key, Clock.systemUTC(), new ChainWitness(ChainWitness.DEFAULT_CAPACITY));
    assertThatThrownBy(restartedAgain::sealAll)
        .isInstanceOf(DigestSealer.ChainBrokenException.class)
        .hasMessageContaining("event 11");
    assertThat(store.read(tx -> tx.audit().head()).lastDigestSeq()).isEqualTo(2);
  }
}
