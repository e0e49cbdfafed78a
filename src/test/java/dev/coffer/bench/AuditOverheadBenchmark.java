package dev.coffer.bench;

import dev.coffer.audit.AuditSettings;
import dev.coffer.testing.Backend;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What durable auditing costs GetSecretValue: the same load against a server with auditing and one
 * without (an option that exists only for this measurement), alternated to spread machine noise.
 * Not a test (no assertion, not run by {@code ./build test}); run it with
 *
 * <pre>./build -o test -Dtest=AuditOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * and optionally {@code -Dbench.clients=64 -Dbench.seconds=10 -Dbench.backend=SQLITE}.
 */
class AuditOverheadBenchmark {
  static final int CLIENTS = Integer.getInteger("bench.clients", 64);
  static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 6));
  static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
  static final Backend BACKEND = Backend.valueOf(System.getProperty("bench.backend", "SQLITE"));

  @Test
  void getSecretValue_withAndWithoutDurableAuditing() throws Exception {
    String body = "{\"SecretId\":\"bench/value\"}";
    try (TestServer audited = server(true);
        TestServer unaudited = server(false)) {
      SignedJsonClient a = client(audited);
      SignedJsonClient u = client(unaudited);
      run(a, body, Duration.ofSeconds(5)); // warm-up (JIT) of both
      run(u, body, Duration.ofSeconds(5));
      long totalA = 0;
      long totalU = 0;
      for (int round = 0; round < ROUNDS; round++) {
        long nu = run(u, body, RUN);
        long na = run(a, body, RUN);
        System.out.printf(
            "  round %d: audited %.0f req/s, unaudited %.0f req/s%n",
            round + 1, na / (double) RUN.toSeconds(), nu / (double) RUN.toSeconds());
        totalA += na;
        totalU += nu;
      }
      System.out.printf(
          "GetSecretValue on %s, %d clients: audited %.0f req/s, unaudited %.0f req/s, ratio %.2f%n",
          BACKEND,
          CLIENTS,
          totalA / (double) (ROUNDS * RUN.toSeconds()),
          totalU / (double) (ROUNDS * RUN.toSeconds()),
          totalA / (double) totalU);
    }
  }

  static TestServer server(boolean audit) {
    TestServer s =
        TestServer.start(BACKEND, Clock.systemUTC(), AuditSettings.defaults().withEnabled(audit));
    s.secretsManager()
        .createSecret(b -> b.name("bench/value").secretString("{\"password\":\"x\"}"));
    return s;
  }

  static SignedJsonClient client(TestServer s) {
    return new SignedJsonClient(
        s.endpoint(), "secretsmanager", TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
  }

  static long run(SignedJsonClient client, String body, Duration d) throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    Instant end = Instant.now().plus(d);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(() -> {
                while (Instant.now().isBefore(end)) {
                  if (client.call("secretsmanager.GetSecretValue", body).status() == 200) {
                    ok.incrementAndGet();
                  }
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return ok.get();
  }
}
