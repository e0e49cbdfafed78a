package dev.coffer.cli.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.cli.SignedJsonClient;
import dev.coffer.compliance.KeyDirectory;
import dev.coffer.compliance.SecretState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the secrets of a Secrets Manager endpoint with read-only calls only (ListSecrets, paged;
 * DescribeSecret; GetResourcePolicy) and resolves their KMS keys with kms:DescribeKey, turning each
 * into the {@link SecretState} the managed rules evaluate. Never reads a secret's value.
 */
final class EndpointScanner {
  /** Secrets Manager's error when a secret or key does not exist. */
  private static final String NOT_FOUND = "ResourceNotFoundException";

  private final SignedJsonClient secrets;
  private final SignedJsonClient kms;
  private final Map<String, Optional<KeyDirectory.KeyFacts>> keyCache = new HashMap<>();

  /** One secret as read from the endpoint: its state and its resource policy, if any. */
  record Scanned(SecretState state, Optional<String> resourcePolicy) {}

  EndpointScanner(SignedJsonClient secrets, SignedJsonClient kms) {
    this.secrets = secrets;
    this.kms = kms;
  }

  /**
   * Every secret the caller may list (secrets scheduled for deletion are left out, as AWS does).
   */
  List<Scanned> scan(Instant now) throws IOException {
    List<Scanned> out = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      ObjectNode req = secrets.object().put("MaxResults", 100);
      token.ifPresent(t -> req.put("NextToken", t));
      JsonNode page = secrets.call("ListSecrets", req);
      for (JsonNode entry : page.path("SecretList")) {
        String arn = entry.path("ARN").asText();
        Optional<Scanned> s = read(arn, now);
        s.ifPresent(out::add);
      }
      token = text(page, "NextToken");
    } while (token.isPresent());
    return out;
  }

  /** The secret {@code arn}, or empty when it was deleted between listing and describing it. */
  private Optional<Scanned> read(String arn, Instant now) throws IOException {
    JsonNode d;
    JsonNode policy;
    try {
      d = secrets.call("DescribeSecret", secrets.object().put("SecretId", arn));
      policy = secrets.call("GetResourcePolicy", secrets.object().put("SecretId", arn));
    } catch (SignedJsonClient.ServiceException e) {
      if (e.code().equals(NOT_FOUND)) {
        return Optional.empty();
      }
      throw e;
    }
    Optional<String> resourcePolicy = text(policy, "ResourcePolicy");
    return Optional.of(new Scanned(state(d, resourcePolicy, now), resourcePolicy));
  }

  /**
   * The rules' view of a DescribeSecret answer. RotationOccurringAsScheduled is derived as AWS
   * Config derives it: empty while rotation is off or for a replica (it rotates with its primary);
   * false when NextRotationDate has passed without a rotation.
   */
  static SecretState state(JsonNode d, Optional<String> resourcePolicy, Instant now) {
    String arn = d.path("ARN").asText();
    String[] parts = arn.split(":", 7);
    String region = parts.length > 3 ? parts[3] : "";
    String account = parts.length > 4 ? parts[4] : "";
    boolean rotation = d.path("RotationEnabled").asBoolean(false);
    Optional<Instant> next = instant(d, "NextRotationDate");
    boolean replica =
        text(d, "PrimaryRegion").filter(primary -> !primary.equals(region)).isPresent();
    Optional<Boolean> asScheduled =
        rotation && !replica
            ? Optional.of(next.filter(n -> n.isBefore(now)).isEmpty())
            : Optional.empty();
    JsonNode rules = d.path("RotationRules");
    SecretState.RotationRules rotationRules =
        new SecretState.RotationRules(
            rules.has("AutomaticallyAfterDays")
                ? Optional.of(rules.get("AutomaticallyAfterDays").asLong())
                : Optional.empty(),
            text(rules, "ScheduleExpression"),
            text(rules, "Duration"));
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode t : d.path("Tags")) {
      tags.put(t.path("Key").asText(), t.path("Value").asText());
    }
    return new SecretState(
        account,
        region,
        arn,
        d.path("Name").asText(),
        text(d, "Description"),
        text(d, "KmsKeyId"),
        rotation,
        text(d, "RotationLambdaARN"),
        rotationRules,
        asScheduled,
        instant(d, "CreatedDate").orElse(now),
        instant(d, "LastRotatedDate"),
        next,
        instant(d, "LastAccessedDate").map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC)),
        d.hasNonNull("DeletedDate"),
        tags,
        resourcePolicy);
  }

  /**
   * Resolves keys with kms:DescribeKey on the KMS endpoint, once per key. A key KMS says does not
   * exist resolves to empty (the rule reports it); any other failure stops the scan.
   */
  KeyDirectory keys() {
    return (accountId, region, keyId) ->
        keyCache.computeIfAbsent(
            keyId,
            id -> {
              try {
                JsonNode m = kms.call("DescribeKey", kms.object().put("KeyId", id));
                JsonNode meta = m.path("KeyMetadata");
                return Optional.of(
                    new KeyDirectory.KeyFacts(
                        meta.path("Arn").asText(),
                        meta.path("AWSAccountId").asText(),
                        meta.path("KeyManager").asText().equals("AWS")));
              } catch (SignedJsonClient.ServiceException e) {
                if (e.code().equals("NotFoundException")) {
                  return Optional.empty();
                }
                throw new UncheckedIOException(e);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(v.asText());
  }

  /** A timestamp field: epoch seconds (awsJson), possibly fractional. */
  private static Optional<Instant> instant(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isNumber()) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(Math.round(v.asDouble() * 1000)));
  }
}
