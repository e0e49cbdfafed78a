package dev.coffer.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.RotationOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner against a Lambda-shaped HTTP endpoint, with the secrets domain replaced by a recorder:
 * which steps it sends, in which order, and which outcome it reports.
 */
class RotationRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:";

  private HttpServer http;
  // HttpServer.stop leaves its executor running; its idle threads are not daemons.
  private ExecutorService handlers;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger mostInside = new AtomicInteger();
  private final CountDownLatch blocked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final BlockingQueue<RotationOutcome> outcomes = new LinkedBlockingQueue<>();
  private RotationRunner runner;

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/2015-03-31/functions/", this::handle);
    handlers = Executors.newCachedThreadPool();
    http.setExecutor(handlers);
    http.start();
    URI endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    RotationSettings settings =
        new RotationSettings(
            List.of(new RotationSettings.FunctionRoute(FUNCTION + "*", endpoint, Optional.empty())),
            Duration.ofSeconds(30));
    runner =
        new RotationRunner(
            settings,
            new RotationCallbacks() {
              @Override
              public boolean isActive(RotationJob job) {
                return true;
              }

              @Override
              public void record(RotationJob job, RotationOutcome outcome) {
                outcomes.add(outcome);
              }
            });
  }

  @AfterEach
  void stop() {
    release.countDown();
    runner.close();
    http.stop(0);
    handlers.shutdownNow();
  }

  /**
   * Function names: "ok", "error-at-STEP" (function error), "errorbody-at-STEP" (the error shape
   * without the X-Amz-Function-Error header), "http500", "block-at-STEP".
   */
  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String name = ex.getRequestURI().getPath().split("/")[3];
      JsonNode event = JSON.readTree(ex.getRequestBody());
      String step = event.path("Step").asText();
      calls.add(event.path("ClientRequestToken").asText() + ":" + step);
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        if (name.equals("block-at-" + step)) {
          blocked.countDown();
          release.await(30, TimeUnit.SECONDS);
        }
        if (name.equals("http500")) {
          reply(ex, 500, false, "{\"message\":\"emulator broke\"}");
        } else if (name.equals("errorbody-at-" + step)) {
          reply(ex, 200, false, "{\"errorType\":\"KeyError\",\"errorMessage\":\"no host\"}");
        } else if (name.equals("error-at-" + step)) {
          reply(ex, 200, true, "{\"errorType\":\"ValueError\",\"errorMessage\":\"bad password\"}");
        } else {
          reply(ex, 200, false, "null");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  private static void reply(HttpExchange ex, int status, boolean functionError, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (functionError) {
      ex.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private RotationOutcome nextOutcome() throws InterruptedException {
    RotationOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
    assertThat(o).as("an outcome was recorded").isNotNull();
    return o;
  }

  private static RotationJob job(String function, String token, RotationJob.Mode mode) {
    return new RotationJob(SECRET, FUNCTION + function, token, mode);
  }

  @Test
  void launch_functionSucceeds_runsFourStepsInOrderAndRecordsSuccess() throws Exception {
    runner.launch(job("ok", "t1", RotationJob.Mode.ROTATE));
    assertThat(nextOutcome().status()).isEqualTo(RotationOutcome.Status.SUCCEEDED);
    assertThat(calls)
        .containsExactly("t1:createSecret", "t1:setSecret", "t1:testSecret", "t1:finishSecret");
  }

  @Test
  void launch_testMode_runsOnlyTestSecret() throws Exception {
    runner.launch(job("ok", "t1", RotationJob.Mode.TEST));
    assertThat(nextOutcome().status()).isEqualTo(RotationOutcome.Status.SUCCEEDED);
    assertThat(calls).containsExactly("t1:testSecret");
  }

  @Test
  void launch_functionErrorAtSetSecret_recordsFailureAndStops() throws Exception {
    runner.launch(job("error-at-setSecret", "t1", RotationJob.Mode.ROTATE));
    RotationOutcome o = nextOutcome();
    assertThat(o.status()).isEqualTo(RotationOutcome.Status.FAILED);
    assertThat(o.failedStep()).contains("setSecret");
    assertThat(o.reason()).contains("ValueError: bad password");
    assertThat(calls).containsExactly("t1:createSecret", "t1:setSecret");
  }

  @Test
  void launch_endpointAnswers500_recordsFailureWithStatus() throws Exception {
    runner.launch(job("http500", "t1", RotationJob.Mode.ROTATE));
    RotationOutcome o = nextOutcome();
    assertThat(o.failedStep()).contains("createSecret");
    assertThat(o.reason().orElseThrow()).contains("HTTP 500");
  }

  @Test
  void cancel_duringStep_recordsCancelledAndStops() throws Exception {
    runner.launch(job("block-at-setSecret", "t1", RotationJob.Mode.ROTATE));
    assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
    runner.cancel(SECRET);
    assertThat(nextOutcome().status()).isEqualTo(RotationOutcome.Status.CANCELLED);
    release.countDown();
    assertThat(calls).containsExactly("t1:createSecret", "t1:setSecret");
  }

  @Test
  void launch_secondVersionWhileRunning_waitsForTheFirst() throws Exception {
    runner.launch(job("block-at-setSecret", "t1", RotationJob.Mode.ROTATE));
    assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
    runner.launch(job("ok", "t2", RotationJob.Mode.ROTATE));
    release.countDown();
    assertThat(nextOutcome().status()).isEqualTo(RotationOutcome.Status.SUCCEEDED);
    assertThat(nextOutcome().status()).isEqualTo(RotationOutcome.Status.SUCCEEDED);
    assertThat(mostInside.get()).isEqualTo(1);
    assertThat(calls)
        .containsExactly(
            "t1:createSecret",
            "t1:setSecret",
            "t1:testSecret",
            "t1:finishSecret",
            "t2:createSecret",
            "t2:setSecret",
            "t2:testSecret",
            "t2:finishSecret");
  }

  @Test
  void invocationUri_usesFunctionNameQualifierAndOverride() {
    URI base = URI.create("http://127.0.0.1:9000/");
    var byName = new RotationSettings.FunctionRoute("*", base, Optional.empty());
    var renamed = new RotationSettings.FunctionRoute("*", base, Optional.of("function"));
    assertThat(LambdaInvoker.invocationUri(byName, FUNCTION + "rotate-db"))
        .hasToString("http://127.0.0.1:9000/2015-03-31/functions/rotate-db/invocations");
    assertThat(LambdaInvoker.invocationUri(byName, FUNCTION + "rotate-db:live"))
        .hasToString(
            "http://127.0.0.1:9000/2015-03-31/functions/rotate-db/invocations?Qualifier=live");
    assertThat(LambdaInvoker.invocationUri(renamed, FUNCTION + "rotate-db"))
        .hasToString("http://127.0.0.1:9000/2015-03-31/functions/function/invocations");
  }

  @Test
  void routeFor_globs_matchFirstRouteInOrder() {
    URI a = URI.create("http://127.0.0.1:1");
    URI b = URI.create("http://127.0.0.1:2");
    RotationSettings settings =
        new RotationSettings(
            List.of(
                new RotationSettings.FunctionRoute(
                    "arn:aws:lambda:*:111111111111:function:db-?", a, Optional.empty()),
                new RotationSettings.FunctionRoute(
                    "arn:aws:lambda:us-east-1:*", b, Optional.empty())),
            Duration.ofSeconds(5));
    assertThat(settings.routeFor("arn:aws:lambda:eu-west-1:111111111111:function:db-1"))
        .map(RotationSettings.FunctionRoute::endpoint)
        .contains(a);
    assertThat(settings.routeFor("arn:aws:lambda:us-east-1:111111111111:function:db-10"))
        .map(RotationSettings.FunctionRoute::endpoint)
        .contains(b);
    assertThat(settings.routeFor("arn:aws:lambda:eu-west-1:222222222222:function:db-1")).isEmpty();
  }

  private RotationSettings settings(Duration timeout) {
    URI endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    return new RotationSettings(
        List.of(new RotationSettings.FunctionRoute(FUNCTION + "*", endpoint, Optional.empty())),
        timeout);
  }

  @Test
  void launch_errorShapeWithoutHeader_recordsFailure() throws Exception {
    runner.launch(job("errorbody-at-createSecret", "t1", RotationJob.Mode.ROTATE));
    RotationOutcome o = nextOutcome();
    assertThat(o.status()).isEqualTo(RotationOutcome.Status.FAILED);
    assertThat(o.failedStep()).contains("createSecret");
    assertThat(o.reason()).contains("KeyError: no host");
    assertThat(calls).containsExactly("t1:createSecret");
  }

  @Test
  void launch_functionSlowerThanTimeout_failsTheStep() throws Exception {
    try (RotationRunner quick =
        new RotationRunner(
            settings(Duration.ofSeconds(1)),
            new RotationCallbacks() {
              @Override
              public boolean isActive(RotationJob job) {
                return true;
              }

              @Override
              public void record(RotationJob job, RotationOutcome outcome) {
                outcomes.add(outcome);
              }
            })) {
      quick.launch(job("block-at-setSecret", "t1", RotationJob.Mode.ROTATE));
      RotationOutcome o = nextOutcome();
      assertThat(o.status()).isEqualTo(RotationOutcome.Status.FAILED);
      assertThat(o.failedStep()).contains("setSecret");
      assertThat(o.reason()).contains("the function did not answer in time (rotation.timeout)");
      assertThat(calls).containsExactly("t1:createSecret", "t1:setSecret");
    }
  }

  @Test
  void launch_longStep_renewsLeaseMeanwhile_andStopsWithoutRecordingWhenItIsLost()
      throws Exception {
    AtomicInteger renewals = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean lost =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<String> recorded = new CopyOnWriteArrayList<>();
    try (RotationRunner leased =
        new RotationRunner(
            settings(Duration.ofSeconds(30)),
            new RotationCallbacks() {
              @Override
              public boolean isActive(RotationJob job) {
                return true;
              }

              @Override
              public boolean renewLease(RotationJob job) {
                renewals.incrementAndGet();
                return !(lost.get() && job.token().equals("t1"));
              }

              @Override
              public void record(RotationJob job, RotationOutcome outcome) {
                recorded.add(job.token() + ":" + outcome.status());
                outcomes.add(outcome);
              }
            })) {
      leased.launch(job("block-at-setSecret", "t1", RotationJob.Mode.ROTATE));
      assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
      int beforeStep = renewals.get(); // before createSecret and before setSecret
      assertThat(beforeStep).isGreaterThanOrEqualTo(2);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (renewals.get() < beforeStep + 2) {
        assertThat(System.nanoTime()).as("renewed during the step").isLessThan(deadline);
        Thread.sleep(50);
      }
      // Another node takes the run over: this one stops without recording; the next run proceeds.
      leased.launch(job("ok", "t2", RotationJob.Mode.ROTATE));
      lost.set(true);
      assertThat(nextOutcome().status()).isEqualTo(RotationOutcome.Status.SUCCEEDED);
      assertThat(recorded).containsExactly("t2:SUCCEEDED");
      assertThat(calls)
          .containsExactly(
              "t1:createSecret",
              "t1:setSecret",
              "t2:createSecret",
              "t2:setSecret",
              "t2:testSecret",
              "t2:finishSecret");
    }
  }
}
