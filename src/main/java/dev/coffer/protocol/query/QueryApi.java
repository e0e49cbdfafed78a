package dev.coffer.protocol.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A query-protocol API served on the shared endpoint.
 *
 * @param signingService the SigV4 service name and the action prefix, {@code iam} or {@code sts}
 * @param version the API version requests name, e.g. {@code 2010-05-08}
 * @param xmlns the namespace of its XML responses
 * @param operations the operations by Action name
 */
public record QueryApi(
    String signingService, String version, String xmlns, Map<String, QueryOperation> operations) {

  public static QueryApi of(
      String signingService, String version, String xmlns, List<QueryOperation> ops) {
    return new QueryApi(
        signingService,
        version,
        xmlns,
        ops.stream()
            .collect(Collectors.toUnmodifiableMap(QueryOperation::name, Function.identity())));
  }

  public Optional<QueryOperation> operation(String action) {
    return Optional.ofNullable(operations.get(action));
  }
}
