package dev.coffer.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coffer.core.Caller;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an event is about: CloudTrail's {@code userIdentity} (CloudTrail User Guide, "CloudTrail
 * userIdentity element").
 *
 * @param type {@code Root}, {@code IAMUser}, {@code AssumedRole}, {@code AWSService} or {@code
 *     Unknown} (a request whose signature did not check out)
 * @param accessKeyId the signing key, empty when there is none
 * @param invokedBy the service that acted, for service events
 */
public record Identity(
    String type,
    String principalId,
    String arn,
    String accountId,
    String accessKeyId,
    Optional<String> invokedBy) {

  public Identity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(invokedBy, "invokedBy");
  }

  /** An authenticated caller. */
  public static Identity of(Caller c) {
    if (c.type() == Caller.Type.AWSService) {
      return service(c.accountId(), "secretsmanager.amazonaws.com");
    }
    return new Identity(
        c.type().name(),
        c.principalId(),
        c.arn(),
        c.accountId(),
        c.accessKeyId().orElse(""),
        Optional.empty());
  }

  /**
   * A request that could not be authenticated: only the access key it claimed is known (AWS records
   * such calls with {@code type: Unknown}).
   */
  public static Identity unauthenticated(String accountId, Optional<String> claimedAccessKeyId) {
    return new Identity(
        "Unknown", "", "", accountId, claimedAccessKeyId.orElse(""), Optional.empty());
  }

  /** The service itself acting (CloudTrail {@code AwsServiceEvent}). */
  public static Identity service(String accountId, String invokedBy) {
    return new Identity("AWSService", "", "", accountId, "", Optional.of(invokedBy));
  }

  /** The LookupEvents {@code Username}: root, the user or session name, or the service. */
  public String username() {
    return switch (type) {
      case "Root" -> "root";
      case "IAMUser", "AssumedRole" -> arn.substring(arn.lastIndexOf('/') + 1);
      case "AWSService" -> invokedBy.orElse("");
      default -> "";
    };
  }

  /** Writes CloudTrail's {@code userIdentity} object. */
  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    if (type.equals("AWSService")) {
      g.writeStringField("accountId", accountId);
      g.writeStringField("invokedBy", invokedBy.orElse(""));
      g.writeEndObject();
      return;
    }
    g.writeStringField("type", type);
    if (!principalId.isEmpty()) {
      g.writeStringField("principalId", principalId);
    }
    if (!arn.isEmpty()) {
      g.writeStringField("arn", arn);
    }
    g.writeStringField("accountId", accountId);
    if (!accessKeyId.isEmpty()) {
      g.writeStringField("accessKeyId", accessKeyId);
    }
    if (type.equals("IAMUser")) {
      g.writeStringField("userName", username());
    }
    if (type.equals("AssumedRole") || accessKeyId.startsWith("ASIA")) {
      // Temporary credentials carry a session context (CloudTrail userIdentity, sessionContext).
      g.writeObjectFieldStart("sessionContext");
      g.writeObjectFieldStart("attributes");
      g.writeStringField("mfaAuthenticated", "false");
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
