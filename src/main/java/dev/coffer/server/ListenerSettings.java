package dev.coffer.server;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One address Coffer listens on besides the main one (a private listener, like a VPC endpoint).
 *
 * @param name the listener's name (unique; used in logs and by tests to find its port)
 * @param host the address to bind
 * @param port the port (0 picks a free one)
 * @param tls TLS on this listener; empty for plain HTTP
 * @param endpointId the id its requests carry as {@code aws:SourceVpce}, e.g. {@code
 *     vpce-0123456789abcdef0}
 */
public record ListenerSettings(
    String name, String host, int port, Optional<TlsSettings> tls, Optional<String> endpointId) {

  private static final Pattern ENDPOINT_ID = Pattern.compile("vpce-[0-9a-z]{1,32}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public ListenerSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(endpointId, "endpointId");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("listener name must be letters, digits, - or _: " + name);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listener port out of range: " + port);
    }
    endpointId.ifPresent(ListenerSettings::checkEndpointId);
  }

  /** Refuses an endpoint id that is not shaped like {@code vpce-0123456789abcdef0}. */
  static void checkEndpointId(String id) {
    if (!ENDPOINT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "endpointId must look like vpce-0123456789abcdef0 (lowercase letters and digits): " + id);
    }
  }
}
