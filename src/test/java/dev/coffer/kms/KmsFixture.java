package dev.coffer.kms;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.crypto.TestRootKeys;
import dev.coffer.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** A key service over a fresh SQLite store, with a clock the test moves. */
final class KmsFixture implements AutoCloseable {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";

  final Path dir;
  final Store store;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Kms kms;

  KmsFixture() {
    try {
      dir = Files.createTempDirectory("coffer-kms");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store = Store.open("jdbc:sqlite:" + dir.resolve("coffer.db"), "", "");
    kms = Kms.start(store, TestRootKeys.fresh(), clock);
  }

  RequestContext ctx() {
    return new RequestContext(
        "req",
        clock.instant(),
        Caller.root(ACCOUNT, "AKIDTEST"),
        REGION,
        "127.0.0.1",
        "",
        false,
        Optional.empty());
  }

  @Override
  public void close() {
    kms.close();
    store.close();
  }

  /** A clock that only moves when told to. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
