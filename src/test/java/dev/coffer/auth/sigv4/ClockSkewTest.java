package dev.coffer.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidSignatureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The clock-skew window: inclusive at both ends, whole seconds, AWS's wording outside it. */
class ClockSkewTest {
  private static final Instant T = TestKeys.TIME; // 20150830T123600Z

  private static final SignableRequest SIGNED =
      SigV4Signer.of(Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET), "us-east-1", "svc")
          .sign(
              SignableRequest.builder("POST", "/")
                  .header("Host", "localhost:8443")
                  .body("{}")
                  .build(),
              T)
          .signedRequest();

  private static Authenticated verifyAt(Instant now, Duration skew) {
    return new SigV4Verifier(TestKeys.lookup(), Clock.fixed(now, ZoneOffset.UTC), skew)
        .verify(SIGNED, "svc");
  }

  private static Authenticated verifyAt(Instant now) {
    return verifyAt(now, SigV4Verifier.DEFAULT_ALLOWED_SKEW);
  }

  @Test
  void verify_exactlyFiveMinutesOld_accepted() {
    assertThat(verifyAt(T.plusSeconds(300)).signingTime()).isEqualTo(T);
  }

  @Test
  void verify_fiveMinutesAndASecondOld_signatureExpired() {
    assertThatThrownBy(() -> verifyAt(T.plusSeconds(301)))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessage(
            "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z"
                + " (20150830T124101Z - 5 min.)");
  }

  @Test
  void verify_clockFractionPastBoundary_stillAccepted() {
    // The timestamp has whole seconds, so the clock is compared at whole seconds too.
    assertThat(verifyAt(T.plusMillis(300_999)).signingTime()).isEqualTo(T);
  }

  @Test
  void verify_exactlyFiveMinutesAhead_accepted() {
    assertThat(verifyAt(T.minusSeconds(300)).signingTime()).isEqualTo(T);
  }

  @Test
  void verify_fiveMinutesAndASecondAhead_signatureNotYetCurrent() {
    assertThatThrownBy(() -> verifyAt(T.minusSeconds(301)))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessage(
            "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z"
                + " (20150830T123059Z + 5 min.)");
  }

  @Test
  void verify_configuredFifteenMinuteSkew_messageNamesIt() {
    assertThat(verifyAt(T.plusSeconds(900), Duration.ofMinutes(15)).signingTime()).isEqualTo(T);
    assertThatThrownBy(() -> verifyAt(T.plusSeconds(901), Duration.ofMinutes(15)))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageEndingWith("(20150830T125101Z - 15 min.)");
  }
}
