package dev.coffer.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** {@code ./coffer dev} started as a user would, on a free port and a fresh data directory. */
final class DevServerProcess implements AutoCloseable {
  static final String ACCESS_KEY = "AKIDCOFFERE2E0000001";
  static final String SECRET_KEY = "e2e/secret/key/000000000000000000000000";
  private final Process process;
  final int port;
  final StringBuffer output = new StringBuffer();
  private final Thread reader;
  private final java.util.Optional<Path> caBundle;

  private DevServerProcess(Process process, int port, java.util.Optional<Path> caBundle) {
    this.process = process;
    this.port = port;
    this.caBundle = caBundle;
    this.reader =
        Thread.ofVirtual()
            .start(() -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  output.append(line).append('\n');
                }
              } catch (IOException ignored) {
                // The process ended.
              }
            });
  }

  static DevServerProcess start(Path dataDir) throws IOException, InterruptedException {
    return start(dataDir, new String[0]);
  }

  /**
   * {@code ./coffer dev --tls}: HTTPS with the local CA, whose certificate is {@code
   * DATA/tls/ca.pem}.
   */
  static DevServerProcess startTls(Path dataDir) throws IOException, InterruptedException {
    return start(dataDir, "--tls");
  }

  static DevServerProcess start(Path dataDir, String... extraArgs)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                "./coffer", "dev", "--port", Integer.toString(port), "--data", dataDir.toString()));
    cmd.addAll(java.util.List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    boolean tls = cmd.contains("--tls");
    pb.environment().put("COFFER_ROOT_ACCESS_KEY_ID", ACCESS_KEY);
    pb.environment().put("COFFER_ROOT_SECRET_ACCESS_KEY", SECRET_KEY);
    pb.redirectErrorStream(true);
    DevServerProcess p =
        new DevServerProcess(
            pb.start(),
            port,
            tls
                ? java.util.Optional.of(dataDir.resolve("tls/ca.pem"))
                : java.util.Optional.empty());
    p.awaitHealthy(Duration.ofSeconds(90));
    return p;
  }

  /** The aws CLI signing as this server's root user, in us-east-1. */
  AwsCli rootCli() {
    return new AwsCli(endpoint(), ACCESS_KEY, SECRET_KEY, "us-east-1");
  }

  String endpoint() {
    return (caBundle.isPresent() ? "https" : "http") + "://127.0.0.1:" + port;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("coffer dev exited early:\n" + output);
      }
      try {
        HttpClient http = client();
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("coffer dev did not become healthy:\n" + output);
  }

  /** A client trusting the local CA once the server has written it (TLS), or a plain one. */
  private HttpClient client() throws IOException {
    if (caBundle.isEmpty()) {
      return HttpClient.newHttpClient();
    }
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(caBundle.get())) {
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
      javax.net.ssl.TrustManagerFactory tmf =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return HttpClient.newBuilder().sslContext(ctx).build();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Stops the server the way Ctrl-C does and waits for it to exit. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("coffer dev did not stop on SIGTERM");
    }
    reader.join(10_000);
    return process.exitValue();
  }

  /** Kills the server with SIGKILL, as a crash or power loss would, and waits for it to die. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
