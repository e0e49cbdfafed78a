package dev.coffer.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.auth.sigv4.SignableRequest.Header;
import dev.coffer.core.error.InvalidSignatureException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties (jqwik): signer and verifier agree on any request, and any change to a signed part
 * breaks the signature. Named {@code *Test} so Surefire's default includes pick it up.
 */
class SignerVerifierRoundTripTest {
  private static final Instant T = TestKeys.TIME;
  private static final SigV4Verifier VERIFIER =
      new SigV4Verifier(TestKeys.lookup(Optional.of("tok/en+=")), TestKeys.CLOCK);
  private static final SigV4Signer SIGNER =
      SigV4Signer.of(
          Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET, "tok/en+="),
          TestKeys.REGION,
          TestKeys.SERVICE);

  /** The parts of a signed request a mutation can touch. */
  enum Mutation {
    METHOD,
    PATH,
    QUERY_ADDED,
    QUERY_VALUE,
    HEADER_VALUE,
    HOST,
    BODY,
    DATE
  }

  @Property(tries = 300)
  void signThenVerify_randomRequest_accepted(@ForAll("requests") SignableRequest request) {
    SignableRequest signed = SIGNER.sign(request, T).signedRequest();

    Authenticated result = VERIFIER.verify(signed, TestKeys.SERVICE);

    assertThat(result.accessKeyId()).isEqualTo(TestKeys.ACCESS_KEY_ID);
  }

  @Property(tries = 200)
  void presignThenVerify_randomRequest_accepted(@ForAll("requests") SignableRequest request) {
    SignableRequest presigned = SIGNER.presign(request, T, Duration.ofMinutes(15)).signedRequest();

    assertThat(VERIFIER.verify(presigned, TestKeys.SERVICE).signingTime()).isEqualTo(T);
  }

  @Property(tries = 400)
  void signThenVerify_signedPartMutated_rejected(
      @ForAll("requests") SignableRequest request, @ForAll Mutation mutation) {
    SignableRequest signed = SIGNER.sign(request, T).signedRequest();
    SignableRequest mutated = mutate(signed, mutation);

    assertThatThrownBy(() -> VERIFIER.verify(mutated, TestKeys.SERVICE))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Property(tries = 200)
  void presignThenVerify_signedPartMutated_rejected(
      @ForAll("requests") SignableRequest request, @ForAll Mutation mutation) {
    SignableRequest presigned = SIGNER.presign(request, T, Duration.ofMinutes(15)).signedRequest();
    SignableRequest mutated = mutate(presigned, mutation);

    assertThatThrownBy(() -> VERIFIER.verify(mutated, TestKeys.SERVICE))
        .isInstanceOf(InvalidSignatureException.class);
  }

  private static SignableRequest mutate(SignableRequest signed, Mutation mutation) {
    return switch (mutation) {
      case METHOD ->
          new SignableRequest(
              signed.method().equals("PUT") ? "POST" : "PUT",
              signed.rawPath(),
              signed.rawQuery(),
              signed.headers(),
              signed.body());
      case PATH ->
          new SignableRequest(
              signed.method(),
              signed.rawPath() + "x",
              signed.rawQuery(),
              signed.headers(),
              signed.body());
      case QUERY_ADDED ->
          signed.withRawQuery(
              signed.rawQuery() + (signed.rawQuery().isEmpty() ? "" : "&") + "zz=1");
      case QUERY_VALUE -> signed.withRawQuery("a=1&" + signed.rawQuery());
      case HEADER_VALUE -> appendToFirst(signed, "X-Test-A");
      case HOST -> appendToFirst(signed, "Host");
      case BODY -> {
        byte[] body = signed.body();
        byte[] changed = java.util.Arrays.copyOf(body, body.length + 1);
        if (body.length > 0) {
          changed = body.clone();
          changed[0] ^= 1;
        }
        yield signed.withBody(changed);
      }
      case DATE -> VerifierChecks.changeDate(signed);
    };
  }

  /** Appends a visible character to the first header named {@code name}. */
  private static SignableRequest appendToFirst(SignableRequest request, String name) {
    List<Header> headers = new ArrayList<>();
    boolean done = false;
    for (Header header : request.headers()) {
      if (!done && header.name().equalsIgnoreCase(name)) {
        headers.add(new Header(header.name(), header.value() + "!"));
        done = true;
      } else {
        headers.add(header);
      }
    }
    return request.withHeaders(headers);
  }

  @Provide
  Arbitrary<SignableRequest> requests() {
    Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    Arbitrary<String> path =
        text()
            .list()
            .ofMaxSize(4)
            .map(segments ->
                "/"
                    + String.join(
                        "/", segments.stream().map(SignerVerifierRoundTripTest::encode).toList()));
    Arbitrary<String> query =
        Combinators.combine(text(), text())
            .as(Tuple::of)
            .list()
            .ofMaxSize(4)
            .map(pairs ->
                String.join(
                    "&",
                    pairs.stream().map(p -> encode(p.get1()) + "=" + encode(p.get2())).toList()));
    Arbitrary<List<Header>> headers =
        Combinators.combine(
                Arbitraries.of("X-Test-A", "x-test-a", "X-Test-B", "X-Amz-Target", "Content-Type"),
                headerValue())
            .as(Header::new)
            .list()
            .ofMaxSize(6);
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    return Combinators.combine(method, path, query, headers, body)
        .as((m, p, q, h, b) -> {
          SignableRequest.Builder builder =
              SignableRequest.builder(m, p).rawQuery(q).header("Host", "coffer.test:8443");
          h.forEach(x -> builder.header(x.name(), x.value()));
          // A header that is always there, so the header mutation always has a target.
          builder.header("X-Test-A", "present");
          return builder.body(b).build();
        });
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withChars("aZ09-_.~ /%+=&;é")
        .withCharRange('\u4e00', '\u4e05')
        .ofMaxLength(8);
  }

  private static Arbitrary<String> headerValue() {
    return Arbitraries.strings().withChars("ab c\t,;:=\"").ofMaxLength(12);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
