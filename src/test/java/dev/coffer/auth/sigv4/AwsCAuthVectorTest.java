package dev.coffer.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the aws-c-auth v4 signing suite ({@code src/test/resources/sigv4/aws-c-auth/v4},
 * one folder with a {@code context.json} per case, found by walking): header signing and
 * query-string (presigned) signing reproduce the published canonical requests, strings to sign and
 * signatures, and the verifier accepts both signed forms.
 */
class AwsCAuthVectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(String name, Path dir, JsonNode context) {
    String file(String name) {
      try {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Credentials credentials() {
      JsonNode credentials = context.get("credentials");
      String id = credentials.get("access_key_id").asText();
      String secret = credentials.get("secret_access_key").asText();
      return credentials.has("token")
          ? Credentials.of(id, secret, credentials.get("token").asText())
          : Credentials.of(id, secret);
    }

    CanonicalOptions options() {
      return new CanonicalOptions(context.path("normalize").asBoolean(true), true);
    }

    Instant time() {
      return Instant.parse(context.get("timestamp").asText());
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    VectorFolders.find("/sigv4/aws-c-auth/v4", "context.json")
        .forEach((name, dir) -> {
          try {
            cases.add(new Case(name, dir, JSON.readTree(dir.resolve("context.json").toFile())));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return cases;
  }

  @Test
  void discover_suiteFolder_findsEveryPublishedCase() {
    // 38 cases were copied; fewer means the walk or the copy is broken.
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(38);
  }

  @TestFactory
  Stream<DynamicNode> vectors() {
    List<Case> cases = cases();
    assertThat(cases).as("aws-c-auth SigV4 vectors").isNotEmpty();
    return cases.stream().map(c -> dynamicContainer(c.name(), testsFor(c)));
  }

  private static List<DynamicNode> testsFor(Case c) {
    assertThat(c.context().get("region").asText()).isEqualTo(TestKeys.REGION);
    assertThat(c.context().get("service").asText()).isEqualTo(TestKeys.SERVICE);
    assertThat(c.time()).isEqualTo(TestKeys.TIME);
    Credentials credentials = c.credentials();
    boolean omitToken = c.context().path("omit_session_token").asBoolean(false);
    SigV4Signer signer =
        SigV4Signer.builder(credentials, TestKeys.REGION, TestKeys.SERVICE)
            .canonicalOptions(c.options())
            .signSessionToken(!omitToken)
            .addContentSha256(c.context().path("sign_body").asBoolean(false))
            .build();
    SignableRequest request = HttpMessages.parse(c.file("request.txt"));
    Duration expires = Duration.ofSeconds(c.context().get("expiration_in_seconds").asLong());
    SigV4Verifier verifier =
        SigV4Verifier.builder(TestKeys.lookup(credentials.sessionToken()))
            .clock(TestKeys.CLOCK)
            .canonicalOptions(c.options())
            .build();

    List<DynamicNode> tests = new ArrayList<>();
    tests.add(
        dynamicTest(
            "sign_headerVariant_matchesPublishedValues",
            () -> {
              SigningResult result = signer.sign(request, c.time());
              assertThat(result.canonicalRequest())
                  .isEqualTo(c.file("header-canonical-request.txt"));
              assertThat(result.stringToSign()).isEqualTo(c.file("header-string-to-sign.txt"));
              assertThat(result.signature()).isEqualTo(c.file("header-signature.txt").trim());
              SignableRequest published = HttpMessages.parse(c.file("header-signed-request.txt"));
              assertThat(result.signedRequest().firstHeader("Authorization"))
                  .isEqualTo(published.firstHeader("Authorization"));
            }));
    tests.add(
        dynamicTest(
            "presign_queryVariant_matchesPublishedValues",
            () -> {
              SigningResult result = signer.presign(request, c.time(), expires);
              assertThat(result.canonicalRequest())
                  .isEqualTo(c.file("query-canonical-request.txt"));
              assertThat(result.stringToSign()).isEqualTo(c.file("query-string-to-sign.txt"));
              assertThat(result.signature()).isEqualTo(c.file("query-signature.txt").trim());
            }));
    tests.add(
        dynamicContainer(
            "header-signed-request",
            VerifierChecks.forSignedRequest(
                HttpMessages.parse(c.file("header-signed-request.txt")),
                verifier,
                Optional.of(c.file("header-canonical-request.txt")))));
    tests.add(
        dynamicContainer(
            "query-signed-request",
            VerifierChecks.forSignedRequest(
                HttpMessages.parse(c.file("query-signed-request.txt")),
                verifier,
                omitToken && credentials.sessionToken().isPresent()
                    ? Optional.empty()
                    : Optional.of(c.file("query-canonical-request.txt")))));
    return tests;
  }
}
