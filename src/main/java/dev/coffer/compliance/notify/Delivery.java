package dev.coffer.compliance.notify;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Posts one notification to one endpoint. */
@FunctionalInterface
public interface Delivery {
  /**
   * Posts {@code body} with {@code headers}.
   *
   * @throws IOException the endpoint could not be reached or did not answer 2xx
   */
  void post(URI endpoint, Map<String, String> headers, String body) throws IOException;
}
