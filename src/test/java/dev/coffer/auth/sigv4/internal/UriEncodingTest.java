package dev.coffer.auth.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** SigV4 URI encoding: unreserved characters kept, every other UTF-8 byte as upper-case %XY. */
class UriEncodingTest {

  @Test
  void encodeLiteral_reservedAndUnicode_percentEncodedUpperCase() {
    assertThat(UriEncoding.encodeLiteral("a b/~*'é\uD83D\uDE00", false))
        .isEqualTo("a%20b%2F~%2A%27%C3%A9%F0%9F%98%80");
  }

  @Test
  void encodeLiteral_pathMode_keepsSlash() {
    assertThat(UriEncoding.encodeLiteral("/a b/", true)).isEqualTo("/a%20b/");
  }

  @Test
  void encodeLiteral_unpairedSurrogate_encodedAsReplacementCharacter() {
    assertThat(UriEncoding.encodeLiteral("\uD800", false)).isEqualTo("%EF%BF%BD");
  }

  @Property
  void encodeQueryComponent_anyText_sameAsEncodingItsPercentEncodedForm(@ForAll String text) {
    String raw = UriEncoding.encodeLiteral(text, false);
    StringBuilder fromRaw = new StringBuilder();
    UriEncoding.encodeQueryComponent(raw, 0, raw.length(), fromRaw);
    String javaForm = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    StringBuilder fromJava = new StringBuilder();
    UriEncoding.encodeQueryComponent(javaForm, 0, javaForm.length(), fromJava);

    assertThat(fromRaw).hasToString(raw);
    assertThat(fromJava).hasToString(raw);
  }

  @Property
  void decodeQueryComponent_encodedText_roundTrips(@ForAll String text) {
    String encoded = UriEncoding.encodeLiteral(text, false);
    String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

    assertThat(UriEncoding.decodeQueryComponent(encoded, 0, encoded.length())).isEqualTo(expected);
  }
}
