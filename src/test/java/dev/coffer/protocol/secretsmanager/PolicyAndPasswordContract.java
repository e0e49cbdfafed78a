package dev.coffer.protocol.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.secretsmanager.model.PublicPolicyException;
import software.amazon.awssdk.services.secretsmanager.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyResponse;

/**
 * The resource-policy operations and GetRandomPassword through the AWS SDK for Java v2, on each
 * backend.
 */
abstract class PolicyAndPasswordContract extends OneServerContract {
  static final String ACCOUNT_ONLY =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"AWS":"arn:aws:iam::123456789012:root"},\
      "Action":"secretsmanager:GetSecretValue","Resource":"*"}]}\
      """;
  static final String PUBLIC =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*",\
      "Action":"secretsmanager:GetSecretValue","Resource":"*"}]}\
      """;
  static final String LOCKS_OUT =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Deny",\
      "Principal":{"AWS":"arn:aws:iam::123456789012:root"},\
      "Action":"secretsmanager:*","Resource":"*"}]}\
      """;
  static final String NO_PRINCIPAL =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Action":"secretsmanager:GetSecretValue","Resource":"*"}]}\
      """;

  String newSecret() {
    String name = "pol-" + UUID.randomUUID().toString().substring(0, 8);
    sm.createSecret(b -> b.name(name).secretString("v"));
    return name;
  }

  String deletedSecret() {
    String name = newSecret();
    sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
    return name;
  }

  static void assertErrorCode(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
  }

  // ---- PutResourcePolicy / GetResourcePolicy / DeleteResourcePolicy ----

  @Test
  void putResourcePolicy_thenGet_returnsThePolicyAsGiven() {
    String name = newSecret();
    PutResourcePolicyResponse put =
        sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY));
    assertThat(put.name()).isEqualTo(name);
    assertThat(put.arn()).contains(":secret:" + name + "-");

    GetResourcePolicyResponse got = sm.getResourcePolicy(b -> b.secretId(name));
    assertThat(got.arn()).isEqualTo(put.arn());
    assertThat(got.name()).isEqualTo(name);
    assertThat(got.resourcePolicy()).isEqualTo(ACCOUNT_ONLY);
  }

  @Test
  void putResourcePolicy_again_replacesThePolicy() {
    String name = newSecret();
    sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY));
    sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(PUBLIC));
    assertThat(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy()).isEqualTo(PUBLIC);
  }

  @Test
  void putResourcePolicy_publicPolicyWithoutBlock_isStored() {
    String name = newSecret();
    sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(PUBLIC).blockPublicPolicy(false));
    assertThat(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy()).isEqualTo(PUBLIC);
  }

  @Test
  void putResourcePolicy_publicPolicyWithBlock_isPublicPolicyExceptionAndKeepsOldPolicy() {
    String name = newSecret();
    sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY));
    assertThatThrownBy(() ->
            sm.putResourcePolicy(
                b -> b.secretId(name).resourcePolicy(PUBLIC).blockPublicPolicy(true)))
        .isInstanceOf(PublicPolicyException.class)
        .hasMessageContaining("did not prevent broad access to the secret");
    assertThat(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy())
        .isEqualTo(ACCOUNT_ONLY);
  }

  @Test
  void putResourcePolicy_accountOnlyPolicyWithBlock_isStored() {
    String name = newSecret();
    sm.putResourcePolicy(
        b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY).blockPublicPolicy(true));
    assertThat(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy())
        .isEqualTo(ACCOUNT_ONLY);
  }

  @Test
  void putResourcePolicy_malformed_isMalformedPolicyDocument() {
    String name = newSecret();
    assertThatThrownBy(
            () -> sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy("{\"Statement\": [")))
        .isInstanceOf(MalformedPolicyDocumentException.class);
    assertThatThrownBy(
            () -> sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(NO_PRINCIPAL)))
        .isInstanceOf(MalformedPolicyDocumentException.class);
    assertThat(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy()).isNull();
  }

  @Test
  void putResourcePolicy_longerThan20480Characters_isValidationException() {
    String name = newSecret();
    String padded = ACCOUNT_ONLY + " ".repeat(20_481 - ACCOUNT_ONLY.length());
    assertThatThrownBy(() -> sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(padded)))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .endsWith(
                      "at 'resourcePolicy' failed to satisfy constraint: Member must have length"
                          + " less than or equal to 20480");
            });
    String exactly = ACCOUNT_ONLY + " ".repeat(20_480 - ACCOUNT_ONLY.length());
    sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(exactly));
  }

  @Test
  void putResourcePolicy_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() ->
            sm.putResourcePolicy(b -> b.secretId("no-such-secret").resourcePolicy(ACCOUNT_ONLY)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void putResourcePolicy_secretMarkedForDeletion_isInvalidRequest() {
    String name = deletedSecret();
    assertThatThrownBy(
            () -> sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("marked for deletion");
  }

  @Test
  void putResourcePolicy_missingPolicy_isValidationException() {
    String name = newSecret();
    assertErrorCode(() -> sm.putResourcePolicy(b -> b.secretId(name)), "ValidationException");
  }

  @Test
  void getResourcePolicy_withoutPolicy_omitsResourcePolicy() {
    String name = newSecret();
    GetResourcePolicyResponse got = sm.getResourcePolicy(b -> b.secretId(name));
    assertThat(got.name()).isEqualTo(name);
    assertThat(got.arn()).isNotBlank();
    assertThat(got.resourcePolicy()).isNull();
  }

  @Test
  void getResourcePolicy_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() -> sm.getResourcePolicy(b -> b.secretId("no-such-secret")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void getResourcePolicy_secretMarkedForDeletion_stillAnswers() {
    String name = newSecret();
    sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY));
    sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
    assertThat(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy())
        .isEqualTo(ACCOUNT_ONLY);
  }

  @Test
  void deleteResourcePolicy_removesPolicyAndIsRepeatable() {
    String name = newSecret();
    sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY));
    var deleted = sm.deleteResourcePolicy(b -> b.secretId(name));
    assertThat(deleted.name()).isEqualTo(name);
    assertThat(deleted.arn()).contains(":secret:" + name + "-");
    assertThat(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy()).isNull();
    assertThat(sm.deleteResourcePolicy(b -> b.secretId(name)).name()).isEqualTo(name);
  }

  @Test
  void deleteResourcePolicy_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() -> sm.deleteResourcePolicy(b -> b.secretId("no-such-secret")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteResourcePolicy_secretMarkedForDeletion_isInvalidRequest() {
    String name = deletedSecret();
    assertThatThrownBy(() -> sm.deleteResourcePolicy(b -> b.secretId(name)))
        .isInstanceOf(InvalidRequestException.class);
  }

  // ---- ValidateResourcePolicy ----

  @Test
  void validateResourcePolicy_accountOnlyPolicy_passes() {
    String name = newSecret();
    ValidateResourcePolicyResponse r =
        sm.validateResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY));
    assertThat(r.policyValidationPassed()).isTrue();
    assertThat(r.validationErrors()).isEmpty();
  }

  @Test
  void validateResourcePolicy_withoutSecretId_checksThePolicyAlone() {
    ValidateResourcePolicyResponse r =
        sm.validateResourcePolicy(b -> b.resourcePolicy(ACCOUNT_ONLY));
    assertThat(r.policyValidationPassed()).isTrue();
    assertThat(r.validationErrors()).isEmpty();
  }

  @Test
  void validateResourcePolicy_publicPolicy_failsBroadAccessCheck() {
    ValidateResourcePolicyResponse r = sm.validateResourcePolicy(b -> b.resourcePolicy(PUBLIC));
    assertThat(r.policyValidationPassed()).isFalse();
    assertThat(r.validationErrors()).hasSize(1);
    assertThat(r.validationErrors().get(0).checkName()).isEqualTo("BROAD_ACCESS_CHECK");
    assertThat(r.validationErrors().get(0).errorMessage()).contains("Everyone");
  }

  @Test
  void validateResourcePolicy_syntaxError_failsSyntaxCheck() {
    ValidateResourcePolicyResponse r =
        sm.validateResourcePolicy(b -> b.resourcePolicy(NO_PRINCIPAL));
    assertThat(r.policyValidationPassed()).isFalse();
    assertThat(r.validationErrors()).hasSize(1);
    assertThat(r.validationErrors().get(0).checkName()).isEqualTo("SYNTAX_CHECK");
    assertThat(r.validationErrors().get(0).errorMessage()).isNotBlank();
  }

  @Test
  void validateResourcePolicy_denyingTheCaller_failsLockoutCheck() {
    ValidateResourcePolicyResponse r = sm.validateResourcePolicy(b -> b.resourcePolicy(LOCKS_OUT));
    assertThat(r.policyValidationPassed()).isFalse();
    assertThat(r.validationErrors())
        .extracting(e -> e.checkName())
        .containsExactly("LOCKOUT_CHECK");
  }

  @Test
  void validateResourcePolicy_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() ->
            sm.validateResourcePolicy(b -> b.secretId("no-such-secret").resourcePolicy(PUBLIC)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void validateResourcePolicy_missingPolicy_isValidationException() {
    assertErrorCode(() -> sm.validateResourcePolicy(b -> {}), "ValidationException");
  }

  // ---- GetRandomPassword ----

  @Test
  void getRandomPassword_defaults_give32CharactersOfEveryType() {
    String p = sm.getRandomPassword(b -> {}).randomPassword();
    assertThat(p).hasSize(32);
    assertThat(p).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]");
    assertThat(p).containsPattern("[^A-Za-z0-9]").doesNotContain(" ");
  }

  @Test
  void getRandomPassword_everyOption_isApplied() {
    String p =
        sm.getRandomPassword(b ->
                b.passwordLength(64L)
                    .excludeCharacters("abcXYZ")
                    .excludePunctuation(true)
                    .excludeNumbers(false)
                    .excludeUppercase(false)
                    .excludeLowercase(false)
                    .includeSpace(true)
                    .requireEachIncludedType(true))
            .randomPassword();
    assertThat(p).hasSize(64).matches("[A-Za-z0-9 ]+").doesNotContainPattern("[abcXYZ]");
    assertThat(p).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]");

    String digits =
        sm.getRandomPassword(b ->
                b.passwordLength(16L)
                    .excludeUppercase(true)
                    .excludeLowercase(true)
                    .excludePunctuation(true))
            .randomPassword();
    assertThat(digits).matches("[0-9]{16}");
  }

  @Test
  void getRandomPassword_withoutRequiringEachType_allowsOneCharacter() {
    String p =
        sm.getRandomPassword(b -> b.passwordLength(1L).requireEachIncludedType(false))
            .randomPassword();
    assertThat(p).hasSize(1);
  }

  @Test
  void getRandomPassword_lengthOutOfRange_isValidationException() {
    assertThatThrownBy(() -> sm.getRandomPassword(b -> b.passwordLength(5000L)))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo(
                        "1 validation error detected: Value '5000' at 'passwordLength' failed to"
                            + " satisfy constraint: Member must have value less than or equal to"
                            + " 4096"));
    assertErrorCode(() -> sm.getRandomPassword(b -> b.passwordLength(0L)), "ValidationException");
  }

  @Test
  void getRandomPassword_shorterThanRequiredTypes_isInvalidParameter() {
    assertThatThrownBy(() -> sm.getRandomPassword(b -> b.passwordLength(3L)))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Password length is too short based on the required types."));
  }

  @Test
  void getRandomPassword_everyCharacterExcluded_isInvalidParameter() {
    assertThatThrownBy(() ->
            sm.getRandomPassword(b ->
                b.excludeUppercase(true)
                    .excludeLowercase(true)
                    .excludeNumbers(true)
                    .excludePunctuation(true)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("every character type is excluded");
  }
}
