package dev.coffer.compliance;

import dev.coffer.core.error.InvalidParameterValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conditions of the five managed rules as pure functions of a secret's state, the rule's
 * parameters and the time (compliance-and-iam.md §1.1). Where AWS is silent the decision is marked
 * [inferred] and documented in the README.
 */
public final class ManagedRules {
  public static final String MAX_ROTATION_FREQUENCY_DAYS = "maximumAllowedRotationFrequency";
  public static final String MAX_ROTATION_FREQUENCY_HOURS =
      "maximumAllowedRotationFrequencyInHours";
  public static final String MAX_DAYS_SINCE_ROTATION = "maxDaysSinceRotation";
  public static final String UNUSED_FOR_DAYS = "unusedForDays";
  public static final String KMS_KEY_ARNS = "kmsKeyArns";

  /** The default of maxDaysSinceRotation and unusedForDays. */
  public static final int DEFAULT_DAYS = 90;

  private static final String DEFAULT_KEY_ALIAS = "alias/aws/secretsmanager";

  private ManagedRules() {}

  /**
   * Checks a rule's InputParameters: only the keys the rule knows, integers positive, key ARNs
   * non-empty.
   *
   * @throws InvalidParameterValueException naming the offending parameter
   */
  public static void validate(ManagedRule rule, Map<String, String> params) {
    for (var e : params.entrySet()) {
      String key = e.getKey();
      if (!rule.parameters().contains(key)) {
        throw new InvalidParameterValueException(
            "Unknown parameters provided in the input parameters for the rule "
                + rule.identifier()
                + ": "
                + key
                + ".");
      }
      if (key.equals(KMS_KEY_ARNS)) {
        if (keyArns(params).isEmpty()) {
          throw new InvalidParameterValueException(
              "The input parameter kmsKeyArns must list one or more KMS key ARNs.");
        }
      } else {
        positive(key, e.getValue());
      }
    }
  }

  /** Evaluates {@code rule} for {@code s} at {@code now}. */
  public static Verdict evaluate(
      ManagedRule rule, Map<String, String> params, SecretState s, Instant now, KeyDirectory keys) {
    return switch (rule) {
      case ROTATION_ENABLED_CHECK -> rotationEnabled(s, params);
      case SCHEDULED_ROTATION_SUCCESS_CHECK -> scheduledRotationSuccess(s);
      case SECRET_PERIODIC_ROTATION -> periodicRotation(s, params, now);
      case SECRET_UNUSED -> unused(s, params, now);
      case USING_CMK -> usingCmk(s, params, keys);
    };
  }

  /**
   * secretsmanager-rotation-enabled-check: NON_COMPLIANT when rotation is off, or when the interval
   * between rotations is longer than maximumAllowedRotationFrequency (days) or
   * maximumAllowedRotationFrequencyInHours (hours). Both given: both must hold [inferred]. A cron
   * schedule's interval is the longest gap between consecutive windows [inferred].
   */
  public static Verdict rotationEnabled(SecretState s, Map<String, String> params) {
    if (!s.rotationEnabled()) {
      return Verdict.nonCompliant("Rotation is not enabled for the secret.");
    }
    Optional<Long> days = optionalInt(params, MAX_ROTATION_FREQUENCY_DAYS);
    Optional<Long> hours = optionalInt(params, MAX_ROTATION_FREQUENCY_HOURS);
    if (days.isEmpty() && hours.isEmpty()) {
      return Verdict.compliant();
    }
    Optional<Duration> interval = RotationInterval.of(s.rotationRules());
    if (interval.isEmpty()) {
      return Verdict.nonCompliant("The secret has no rotation schedule to compare with the limit.");
    }
    long intervalHours = interval.get().toHours();
    if (days.isPresent() && intervalHours > days.get() * 24) {
      return Verdict.nonCompliant(
          "The rotation interval of "
              + describe(interval.get())
              + " is longer than maximumAllowedRotationFrequency ("
              + days.get()
              + " days).");
    }
    if (hours.isPresent() && intervalHours > hours.get()) {
      return Verdict.nonCompliant(
          "The rotation interval of "
              + describe(interval.get())
              + " is longer than maximumAllowedRotationFrequencyInHours ("
              + hours.get()
              + " hours).");
    }
    return Verdict.compliant();
  }

  /**
   * secretsmanager-scheduled-rotation-success-check: NOT_APPLICABLE while rotation is off;
   * NON_COMPLIANT when RotationOccurringAsScheduled is false; else COMPLIANT.
   */
  public static Verdict scheduledRotationSuccess(SecretState s) {
    if (!s.rotationEnabled()) {
      return Verdict.notApplicable("Rotation is not enabled for the secret.");
    }
    if (s.rotationOccurringAsScheduled().filter(ok -> !ok).isPresent()) {
      return Verdict.nonCompliant(
          "The secret was not rotated as scheduled"
              + s.nextRotationAt().map(d -> " (it was due by " + d + ")").orElse("")
              + ".");
    }
    return Verdict.compliant();
  }

  /**
   * secretsmanager-secret-periodic-rotation: NON_COMPLIANT when the secret was last rotated more
   * than maxDaysSinceRotation (default 90) days ago. A secret never rotated counts from its
   * creation [inferred].
   */
  public static Verdict periodicRotation(SecretState s, Map<String, String> params, Instant now) {
    long max = optionalInt(params, MAX_DAYS_SINCE_ROTATION).orElse((long) DEFAULT_DAYS);
    Instant since = s.lastRotatedAt().orElse(s.createdAt());
    if (Duration.between(since, now).compareTo(Duration.ofDays(max)) > 0) {
      return Verdict.nonCompliant(
          (s.lastRotatedAt().isPresent()
                  ? "The secret was last rotated on " + since
                  : "The secret was never rotated since its creation on " + since)
              + ", more than "
              + max
              + " days ago.");
    }
    return Verdict.compliant();
  }

  /**
   * secretsmanager-secret-unused: NON_COMPLIANT when the secret was last accessed more than
   * unusedForDays (default 90) days ago. LastAccessedDate has day resolution and counts from its
   * midnight UTC; a secret never accessed counts from its creation [inferred].
   */
  public static Verdict unused(SecretState s, Map<String, String> params, Instant now) {
    long max = optionalInt(params, UNUSED_FOR_DAYS).orElse((long) DEFAULT_DAYS);
    Instant since =
        s.lastAccessedDate()
            .map(d -> d.atStartOfDay().toInstant(ZoneOffset.UTC))
            .orElse(s.createdAt());
    if (Duration.between(since, now).compareTo(Duration.ofDays(max)) > 0) {
      return Verdict.nonCompliant(
          (s.lastAccessedDate().isPresent()
                  ? "The secret was last accessed on " + s.lastAccessedDate().get()
                  : "The secret was never accessed since its creation on " + since)
              + ", more than "
              + max
              + " days ago.");
    }
    return Verdict.compliant();
  }

  /**
   * secretsmanager-using-cmk: NON_COMPLIANT for the AWS managed key {@code aws/secretsmanager}, a
   * key in another account, a key that cannot be resolved, or (with kmsKeyArns) a key not in the
   * list; else COMPLIANT.
   */
  public static Verdict usingCmk(SecretState s, Map<String, String> params, KeyDirectory keys) {
    Optional<String> given = s.kmsKeyId();
    if (given.isEmpty()
        || given.get().equals(DEFAULT_KEY_ALIAS)
        || given.get().endsWith(":" + DEFAULT_KEY_ALIAS)) {
      return Verdict.nonCompliant(
          "The secret is encrypted with the AWS managed key aws/secretsmanager.");
    }
    String keyId = given.get();
    Optional<String> keyAccount = arnAccount(keyId);
    if (keyAccount.isPresent() && !keyAccount.get().equals(s.accountId())) {
      return Verdict.nonCompliant(
          "The secret is encrypted with a KMS key of another account (" + keyAccount.get() + ").");
    }
    Optional<KeyDirectory.KeyFacts> key = keys.describe(s.accountId(), s.region(), keyId);
    if (key.isEmpty()) {
      return Verdict.nonCompliant("The secret's KMS key " + keyId + " does not exist.");
    }
    if (key.get().awsManaged()) {
      return Verdict.nonCompliant("The secret is encrypted with an AWS managed key.");
    }
    if (!key.get().accountId().equals(s.accountId())) {
      return Verdict.nonCompliant(
          "The secret is encrypted with a KMS key of another account ("
              + key.get().accountId()
              + ").");
    }
    List<String> allowed = keyArns(params);
    if (!allowed.isEmpty() && !allowed.contains(key.get().arn())) {
      return Verdict.nonCompliant(
          "The secret's KMS key " + key.get().arn() + " is not one of kmsKeyArns.");
    }
    return Verdict.compliant();
  }

  /** The kmsKeyArns parameter as a list (comma-separated, blanks ignored). */
  static List<String> keyArns(Map<String, String> params) {
    String csv = params.get(KMS_KEY_ARNS);
    if (csv == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Arrays.stream(csv.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(out::add);
    return out;
  }

  private static Optional<String> arnAccount(String keyId) {
    if (!keyId.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] parts = keyId.split(":", 6);
    return parts.length == 6 ? Optional.of(parts[4]) : Optional.empty();
  }

  private static Optional<Long> optionalInt(Map<String, String> params, String key) {
    String v = params.get(key);
    return v == null ? Optional.empty() : Optional.of(positive(key, v));
  }

  private static long positive(String key, String value) {
    try {
      long n = Long.parseLong(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidParameterValueException(
        "The value '" + value + "' of the input parameter " + key + " must be a positive integer.");
  }

  private static String describe(Duration d) {
    long hours = d.toHours();
    return hours % 24 == 0 ? hours / 24 + " days" : hours + " hours";
  }
}
