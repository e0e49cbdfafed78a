package dev.coffer.core;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers for requests and audit events: version-4-shaped UUIDs, unique within a process and,
 * with overwhelming probability, across processes, without a call into the system's random source.
 *
 * <p>{@link UUID#randomUUID} reads {@code SecureRandom} (on Linux through a lock around {@code
 * /dev/urandom}) twice per request on the hot path: once for the request id and once for its audit
 * event id. Neither needs to be unpredictable: AWS shows both to the caller, and nothing is
 * authorized by knowing one. They need to be unique, so each is derived from a counter: two
 * different bijective 64-bit mixes (SplitMix64's finalizer) of the counter under two secret
 * per-process offsets. Distinct counter values never give equal halves, so ids repeat only if the
 * counter wraps (after 2^64 ids); across processes two ids collide with probability about 2^-122.
 * Use {@link UUID#randomUUID} where an identifier must not be guessable (keys, tokens).
 */
public final class RequestIds {
  private static final long HIGH_OFFSET;
  private static final long LOW_OFFSET;
  private static final AtomicLong COUNTER;

  static {
    SecureRandom seed = new SecureRandom();
    HIGH_OFFSET = seed.nextLong();
    LOW_OFFSET = seed.nextLong();
    COUNTER = new AtomicLong(seed.nextLong());
  }

  private RequestIds() {}

  /** A fresh identifier, formatted like {@code UUID.randomUUID().toString()}. */
  public static String next() {
    long n = COUNTER.getAndIncrement();
    long high = mix(n ^ HIGH_OFFSET);
    long low = mix(n + LOW_OFFSET);
    high = (high & ~0xF000L) | 0x4000L; // version 4
    low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  /** A bijection of the 64-bit integers that spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
