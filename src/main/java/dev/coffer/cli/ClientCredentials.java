package dev.coffer.cli;

import dev.coffer.auth.sigv4.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds credentials and region the way the AWS CLI does, for the parts Coffer's clients need: the
 * environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}), then the shared files' profile ({@code
 * AWS_PROFILE}, default {@code default}) in {@code ~/.aws/credentials} and {@code ~/.aws/config}.
 */
public final class ClientCredentials {
  private ClientCredentials() {}

  /** Credentials and region resolved for a client. */
  public record Resolved(Credentials credentials, String region) {}

  public static Resolved resolve(Map<String, String> env, Optional<String> profileOption) {
    String profile = profileOption.orElse(env.getOrDefault("AWS_PROFILE", "default"));
    Path home = Path.of(System.getProperty("user.home"));
    Map<String, String> creds =
        section(
            Path.of(env.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials")),
            profile);
    Map<String, String> config =
        section(
            Path.of(env.getOrDefault("AWS_CONFIG_FILE", home + "/.aws/config")),
            profile.equals("default") ? "default" : "profile " + profile);
    String key = firstOf(env.get("AWS_ACCESS_KEY_ID"), creds.get("aws_access_key_id"));
    String secret = firstOf(env.get("AWS_SECRET_ACCESS_KEY"), creds.get("aws_secret_access_key"));
    if (key == null || secret == null) {
      throw new IllegalArgumentException(
          "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in"
              + " ~/.aws/credentials");
    }
    String token = firstOf(env.get("AWS_SESSION_TOKEN"), creds.get("aws_session_token"));
    String region =
        firstOf(
            env.get("AWS_REGION"),
            env.get("AWS_DEFAULT_REGION"),
            config.get("region"),
            "us-east-1");
    return new Resolved(
        new Credentials(key, secret, Optional.ofNullable(token)),
        region == null ? "us-east-1" : region);
  }

  private static @org.jspecify.annotations.Nullable String firstOf(
      @org.jspecify.annotations.Nullable String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  /** The keys of one {@code [section]} of an INI file; empty when the file or section is absent. */
  static Map<String, String> section(Path file, String name) {
    Map<String, String> out = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return out;
    }
    boolean inside = false;
    for (String raw : lines) {
      String line = raw.trim();
      if (line.startsWith("[") && line.endsWith("]")) {
        inside = line.substring(1, line.length() - 1).trim().equals(name);
      } else if (inside && line.contains("=") && !line.startsWith("#") && !line.startsWith(";")) {
        int eq = line.indexOf('=');
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }
}
