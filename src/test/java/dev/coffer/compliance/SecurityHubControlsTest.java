package dev.coffer.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidParameterValueException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Security Hub controls SecretsManager.1–.5 (compliance-and-iam.md §2) on constructed states. */
class SecurityHubControlsTest {
  static SecretState tagged(Map<String, String> tags) {
    ManagedRulesTest.Fixture f = new ManagedRulesTest.Fixture();
    f.tags = tags;
    return f.build();
  }

  static ControlFinding only(SecretState s, SecurityControl c, Map<String, List<String>> params) {
    List<ControlFinding> f =
        SecurityHubControls.evaluate(List.of(s), List.of(c), params, ManagedRulesTest.NOW);
    assertThat(f).hasSize(1);
    return f.get(0);
  }

  @Test
  void secretsManager5_noTagsOrOnlySystemTags_failed() {
    assertThat(only(tagged(Map.of()), SecurityControl.SECRETS_MANAGER_5, Map.of()).status())
        .isEqualTo("FAILED");
    assertThat(
            only(
                    tagged(Map.of("aws:cloudformation:stack-name", "x")),
                    SecurityControl.SECRETS_MANAGER_5,
                    Map.of())
                .status())
        .isEqualTo("FAILED");
  }

  @Test
  void secretsManager5_requiredTagKeys_allPresentPasses() {
    var params = Map.of("SecretsManager.5", List.of("team", "env"));
    assertThat(
            only(tagged(Map.of("team", "a")), SecurityControl.SECRETS_MANAGER_5, params).status())
        .isEqualTo("FAILED");
    ControlFinding ok =
        only(tagged(Map.of("team", "a", "env", "prod")), SecurityControl.SECRETS_MANAGER_5, params);
    assertThat(ok.status()).isEqualTo("PASSED");
    assertThat(ok.parameters()).containsEntry("requiredTagKeys", List.of("team", "env"));
  }

  @Test
  void secretsManager2_rotationOff_notAvailableAndArchived() {
    ControlFinding f = only(tagged(Map.of()), SecurityControl.SECRETS_MANAGER_2, Map.of());
    assertThat(f.status()).isEqualTo("NOT_AVAILABLE");
    assertThat(f.archived()).isTrue();
  }

  @Test
  void secretsManager4_defaultsTo90Days_andHonoursItsParameter() {
    // Never rotated, created 151 days before NOW.
    ControlFinding f = only(tagged(Map.of()), SecurityControl.SECRETS_MANAGER_4, Map.of());
    assertThat(f.status()).isEqualTo("FAILED");
    assertThat(f.parameters()).containsEntry("maxDaysSinceRotation", List.of("90"));
    assertThat(
            only(
                    tagged(Map.of()),
                    SecurityControl.SECRETS_MANAGER_4,
                    Map.of("SecretsManager.4", List.of("180")))
                .status())
        .isEqualTo("PASSED");
  }

  @Test
  void secretsManager1_failsWithoutRotation_passesWithIt() {
    assertThat(only(tagged(Map.of()), SecurityControl.SECRETS_MANAGER_1, Map.of()).status())
        .isEqualTo("FAILED");
    SecretState rotating = ManagedRulesTest.rotating(ManagedRulesTest.days(30), Optional.of(true));
    assertThat(only(rotating, SecurityControl.SECRETS_MANAGER_1, Map.of()).status())
        .isEqualTo("PASSED");
    assertThat(
            only(
                    rotating,
                    SecurityControl.SECRETS_MANAGER_1,
                    Map.of("SecretsManager.1", List.of("7")))
                .status())
        .isEqualTo("FAILED");
  }

  @Test
  void secretsManager3_unusedSinceCreation_failedAfter90Days() {
    SecretState s = tagged(Map.of());
    List<ControlFinding> early =
        SecurityHubControls.evaluate(
            List.of(s),
            List.of(SecurityControl.SECRETS_MANAGER_3),
            Map.of(),
            s.createdAt().plus(Duration.ofDays(30)));
    assertThat(early.get(0).status()).isEqualTo("PASSED");
    assertThat(only(s, SecurityControl.SECRETS_MANAGER_3, Map.of()).status()).isEqualTo("FAILED");
  }

  @Test
  void parameters_outOfRange_refused() {
    assertThatThrownBy(() ->
            only(
                tagged(Map.of()),
                SecurityControl.SECRETS_MANAGER_4,
                Map.of("SecretsManager.4", List.of("181"))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("1 to 180");
    assertThatThrownBy(() ->
            only(
                tagged(Map.of()),
                SecurityControl.SECRETS_MANAGER_5,
                Map.of("SecretsManager.5", List.of("a", "b", "c", "d", "e", "f", "g"))))
        .isInstanceOf(InvalidParameterValueException.class);
  }
}
