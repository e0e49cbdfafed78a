package dev.coffer.secrets;

import java.util.Objects;

/**
 * One rotation run to perform: call the rotation function {@code functionArn} for the secret {@code
 * secretArn} with the version id {@code token}, whose AWSPENDING placeholder already exists.
 *
 * @param secretArn the secret's ARN, sent as {@code SecretId}
 * @param functionArn the rotation function (RotationLambdaARN)
 * @param token the version being made, sent as {@code ClientRequestToken}
 * @param mode which steps to run
 */
public record RotationJob(String secretArn, String functionArn, String token, Mode mode) {

  /** Which of the rotation function's steps a run invokes. */
  public enum Mode {
    /** createSecret, setSecret, testSecret and finishSecret, in that order. */
    ROTATE,
    /**
     * testSecret only: RotateSecret with RotateImmediately=false "tests the rotation configuration
     * by running the testSecret step" (API reference, RotateSecret).
     */
    TEST
  }

  public RotationJob {
    Objects.requireNonNull(secretArn, "secretArn");
    Objects.requireNonNull(functionArn, "functionArn");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(mode, "mode");
  }
}
