package dev.coffer.rotation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which HTTP endpoint serves which rotation function, how long one step may take, and how the
 * scheduler runs and retries rotations.
 *
 * @param functions routes, tried in order; the first whose pattern matches a function ARN wins
 * @param timeout the limit for one step's invocation, connection included
 * @param schedulerInterval how often the scheduler looks for due rotations
 * @param retries how many times a failed rotation is retried (see {@code secrets.RotationPolicy})
 * @param retryDelay the wait before the first retry; it doubles for each further retry
 */
public record RotationSettings(
    List<FunctionRoute> functions,
    Duration timeout,
    Duration schedulerInterval,
    int retries,
    Duration retryDelay) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SCHEDULER_INTERVAL = Duration.ofMinutes(1);
  public static final int DEFAULT_RETRIES = 5;
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(1);

  public RotationSettings {
    functions = List.copyOf(functions);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(schedulerInterval, "schedulerInterval");
    Objects.requireNonNull(retryDelay, "retryDelay");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("rotation.timeout must be positive: " + timeout);
    }
    if (!schedulerInterval.isPositive() || !retryDelay.isPositive()) {
      throw new IllegalArgumentException(
          "rotation.schedulerInterval and rotation.retryDelay must be positive");
    }
    if (retries < 0 || retries > 30) {
      throw new IllegalArgumentException("rotation.retries must be within 0-30: " + retries);
    }
  }

  /** Routes and a timeout, with the default scheduler interval and retries. */
  public RotationSettings(List<FunctionRoute> functions, Duration timeout) {
    this(functions, timeout, DEFAULT_SCHEDULER_INTERVAL, DEFAULT_RETRIES, DEFAULT_RETRY_DELAY);
  }

  /** These settings with other retries. */
  public RotationSettings withRetries(int count, Duration delay) {
    return new RotationSettings(functions, timeout, schedulerInterval, count, delay);
  }

  /** No functions: RotateSecret is refused for every function ARN. */
  public static RotationSettings none() {
    return new RotationSettings(List.of(), DEFAULT_TIMEOUT);
  }

  /** The route for {@code functionArn}, if one matches. */
  public Optional<FunctionRoute> routeFor(String functionArn) {
    return functions.stream().filter(r -> r.matches(functionArn)).findFirst();
  }

  /**
   * One route.
   *
   * @param arn a function ARN, or a glob over ARNs where {@code *} stands for any run of characters
   *     and {@code ?} for one character
   * @param endpoint the base URL of a Lambda Invoke API, e.g. {@code http://127.0.0.1:9000}
   * @param name the function name to put in the invocation path instead of the one in the ARN; the
   *     runtime interface emulator answers to {@code function} and to its AWS_LAMBDA_FUNCTION_NAME
   */
  public record FunctionRoute(String arn, URI endpoint, Optional<String> name) {
    public FunctionRoute {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(name, "name");
      String scheme = endpoint.getScheme();
      if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "rotation function endpoint must be an http or https URL: " + endpoint);
      }
    }

    boolean matches(String functionArn) {
      return glob(arn).matcher(functionArn).matches();
    }

    private static Pattern glob(String glob) {
      StringBuilder re = new StringBuilder();
      StringBuilder literal = new StringBuilder();
      for (char c : glob.toCharArray()) {
        if (c == '*' || c == '?') {
          re.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
          literal.setLength(0);
        } else {
          literal.append(c);
        }
      }
      return Pattern.compile(
          re.append(Pattern.quote(literal.toString())).toString(), Pattern.DOTALL);
    }
  }
}
