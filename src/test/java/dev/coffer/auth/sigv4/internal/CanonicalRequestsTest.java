package dev.coffer.auth.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.auth.sigv4.CanonicalOptions;
import dev.coffer.auth.sigv4.SignableRequest.Header;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonicalization rules beyond what the published vectors pin down. */
class CanonicalRequestsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/, /",
    "'', /",
    "/a/b, /a/b",
    "/a/b/, /a/b/",
    "/a/b/.., /a/",
    "/a/./b, /a/b",
    "/a/.b, /a/.b",
    "/a/..b, /a/..b",
    "/a/b/../../.., /",
    "//a//b//, /a/b/",
    "/./, /",
    "/a/., /a/",
  })
  void canonicalUri_normalizing_removesDotAndEmptySegmentsKeepingTrailingSlash(
      String raw, String expected) {
    assertThat(CanonicalRequests.canonicalUri(raw, new CanonicalOptions(true, false)))
        .isEqualTo(expected);
  }

  @Test
  void canonicalUri_standard_encodesTheEncodedPathAgain() {
    // Non-S3 clients encode the path twice: the wire form %20 appears as %2520 (AWS SigV4 docs).
    assertThat(CanonicalRequests.canonicalUri("/my%20secret/a:b", CanonicalOptions.STANDARD))
        .isEqualTo("/my%2520secret/a%3Ab");
  }

  @Test
  void canonicalUri_s3_usesPathAsSent() {
    assertThat(CanonicalRequests.canonicalUri("/bucket//key%20x/./y", CanonicalOptions.S3))
        .isEqualTo("/bucket//key%20x/./y");
  }

  @Test
  void canonicalQuery_keyPrefixOfAnother_sortsByKeyThenValue() {
    // Sorting "key=value" strings would put "a-b=1" before "a=2" ('-' < '='); SigV4 sorts by key.
    assertThat(CanonicalRequests.canonicalQuery("a-b=1&a=2&a=1", CanonicalRequests.Omit.NOTHING))
        .isEqualTo("a=1&a=2&a-b=1");
  }

  @Test
  void canonicalQuery_rawAndEncodedForms_canonicalizeAlike() {
    assertThat(CanonicalRequests.canonicalQuery("k=a b/c~", CanonicalRequests.Omit.NOTHING))
        .isEqualTo(
            CanonicalRequests.canonicalQuery("k=a%20b%2Fc%7E", CanonicalRequests.Omit.NOTHING))
        .isEqualTo("k=a%20b%2Fc~");
  }

  @Test
  void canonicalQuery_plusSign_keptLiteral() {
    assertThat(CanonicalRequests.canonicalQuery("k=a+b", CanonicalRequests.Omit.NOTHING))
        .isEqualTo("k=a%2Bb");
  }

  @Test
  void canonicalQuery_keyWithoutValueAndEmptyPieces_valueEmptyPiecesDropped() {
    assertThat(CanonicalRequests.canonicalQuery("b&&a=&", CanonicalRequests.Omit.NOTHING))
        .isEqualTo("a=&b=");
  }

  @Test
  void canonicalQuery_malformedEscape_encodedLiterally() {
    assertThat(CanonicalRequests.canonicalQuery("k=%zz%4", CanonicalRequests.Omit.NOTHING))
        .isEqualTo("k=%25zz%254");
  }

  @Test
  void canonicalQuery_presigned_omitsSignatureAndOptionallyToken() {
    String query = "X-Amz-Signature=abc&X-Amz-Security-Token=t&p=1";

    assertThat(CanonicalRequests.canonicalQuery(query, CanonicalRequests.Omit.SIGNATURE))
        .isEqualTo("X-Amz-Security-Token=t&p=1");
    assertThat(CanonicalRequests.canonicalQuery(query, CanonicalRequests.Omit.SIGNATURE_AND_TOKEN))
        .isEqualTo("p=1");
  }

  @Test
  void canonicalHeaders_tabsLineFoldsAndRepeats_foldedAndJoinedInArrivalOrder() {
    StringBuilder out = new StringBuilder();
    CanonicalRequests.appendCanonicalHeaders(
        List.of(
            new Header("X-B", "\t two\t\twords \r\n  folded "),
            new Header("x-a", " 1 "),
            new Header("X-A", ""),
            new Header("X-a", "3")),
        List.of("x-a", "x-b"),
        out);

    assertThat(out).hasToString("x-a:1,,3\nx-b:two words folded\n");
  }

  @Test
  void canonicalHeaders_signedHeaderAbsent_writtenEmpty() {
    StringBuilder out = new StringBuilder();
    CanonicalRequests.appendCanonicalHeaders(List.of(), List.of("host"), out);

    assertThat(out).hasToString("host:\n");
  }
}
