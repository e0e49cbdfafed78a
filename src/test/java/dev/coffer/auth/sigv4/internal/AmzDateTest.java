package dev.coffer.auth.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmzDateTest {

  @Test
  void parse_basicFormat_instant() {
    assertThat(AmzDate.parse("20150830T123600Z")).contains(Instant.parse("2015-08-30T12:36:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "20150830T123600",
        "2015-08-30T12:36:00Z",
        "20151330T123600Z",
        "20150230T123600Z",
        "20150830T253600Z",
        "20150830X123600Z",
        "2015083aT123600Z",
        "20150830T123600z"
      })
  void parse_malformed_empty(String text) {
    assertThat(AmzDate.parse(text)).isEmpty();
  }

  @Test
  void format_instantWithFraction_truncatedToSeconds() {
    assertThat(AmzDate.format(Instant.parse("2015-08-30T12:36:00.999Z")))
        .isEqualTo("20150830T123600Z");
  }

  @Test
  void parseHttpDate_rfc1123_instant() {
    assertThat(AmzDate.parseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT"))
        .contains(Instant.parse("2015-08-30T12:36:00Z"));
    assertThat(AmzDate.parseHttpDate("yesterday")).isEmpty();
  }
}
