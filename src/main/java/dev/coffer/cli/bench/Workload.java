package dev.coffer.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The requests one load run sends; {@link #newSource()} gives each connection its own source. */
interface Workload {
  /** A source of requests for one connection; sources are used by one thread only. */
  RequestSource newSource();

  /** Supplies the next complete HTTP request of a connection. */
  interface RequestSource {
    byte[] next();
  }

  /**
   * GetSecretValue of the current version. The body never changes, so a connection signs once per
   * second (the granularity of {@code X-Amz-Date}) and resends the same bytes within that second:
   * the server still verifies every request in full, but the harness does not spend its core on
   * signing. AWS's verifier accepts a signature for five minutes and so does Coffer's.
   */
  static Workload getSecretValue(SignedRequests requests, List<String> secretIds) {
    return new Workload() {
      private int next;

      @Override
      public synchronized RequestSource newSource() {
        String id = secretIds.get(next++ % secretIds.size());
        return new RequestSource() {
          private long second = Long.MIN_VALUE;
          private byte[] cached = new byte[0];

          @Override
          public byte[] next() {
            long now = requests.clock().millis() / 1000;
            if (now != second) {
              cached = requests.build("GetSecretValue", Map.of("SecretId", id));
              second = now;
            }
            return cached;
          }
        };
      }
    };
  }

  /**
   * PutSecretValue of {@code value} with a fresh ClientRequestToken each time, so every request
   * creates a version (a repeated token would be an idempotent no-op), on a secret picked at random
   * so that the versions spread evenly over all of them.
   */
  static Workload putSecretValue(SignedRequests requests, List<String> secretIds, String value) {
    return () ->
        () -> {
          String id = secretIds.get(ThreadLocalRandom.current().nextInt(secretIds.size()));
          return requests.build(
              "PutSecretValue",
              Map.of(
                  "SecretId",
                  id,
                  "ClientRequestToken",
                  UUID.randomUUID().toString(),
                  "SecretString",
                  value));
        };
  }
}
