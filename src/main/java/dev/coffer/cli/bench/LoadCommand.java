package dev.coffer.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.auth.sigv4.Credentials;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer bench load}: creates its own test secrets on a running Coffer, drives it with
 * SigV4-signed requests from many keep-alive connections, reports throughput, latency percentiles,
 * failures by error code and the server's memory, then deletes the test secrets.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a running Coffer (on this machine only) with SigV4-signed Secrets Manager calls:",
      "requests/s, latency percentiles, failures by error code and, with --server-pid, the",
      "server's memory and CPU. Creates its own secrets (names coffer-bench-*) and deletes them."
    })
final class LoadCommand implements Callable<Integer> {
  enum Operation {
    GetSecretValue,
    PutSecretValue
  }

  private static final int PUT_SECRETS_DEFAULT = 1000;

  @Option(
      names = "--endpoint-url",
      description = "Coffer's endpoint (default: $COFFER_ENDPOINT, else http://127.0.0.1:8484).")
  @Nullable String endpointUrl;

  @Option(names = "--access-key", description = "Access key id (default: $AWS_ACCESS_KEY_ID).")
  @Nullable String accessKey;

  @Option(
      names = "--secret-key",
      description = "Secret access key (default: $AWS_SECRET_ACCESS_KEY).")
  @Nullable String secretKey;

  @Option(names = "--region", description = "Region (default: $AWS_REGION, else us-east-1).")
  @Nullable String region;

  @Option(
      names = "--operation",
      defaultValue = "GetSecretValue",
      description = "GetSecretValue or PutSecretValue (default: ${DEFAULT-VALUE}).")
  Operation operation = Operation.GetSecretValue;

  @Option(
      names = "--connections",
      defaultValue = "64",
      description = "Concurrent keep-alive connections (default: ${DEFAULT-VALUE}).")
  int connections = 64;

  @Option(
      names = "--harness-threads",
      defaultValue = "1",
      description =
          "Harness threads (event loops) sharing the connections (default: ${DEFAULT-VALUE}).")
  int harnessThreads = 1;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long to measure (default: ${DEFAULT-VALUE}).")
  Duration duration = Duration.ofSeconds(30);

  @Option(
      names = "--warmup",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How long to send before measuring (default: ${DEFAULT-VALUE}).")
  Duration warmup = Duration.ofSeconds(10);

  @Option(
      names = "--secrets",
      description =
          "Secrets to spread the requests over (default: 1 for GetSecretValue, "
              + PUT_SECRETS_DEFAULT
              + " for PutSecretValue, so each keeps a moderate number of versions).")
  @Nullable Integer secrets;

  @Option(
      names = "--value-bytes",
      defaultValue = "1024",
      description = "Size of the secret value (default: ${DEFAULT-VALUE}).")
  int valueBytes = 1024;

  @Option(
      names = "--max-requests",
      defaultValue = "100000000",
      description = "Stop measuring after this many requests (default: ${DEFAULT-VALUE}).")
  long maxRequests = 100_000_000;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "A request not answered in this time (connecting included) fails and its connection"
              + " is reopened (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(10);

  @Option(
      names = "--server-pid",
      description = "The server's process id: report its memory (VmRSS, VmHWM) and CPU use.")
  @Nullable Long serverPid;

  @Option(
      names = "--name-prefix",
      description =
          "Names of the test secrets: this prefix and a number (default: coffer-bench-"
              + "<random>-).")
  @Nullable String namePrefix;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--markdown", description = "Print the result as a markdown table.")
  boolean markdown;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream err = System.err;
    Map<String, String> env = System.getenv();
    URI endpoint =
        URI.create(firstOf(endpointUrl, env.get("COFFER_ENDPOINT"), "http://127.0.0.1:8484"));
    Optional<InetSocketAddress> address = loopbackAddress(endpoint);
    if (address.isEmpty()) {
      err.println(
          "coffer bench load: the endpoint must be http:// on this machine (loopback): "
              + endpoint);
      return 2;
    }
    String key = firstOf(accessKey, env.get("AWS_ACCESS_KEY_ID"), "");
    String secret = firstOf(secretKey, env.get("AWS_SECRET_ACCESS_KEY"), "");
    if (key.isEmpty() || secret.isEmpty()) {
      err.println(
          "coffer bench load: give --access-key and --secret-key, or set AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY (coffer dev prints them)");
      return 2;
    }
    String token = env.getOrDefault("AWS_SESSION_TOKEN", "");
    Credentials credentials =
        token.isEmpty() ? Credentials.of(key, secret) : Credentials.of(key, secret, token);
    String signingRegion = firstOf(region, env.get("AWS_REGION"), "us-east-1");
    int secretCount =
        secrets != null ? secrets : operation == Operation.GetSecretValue ? 1 : PUT_SECRETS_DEFAULT;
    if (connections < 1
        || harnessThreads < 1
        || secretCount < 1
        || valueBytes < 1
        || valueBytes > 65_536) {
      err.println(
          "coffer bench load: --connections, --harness-threads and --secrets must be at least 1,"
              + " --value-bytes 1 to 65536");
      return 2;
    }

    SignedRequests requests =
        new SignedRequests(endpoint, credentials, signingRegion, Clock.systemUTC());
    String value = randomValue(valueBytes);
    String prefix =
        namePrefix != null ? namePrefix : "coffer-bench-" + HexFormat.of().formatHex(nonce()) + "-";
    TestSecrets test = new TestSecrets(requests, address.get(), timeout, prefix);
    List<String> ids;
    try {
      err.printf("coffer bench load: creating %d test secret(s)...%n", secretCount);
      ids = test.create(secretCount, value);
    } catch (IOException | SetupException e) {
      err.println("coffer bench load: cannot create the test secrets: " + e.getMessage());
      test.deleteQuietly();
      return 1;
    }
    LoadResult result;
    try {
      Workload workload =
          operation == Operation.GetSecretValue
              ? Workload.getSecretValue(requests, ids)
              : Workload.putSecretValue(requests, ids, value);
      err.printf(
          "coffer bench load: %s over %d connection(s): %d ms warm-up, then %d ms measured...%n",
          operation, connections, warmup.toMillis(), duration.toMillis());
      result = measure(address.get(), workload, secretCount);
    } finally {
      err.println("coffer bench load: deleting the test secrets...");
      test.deleteQuietly();
    }
    System.out.print(json ? result.json() : markdown ? result.markdown() : result.text());
    return result.observed().ok() > 0 ? 0 : 1;
  }

  private LoadResult measure(InetSocketAddress address, Workload workload, int secretCount)
      throws InterruptedException {
    // The boundary callbacks run on this thread, so plain fields are enough.
    final class Samples {
      Optional<ProcessSample> server = Optional.empty();
      long harnessCpuNanos;

      void take() {
        harnessCpuNanos = processCpuNanos();
        server = serverPid == null ? Optional.empty() : ProcessSample.of(serverPid);
      }
    }
    Samples before = new Samples();
    Samples after = new Samples();
    LoadRun.Settings settings =
        new LoadRun.Settings(
            address, connections, harnessThreads, warmup, duration, maxRequests, timeout);
    LoadRun.Observed observed = LoadRun.run(settings, workload, before::take, after::take);
    return new LoadResult(
        operation.name(),
        connections,
        secretCount,
        warmup,
        observed,
        before.server,
        after.server,
        Duration.ofNanos(after.harnessCpuNanos - before.harnessCpuNanos));
  }

  /** The harness's own CPU time, to show whether it, rather than the server, was the limit. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /** The socket address of an {@code http} endpoint on loopback; empty for anything else. */
  static Optional<InetSocketAddress> loopbackAddress(URI endpoint) {
    if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
      return Optional.empty();
    }
    try {
      InetAddress host = InetAddress.getByName(endpoint.getHost());
      if (!host.isLoopbackAddress()) {
        return Optional.empty();
      }
      int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
      return Optional.of(new InetSocketAddress(host, port));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String firstOf(@Nullable String a, @Nullable String b, String fallback) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    return b != null && !b.isEmpty() ? b : fallback;
  }

  /** Random letters and digits, so the value is a valid SecretString of exactly that many bytes. */
  private static String randomValue(int bytes) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder(bytes);
    for (int i = 0; i < bytes; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static byte[] nonce() {
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** Thrown when the server refuses to create a test secret. */
  static final class SetupException extends Exception {
    SetupException(String message) {
      super(message);
    }
  }

  /** The secrets a run creates for itself, and their removal afterwards. */
  private static final class TestSecrets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SignedRequests requests;
    private final InetSocketAddress address;
    private final Duration timeout;
    private final String prefix;
    private final List<String> created = new ArrayList<>();

    TestSecrets(
        SignedRequests requests, InetSocketAddress address, Duration timeout, String prefix) {
      this.requests = requests;
      this.prefix = prefix;
      this.address = address;
      this.timeout = timeout;
    }

    List<String> create(int count, String value) throws IOException, SetupException {
      try (BlockingConnection c = BlockingConnection.open(address, timeout)) {
        for (int i = 0; i < count; i++) {
          String name = prefix + i;
          BlockingConnection.Response r =
              c.exchange(
                  requests.build("CreateSecret", Map.of("Name", name, "SecretString", value)));
          if (r.status() != 200) {
            throw new SetupException(describe(r));
          }
          created.add(name);
        }
      }
      return List.copyOf(created);
    }

    /** Deletes every created secret at once (no recovery window); failures are reported only. */
    void deleteQuietly() {
      if (created.isEmpty()) {
        return;
      }
      int failed = 0;
      try (BlockingConnection c = BlockingConnection.open(address, timeout)) {
        for (String name : created) {
          BlockingConnection.Response r =
              c.exchange(
                  requests.build(
                      "DeleteSecret",
                      Map.of("SecretId", name, "ForceDeleteWithoutRecovery", true)));
          if (r.status() != 200) {
            failed++;
          }
        }
      } catch (IOException e) {
        System.err.println("coffer bench load: cannot delete the test secrets: " + e.getMessage());
        return;
      }
      if (failed > 0) {
        System.err.printf(
            "coffer bench load: %d test secret(s) named %s* were not deleted%n", failed, prefix);
      }
    }

    private static String describe(BlockingConnection.Response r) {
      String message = "";
      try {
        var node = JSON.readTree(r.body());
        if (node != null) {
          message = node.path("Message").asText(node.path("message").asText(""));
        }
      } catch (IOException e) {
        message = "(unreadable error body)";
      }
      return "HTTP " + r.status() + " " + r.errorType().orElse("") + " " + message;
    }
  }
}
