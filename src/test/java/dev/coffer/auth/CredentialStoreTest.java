package dev.coffer.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.core.Caller;
import dev.coffer.core.error.ExpiredTokenException;
import dev.coffer.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The credential cache: loads once, forgets on invalidation and after its time to live. */
class CredentialStoreTest {
  final Map<String, CredentialSource.Loaded> db = new HashMap<>();
  final AtomicInteger loads = new AtomicInteger();
  final AtomicLong nanos = new AtomicLong();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final CredentialStore store =
      new CredentialStore(
          id -> {
            loads.incrementAndGet();
            return Optional.ofNullable(db.get(id));
          },
          clock,
          Duration.ofSeconds(5),
          nanos::get);

  static SigningCredential credential(String id, String secret) {
    return new SigningCredential(id, secret, Caller.root("123456789012", id), Optional.empty());
  }

  @Test
  void find_cachesWithinTtl_andReloadsAfterIt() {
    db.put("AKIA1", new CredentialSource.Loaded(credential("AKIA1", "s1"), Optional.empty()));
    assertThat(store.find("AKIA1")).isPresent();
    assertThat(store.find("AKIA1")).isPresent();
    assertThat(loads).hasValue(1);

    db.remove("AKIA1"); // another node deleted the key
    assertThat(store.find("AKIA1")).isPresent(); // still cached
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(store.find("AKIA1")).isEmpty();
    assertThat(loads).hasValue(2);
  }

  @Test
  void invalidate_dropsCachedCredentials() {
    db.put("AKIA2", new CredentialSource.Loaded(credential("AKIA2", "old"), Optional.empty()));
    assertThat(store.find("AKIA2").orElseThrow().secretAccessKey()).isEqualTo("old");
    db.put("AKIA2", new CredentialSource.Loaded(credential("AKIA2", "new"), Optional.empty()));
    assertThat(store.find("AKIA2").orElseThrow().secretAccessKey()).isEqualTo("old");
    store.invalidate();
    assertThat(store.find("AKIA2").orElseThrow().secretAccessKey()).isEqualTo("new");
  }

  @Test
  void find_cachedSessionPastItsExpiry_isExpiredToken() {
    db.put(
        "ASIA1",
        new CredentialSource.Loaded(
            credential("ASIA1", "s"), Optional.of(clock.instant().plusSeconds(900))));
    assertThat(store.find("ASIA1")).isPresent();
    clock.advance(Duration.ofSeconds(900));
    assertThatThrownBy(() -> store.find("ASIA1")).isInstanceOf(ExpiredTokenException.class);
  }

  @Test
  void find_bootstrapKey_needsNoSource() {
    store.add(credential("AKIDROOT", "r"));
    assertThat(store.find("AKIDROOT")).isPresent();
    assertThat(loads).hasValue(0);
  }
}
