package dev.coffer.rotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.secrets.RotationJob;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Invokes a rotation function through the AWS Lambda Invoke API (POST
 * /2015-03-31/functions/FunctionName/invocations, InvocationType RequestResponse), with the event
 * Secrets Manager sends: {@code {"Step", "SecretId", "ClientRequestToken", "RotationToken"}} (user
 * guide, "How rotation works"). A function error comes back as HTTP 200 with the {@code
 * X-Amz-Function-Error} header and an {@code {"errorType", "errorMessage"}} body; a failure of the
 * service or the emulator as a status other than 2xx.
 */
final class LambdaInvoker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_REASON = 1024;

  private final RotationSettings settings;
  private final HttpClient http;

  LambdaInvoker(RotationSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  boolean canInvoke(String functionArn) {
    return settings.routeFor(functionArn).isPresent();
  }

  /**
   * Sends one step. The future completes with empty when the function succeeded, or with what went
   * wrong; cancelling it abandons the request.
   */
  CompletableFuture<Optional<String>> invoke(RotationJob job, String step, String rotationToken) {
    RotationSettings.FunctionRoute route =
        settings
            .routeFor(job.functionArn())
            .orElseThrow(() -> new IllegalStateException("no route for " + job.functionArn()));
    ObjectNode event = JSON.createObjectNode();
    event.put("Step", step);
    event.put("SecretId", job.secretArn());
    event.put("ClientRequestToken", job.token());
    event.put("RotationToken", rotationToken);
    HttpRequest request =
        HttpRequest.newBuilder(invocationUri(route, job.functionArn()))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("X-Amz-Invocation-Type", "RequestResponse")
            .POST(HttpRequest.BodyPublishers.ofString(event.toString(), StandardCharsets.UTF_8))
            .build();
    CompletableFuture<HttpResponse<String>> sent =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    // A plain future, so that cancelling it means exactly that; the exchange is abandoned with it.
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    sent.whenComplete((response, error) ->
        result.complete(
            error == null ? judge(response) : Optional.of(transportFailure(error, route))));
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        sent.cancel(true);
      }
    });
    return result;
  }

  /** The invocation URL: the function name from the ARN, its qualifier as {@code Qualifier}. */
  static URI invocationUri(RotationSettings.FunctionRoute route, String functionArn) {
    String name = functionArn;
    Optional<String> qualifier = Optional.empty();
    int at = functionArn.indexOf(":function:");
    if (functionArn.startsWith("arn:") && at >= 0) {
      String[] parts = functionArn.substring(at + ":function:".length()).split(":", 2);
      name = parts[0];
      qualifier = parts.length > 1 ? Optional.of(parts[1]) : Optional.empty();
    }
    String base = route.endpoint().toString().replaceAll("/+$", "");
    String uri =
        base
            + "/2015-03-31/functions/"
            + encode(route.name().orElse(name))
            + "/invocations"
            + qualifier.map(q -> "?Qualifier=" + encode(q)).orElse("");
    return URI.create(uri);
  }

  private static Optional<String> judge(HttpResponse<String> response) {
    int status = response.statusCode();
    String body = response.body();
    if (status < 200 || status > 299) {
      return Optional.of("the function endpoint answered HTTP " + status + clipped(body));
    }
    Optional<String> functionError = response.headers().firstValue("X-Amz-Function-Error");
    Optional<JsonNode> error = errorBody(body);
    if (functionError.isPresent() || error.isPresent()) {
      return Optional.of(
          error
              .map(
                  e -> e.path("errorType").asText("Error") + ": " + e.path("errorMessage").asText())
              .orElse("function error " + functionError.orElse("") + clipped(body)));
    }
    return Optional.empty();
  }

  /**
   * The Lambda error shape {@code {"errorType": ..., "errorMessage": ...}}; recognised even without
   * the header, which some emulator versions leave out. A rotation function returns nothing on
   * success, so the shape cannot be mistaken for a result.
   */
  private static Optional<JsonNode> errorBody(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() && node.has("errorMessage") && node.has("errorType")
          ? Optional.of(node)
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String transportFailure(Throwable error, RotationSettings.FunctionRoute route) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return "the function did not answer in time (rotation.timeout)";
    }
    if (cause instanceof ConnectException) {
      return "cannot connect to the function endpoint " + route.endpoint();
    }
    return "invoking the function failed: " + cause.getClass().getSimpleName();
  }

  private static String clipped(String body) {
    if (body.isBlank()) {
      return "";
    }
    return ": "
        + (body.length() <= MAX_BODY_IN_REASON ? body : body.substring(0, MAX_BODY_IN_REASON));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
