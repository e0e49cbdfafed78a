package dev.coffer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Checks of the errors the AWS SDK clients raise from the server's error answers. */
public final class AwsErrors {
  private AwsErrors() {}

  /** The AWS error code the server answered with; fails the test if {@code t} is not one. */
  public static String code(Throwable t) {
    assertThat(t).isInstanceOf(AwsServiceException.class);
    return ((AwsServiceException) t).awsErrorDetails().errorCode();
  }

  /**
   * Asserts that {@code call} fails with the AWS error {@code code}; returns the assertion so that
   * a test can check more of the error.
   */
  public static AbstractThrowableAssert<?, ? extends Throwable> assertAwsError(
      ThrowingCallable call, String code) {
    return assertThatThrownBy(call)
        .isInstanceOf(AwsServiceException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo(code));
  }
}
