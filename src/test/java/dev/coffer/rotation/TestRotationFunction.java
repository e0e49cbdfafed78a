package dev.coffer.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Rotation functions served like the AWS Lambda Invoke API on 127.0.0.1, written the way AWS's
 * rotation template is (SecretsManagerRotationTemplate): each calls back into Coffer with its own
 * SDK client. The function name in the path chooses the behaviour:
 *
 * <ul>
 *   <li>{@code rotator}: the template; createSecret stores a new random value as AWSPENDING,
 *       finishSecret moves AWSCURRENT to it;
 *   <li>{@code failing}: like {@code rotator}, but setSecret raises an error;
 *   <li>{@code blocking}: like {@code rotator}, but setSecret waits until {@link #release()};
 *   <li>anything else: every step succeeds without doing anything.
 * </ul>
 */
final class TestRotationFunction implements AutoCloseable {
  static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One invocation as the function received it. */
  record Invocation(
      String function, String step, String secretId, String token, String rotationToken) {}

  private final HttpServer http;
  // HttpServer.stop leaves its executor running; its idle threads are not daemons.
  private final ExecutorService handlers;
  private final List<Invocation> log = new CopyOnWriteArrayList<>();
  private final CountDownLatch blocked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile SecretsManagerClient sm;

  private TestRotationFunction(HttpServer http, ExecutorService handlers) {
    this.http = http;
    this.handlers = handlers;
  }

  static TestRotationFunction start() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService handlers = Executors.newCachedThreadPool();
    TestRotationFunction f = new TestRotationFunction(http, handlers);
    http.createContext("/2015-03-31/functions/", f::handle);
    http.setExecutor(handlers);
    http.start();
    return f;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** The client the functions call Coffer with. */
  void connect(SecretsManagerClient client) {
    this.sm = client;
  }

  /** The steps invoked for version {@code token}, in order. */
  List<String> steps(String token) {
    return log.stream().filter(i -> i.token().equals(token)).map(Invocation::step).toList();
  }

  List<Invocation> invocations(String token) {
    return log.stream().filter(i -> i.token().equals(token)).toList();
  }

  /** Waits (bounded) until a {@code blocking} function is inside setSecret. */
  boolean awaitBlocked() throws InterruptedException {
    return blocked.await(30, TimeUnit.SECONDS);
  }

  void release() {
    release.countDown();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String name = path.split("/")[3];
      JsonNode event = JSON.readTree(ex.getRequestBody());
      Invocation call =
          new Invocation(
              name,
              event.path("Step").asText(),
              event.path("SecretId").asText(),
              event.path("ClientRequestToken").asText(),
              event.path("RotationToken").asText());
      log.add(call);
      try {
        run(call);
        reply(ex, 200, Map.of(), "null");
      } catch (RuntimeException | InterruptedException e) {
        String body =
            JSON.createObjectNode()
                .put("errorType", e.getClass().getSimpleName())
                .put("errorMessage", String.valueOf(e.getMessage()))
                .toString();
        reply(ex, 200, Map.of("X-Amz-Function-Error", "Unhandled"), body);
      }
    }
  }

  private void run(Invocation call) throws InterruptedException {
    boolean template = List.of("rotator", "failing", "blocking").contains(call.function());
    if (!template) {
      return;
    }
    DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(call.secretId()));
    if (!Boolean.TRUE.equals(d.rotationEnabled())) {
      throw new IllegalStateException("rotation is not enabled");
    }
    List<String> stages = d.versionIdsToStages().get(call.token());
    if (stages == null) {
      throw new IllegalStateException("no version " + call.token());
    }
    if (stages.contains("AWSCURRENT")) {
      return; // already rotated
    }
    if (!stages.contains("AWSPENDING")) {
      throw new IllegalStateException("version " + call.token() + " is not AWSPENDING");
    }
    switch (call.step()) {
      case "createSecret" -> createSecret(call);
      case "setSecret" -> {
        if (call.function().equals("failing")) {
          throw new IllegalStateException("cannot set the new password in the database");
        }
        if (call.function().equals("blocking")) {
          blocked.countDown();
          release.await(30, TimeUnit.SECONDS);
        }
      }
      case "testSecret" -> {}
      case "finishSecret" -> finishSecret(call, d);
      default -> throw new IllegalArgumentException("unknown step " + call.step());
    }
  }

  private void createSecret(Invocation call) {
    sm.getSecretValue(b -> b.secretId(call.secretId()).versionStage("AWSCURRENT"));
    try {
      sm.getSecretValue(
          b -> b.secretId(call.secretId()).versionId(call.token()).versionStage("AWSPENDING"));
      return; // already created
    } catch (ResourceNotFoundException expected) {
      // the placeholder has no value yet
    }
    sm.putSecretValue(b ->
        b.secretId(call.secretId())
            .clientRequestToken(call.token())
            .secretString("rotated-" + UUID.randomUUID())
            .versionStages("AWSPENDING")
            .rotationToken(call.rotationToken()));
  }

  private void finishSecret(Invocation call, DescribeSecretResponse d) {
    String current =
        d.versionIdsToStages().entrySet().stream()
            .filter(e -> e.getValue().contains("AWSCURRENT"))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    sm.updateSecretVersionStage(b ->
        b.secretId(call.secretId())
            .versionStage("AWSCURRENT")
            .moveToVersionId(call.token())
            .removeFromVersionId(current));
  }

  private static void reply(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release.countDown();
    http.stop(0);
    handlers.shutdownNow();
  }
}
