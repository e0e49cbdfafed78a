package dev.coffer.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code aws} command against a Coffer endpoint with fixed credentials. */
final class AwsCli {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String endpoint;
  private final Map<String, String> env;

  AwsCli(String endpoint, String accessKey, String secretKey, String region) {
    this(endpoint, accessKey, secretKey, region, "");
  }

  /** A CLI using temporary credentials: {@code sessionToken} goes to AWS_SESSION_TOKEN. */
  AwsCli(String endpoint, String accessKey, String secretKey, String region, String sessionToken) {
    this.endpoint = endpoint;
    Map<String, String> e = new java.util.HashMap<>();
    e.putAll(
        Map.of(
            "AWS_ACCESS_KEY_ID", accessKey,
            "AWS_SECRET_ACCESS_KEY", secretKey,
            "AWS_DEFAULT_REGION", region,
            "AWS_REGION", region,
            "AWS_PAGER", "",
            "AWS_CONFIG_FILE", "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
    if (!sessionToken.isEmpty()) {
      e.put("AWS_SESSION_TOKEN", sessionToken);
    }
    this.env = Map.copyOf(e);
  }

  /** The result of one command: exit status, standard output and standard error. */
  record Result(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  Result run(String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--output", "json"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
      }
      return new Result(
          p.exitValue(),
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs a command that must succeed and returns its JSON output. */
  JsonNode ok(String... args) {
    Result r = run(args);
    if (r.exit() != 0) {
      throw new AssertionError("aws " + String.join(" ", args) + " failed: " + r.err());
    }
    return r.out().isBlank() ? JSON.createObjectNode() : r.json();
  }
}
