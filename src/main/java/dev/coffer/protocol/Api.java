package dev.coffer.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An awsJson 1.1 API served on the shared endpoint: requests whose {@code X-Amz-Target} starts with
 * {@code targetPrefix + "."}, signed for {@code signingService}.
 *
 * @param targetPrefix e.g. {@code secretsmanager} or {@code TrentService}
 * @param signingService the SigV4 service name in the credential scope
 * @param messageMember the error body's message member: {@code Message} for Secrets Manager, {@code
 *     message} for KMS
 * @param operations the operations by name
 */
public record Api(
    String targetPrefix,
    String signingService,
    String messageMember,
    Map<String, Operation> operations) {

  public static Api of(
      String targetPrefix, String signingService, String messageMember, List<Operation> ops) {
    return new Api(
        targetPrefix,
        signingService,
        messageMember,
        ops.stream().collect(Collectors.toUnmodifiableMap(Operation::name, Function.identity())));
  }

  public Optional<Operation> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }
}
