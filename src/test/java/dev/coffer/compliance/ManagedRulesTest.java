package dev.coffer.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidParameterValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The conditions of the five managed rules (compliance-and-iam.md §1.1), on constructed states. */
class ManagedRulesTest {
  static final String ACCOUNT = "111122223333";
  static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final String CMK =
      "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/11111111-2222-3333-4444-555555555555";
  static final KeyDirectory KEYS =
      (account, region, keyId) ->
          switch (keyId) {
            case "11111111-2222-3333-4444-555555555555", "alias/app", CMK ->
                Optional.of(new KeyDirectory.KeyFacts(CMK, ACCOUNT, false));
            case "alias/managed" ->
                Optional.of(
                    new KeyDirectory.KeyFacts(
                        "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/aws", ACCOUNT, true));
            default -> Optional.empty();
          };

  /**
   * A secret of {@link #ACCOUNT} in us-east-1 created at {@link #CREATED}; its fields start as
   * {@link #secret()} has them (no key, rotation, dates, tags or policy) and a test sets the ones
   * it is about before {@link #build()}.
   */
  static final class Fixture {
    Optional<String> kmsKeyId = Optional.empty();
    boolean rotationEnabled;
    Optional<String> rotationLambdaArn = Optional.empty();
    SecretState.RotationRules rotationRules = SecretState.RotationRules.none();
    Optional<Boolean> rotationOccurringAsScheduled = Optional.empty();
    Optional<Instant> lastRotatedAt = Optional.empty();
    Optional<Instant> nextRotationAt = Optional.empty();
    Optional<LocalDate> lastAccessedDate = Optional.empty();
    Map<String, String> tags = Map.of();

    SecretState build() {
      return new SecretState(
          ACCOUNT,
          "us-east-1",
          "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:app-AbCdEf",
          "app",
          Optional.empty(),
          kmsKeyId,
          rotationEnabled,
          rotationLambdaArn,
          rotationRules,
          rotationOccurringAsScheduled,
          CREATED,
          lastRotatedAt,
          nextRotationAt,
          lastAccessedDate,
          false,
          tags,
          Optional.empty());
    }
  }

  static SecretState secret() {
    return new Fixture().build();
  }

  static SecretState rotating(SecretState.RotationRules rules, Optional<Boolean> asScheduled) {
    Fixture f = new Fixture();
    f.rotationEnabled = true;
    f.rotationLambdaArn = Optional.of("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:rotator");
    f.rotationRules = rules;
    f.rotationOccurringAsScheduled = asScheduled;
    f.nextRotationAt = Optional.of(NOW.plus(Duration.ofDays(1)));
    return f.build();
  }

  static SecretState.RotationRules days(long n) {
    return new SecretState.RotationRules(Optional.of(n), Optional.empty(), Optional.empty());
  }

  static SecretState.RotationRules expression(String e) {
    return new SecretState.RotationRules(Optional.empty(), Optional.of(e), Optional.empty());
  }

  static SecretState withRotated(Optional<Instant> rotated, Optional<LocalDate> accessed) {
    Fixture f = new Fixture();
    f.lastRotatedAt = rotated;
    f.lastAccessedDate = accessed;
    return f.build();
  }

  static SecretState withKey(String keyId) {
    Fixture f = new Fixture();
    f.kmsKeyId = Optional.of(keyId);
    return f.build();
  }

  // ---- secretsmanager-rotation-enabled-check ----

  @Test
  void rotationEnabledCheck_rotationOff_nonCompliant() {
    Verdict v = ManagedRules.rotationEnabled(secret(), Map.of());
    assertThat(v.type()).isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(v.annotation()).contains("Rotation is not enabled for the secret.");
  }

  @Test
  void rotationEnabledCheck_rotationOnWithoutLimit_compliant() {
    assertThat(
            ManagedRules.rotationEnabled(rotating(days(400), Optional.of(true)), Map.of()).type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  @Test
  void rotationEnabledCheck_intervalLongerThanDays_nonCompliant() {
    var params = Map.of("maximumAllowedRotationFrequency", "30");
    assertThat(ManagedRules.rotationEnabled(rotating(days(31), Optional.of(true)), params).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(ManagedRules.rotationEnabled(rotating(days(30), Optional.of(true)), params).type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  @Test
  void rotationEnabledCheck_hoursLimit_comparesHours() {
    var params = Map.of("maximumAllowedRotationFrequencyInHours", "6");
    assertThat(
            ManagedRules.rotationEnabled(
                    rotating(expression("rate(4 hours)"), Optional.of(true)), params)
                .type())
        .isEqualTo(ComplianceType.COMPLIANT);
    assertThat(ManagedRules.rotationEnabled(rotating(days(1), Optional.of(true)), params).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  @Test
  void rotationEnabledCheck_bothLimits_bothMustHold() {
    var params =
        Map.of(
            "maximumAllowedRotationFrequency", "10",
            "maximumAllowedRotationFrequencyInHours", "48");
    assertThat(ManagedRules.rotationEnabled(rotating(days(5), Optional.of(true)), params).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(ManagedRules.rotationEnabled(rotating(days(2), Optional.of(true)), params).type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  @Test
  void rotationEnabledCheck_cron_usesLongestGap() {
    // The first of each month: the longest gap is 31 days.
    var cron = rotating(expression("cron(0 8 1 * ? *)"), Optional.of(true));
    assertThat(
            ManagedRules.rotationEnabled(cron, Map.of("maximumAllowedRotationFrequency", "30"))
                .type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(
            ManagedRules.rotationEnabled(cron, Map.of("maximumAllowedRotationFrequency", "31"))
                .type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  // ---- secretsmanager-scheduled-rotation-success-check ----

  @Test
  void scheduledRotationSuccess_rotationOff_notApplicable() {
    assertThat(ManagedRules.scheduledRotationSuccess(secret()).type())
        .isEqualTo(ComplianceType.NOT_APPLICABLE);
  }

  @Test
  void scheduledRotationSuccess_followsRotationOccurringAsScheduled() {
    assertThat(ManagedRules.scheduledRotationSuccess(rotating(days(30), Optional.of(false))).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(ManagedRules.scheduledRotationSuccess(rotating(days(30), Optional.of(true))).type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  // ---- secretsmanager-secret-periodic-rotation ----

  @Test
  void periodicRotation_rotatedWithinLimit_compliant() {
    var s = withRotated(Optional.of(NOW.minus(Duration.ofDays(90))), Optional.empty());
    assertThat(ManagedRules.periodicRotation(s, Map.of(), NOW).type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  @Test
  void periodicRotation_rotatedLongerAgoThanDefault90Days_nonCompliant() {
    var s =
        withRotated(Optional.of(NOW.minus(Duration.ofDays(90)).minusSeconds(1)), Optional.empty());
    Verdict v = ManagedRules.periodicRotation(s, Map.of(), NOW);
    assertThat(v.type()).isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(v.annotation().orElseThrow()).contains("more than 90 days ago");
  }

  @Test
  void periodicRotation_neverRotated_countsFromCreation() {
    var s = withRotated(Optional.empty(), Optional.empty());
    // Created 151 days before NOW.
    assertThat(ManagedRules.periodicRotation(s, Map.of("maxDaysSinceRotation", "200"), NOW).type())
        .isEqualTo(ComplianceType.COMPLIANT);
    assertThat(ManagedRules.periodicRotation(s, Map.of("maxDaysSinceRotation", "150"), NOW).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  // ---- secretsmanager-secret-unused ----

  @Test
  void unused_accessedRecently_compliant() {
    var s = withRotated(Optional.empty(), Optional.of(LocalDate.parse("2026-05-30")));
    assertThat(ManagedRules.unused(s, Map.of("unusedForDays", "3"), NOW).type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  @Test
  void unused_lastAccessOlderThanLimit_nonCompliant() {
    var s = withRotated(Optional.empty(), Optional.of(LocalDate.parse("2026-05-29")));
    // Midnight of 05-29 is 3.5 days before NOW.
    assertThat(ManagedRules.unused(s, Map.of("unusedForDays", "3"), NOW).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  @Test
  void unused_neverAccessed_countsFromCreationWithDefault90() {
    var s = withRotated(Optional.empty(), Optional.empty());
    assertThat(ManagedRules.unused(s, Map.of(), CREATED.plus(Duration.ofDays(90))).type())
        .isEqualTo(ComplianceType.COMPLIANT);
    assertThat(ManagedRules.unused(s, Map.of(), CREATED.plus(Duration.ofDays(91))).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  // ---- secretsmanager-using-cmk ----

  @Test
  void usingCmk_defaultKey_nonCompliant() {
    assertThat(ManagedRules.usingCmk(secret(), Map.of(), KEYS).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(ManagedRules.usingCmk(withKey("alias/aws/secretsmanager"), Map.of(), KEYS).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(ManagedRules.usingCmk(withKey("alias/managed"), Map.of(), KEYS).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  @Test
  void usingCmk_customerKey_compliant() {
    assertThat(ManagedRules.usingCmk(withKey("alias/app"), Map.of(), KEYS).type())
        .isEqualTo(ComplianceType.COMPLIANT);
  }

  @Test
  void usingCmk_crossAccountOrUnknownKey_nonCompliant() {
    assertThat(
            ManagedRules.usingCmk(
                    withKey("arn:aws:kms:us-east-1:999988887777:key/x"), Map.of(), KEYS)
                .type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(ManagedRules.usingCmk(withKey("alias/gone"), Map.of(), KEYS).type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  @Test
  void usingCmk_kmsKeyArns_requiresMembership() {
    assertThat(
            ManagedRules.usingCmk(withKey("alias/app"), Map.of("kmsKeyArns", "a, " + CMK), KEYS)
                .type())
        .isEqualTo(ComplianceType.COMPLIANT);
    assertThat(
            ManagedRules.usingCmk(
                    withKey("alias/app"),
                    Map.of("kmsKeyArns", "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/other"),
                    KEYS)
                .type())
        .isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  // ---- parameters ----

  @Test
  void validate_unknownOrNonPositiveParameters_refused() {
    assertThatThrownBy(
            () -> ManagedRules.validate(ManagedRule.SECRET_UNUSED, Map.of("maxDays", "3")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Unknown parameters");
    assertThatThrownBy(
            () -> ManagedRules.validate(ManagedRule.SECRET_UNUSED, Map.of("unusedForDays", "0")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("unusedForDays");
    ManagedRules.validate(ManagedRule.SECRET_UNUSED, Map.of("unusedForDays", "30"));
  }
}
