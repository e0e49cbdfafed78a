package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Drives a real server with {@code coffer bench load} for a fraction of a second. No timing is
 * asserted: only that the requests were signed, sent and answered correctly, and counted.
 */
class LoadCommandTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Backend.SQLITE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode run(String... extra) throws Exception {
    String[] base = {
      "--endpoint-url",
      server.endpoint().toString(),
      "--access-key",
      TestServer.ACCESS_KEY,
      "--secret-key",
      TestServer.SECRET_KEY,
      "--connections",
      "4",
      "--warmup",
      "200ms",
      "--duration",
      "700ms",
      "--server-pid",
      Long.toString(ProcessHandle.current().pid()),
      "--json"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = new CommandLine(new LoadCommand()).execute(args);
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void load_getSecretValue_countsSignedRequestsWithoutFailures() throws Exception {
    JsonNode r = run("--operation", "GetSecretValue");

    assertThat(r.get("operation").asText()).isEqualTo("GetSecretValue");
    assertThat(r.get("requests").asLong()).isPositive();
    assertThat(r.get("ok").asLong()).isEqualTo(r.get("requests").asLong());
    assertThat(r.get("failures").size()).isZero();
    assertThat(r.get("latencyMs").get("p99").asDouble())
        .isLessThanOrEqualTo(r.get("latencyMs").get("max").asDouble());
    assertThat(r.get("server").get("rssKib").asLong()).isPositive();
    // The server runs in this JVM; every request parks at least its connection's thread.
    assertThat(r.get("server").get("cpuMicrosPerRequest").asDouble()).isPositive();
    assertThat(r.get("server").get("contextSwitchesPerRequest").asDouble()).isPositive();
  }

  @Test
  void processSample_countsTheContextSwitchesOfEveryThread() throws Exception {
    long pid = ProcessHandle.current().pid();
    long before = ProcessSample.of(pid).orElseThrow().contextSwitches();
    CountDownLatch slept = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread sleeper =
        Thread.ofPlatform()
            .start(() -> {
              for (int i = 0; i < 200; i++) {
                LockSupport.parkNanos(100_000); // each sleep is a voluntary context switch
              }
              slept.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    slept.await();
    // Sampled while the sleeper is alive: its own switches count, not only the main thread's.
    long during = ProcessSample.of(pid).orElseThrow().contextSwitches();
    release.countDown();
    sleeper.join();

    assertThat(during - before).isGreaterThanOrEqualTo(200);
  }

  @Test
  void load_putSecretValue_writesNewVersionsWithoutFailures() throws Exception {
    JsonNode r = run("--operation", "PutSecretValue", "--secrets", "3");

    assertThat(r.get("secrets").asInt()).isEqualTo(3);
    assertThat(r.get("requests").asLong()).isPositive();
    assertThat(r.get("ok").asLong()).isEqualTo(r.get("requests").asLong());
    assertThat(r.get("failures").size()).isZero();
  }

  @Test
  void load_wrongSecretKey_failsSetupWithExitCode1() {
    int code =
        new CommandLine(new LoadCommand())
            .execute(
                "--endpoint-url", server.endpoint().toString(),
                "--access-key", TestServer.ACCESS_KEY,
                "--secret-key", "not-the-right-secret-key",
                "--duration", "100ms",
                "--warmup", "0s");

    assertThat(code).isEqualTo(1);
  }

  @Test
  void load_remoteEndpoint_isRefused() {
    assertThat(LoadCommand.loopbackAddress(URI.create("http://192.0.2.10:8484"))).isEmpty();
    assertThat(LoadCommand.loopbackAddress(URI.create("https://127.0.0.1:8484"))).isEmpty();
    assertThat(LoadCommand.loopbackAddress(URI.create("http://127.0.0.1:8484"))).isPresent();
  }

  @Test
  void durations_shortAndIsoForms_areRead() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void load_afterRun_deletesItsTestSecrets() throws Exception {
    run("--operation", "GetSecretValue", "--secrets", "2", "--name-prefix", "cleanup-check-");

    try (var sm = server.secretsManager()) {
      for (String name : new String[] {"cleanup-check-0", "cleanup-check-1"}) {
        assertThatThrownBy(
                () -> sm.describeSecret(DescribeSecretRequest.builder().secretId(name).build()))
            .isInstanceOf(ResourceNotFoundException.class);
      }
    }
  }
}
