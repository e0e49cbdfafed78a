package dev.coffer.testing;

import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.core.Caller;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A principal a test registered with {@link TestServer#addPrincipal}: its access key and clients
 * that sign as it.
 */
public final class TestPrincipal {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TestServer server;
  private final SigningCredential credential;

  private TestPrincipal(TestServer server, SigningCredential credential) {
    this.server = server;
    this.credential = credential;
  }

  static TestPrincipal create(TestServer server, Caller caller) {
    String keyId = caller.accessKeyId().orElseGet(TestPrincipal::newAccessKeyId);
    byte[] secret = new byte[20];
    RANDOM.nextBytes(secret);
    return new TestPrincipal(
        server,
        new SigningCredential(keyId, HexFormat.of().formatHex(secret), caller, Optional.empty()));
  }

  static String newAccessKeyId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return "AKIA" + HexFormat.of().formatHex(b).toUpperCase(Locale.ROOT);
  }

  SigningCredential credential() {
    return credential;
  }

  /** The principal's ARN, as denial messages name it. */
  public String arn() {
    return credential.caller().arn();
  }

  public String accountId() {
    return credential.caller().accountId();
  }

  private AwsCredentials credentials() {
    return AwsBasicCredentials.create(credential.accessKeyId(), credential.secretAccessKey());
  }

  /** A Secrets Manager client in us-east-1 signing as this principal. */
  public SecretsManagerClient secretsManager() {
    return server.client(SecretsManagerClient.builder(), Region.US_EAST_1, credentials());
  }

  /**
   * A client for an awsJson API (e.g. SigV4 service {@code cloudtrail}) signing as this principal.
   */
  public SignedJsonClient signedJson(String service) {
    return new SignedJsonClient(
        server.endpoint(), service, credential.accessKeyId(), credential.secretAccessKey());
  }

  /** A KMS client in us-east-1 signing as this principal. */
  public KmsClient kms() {
    return server.client(KmsClient.builder(), Region.US_EAST_1, credentials());
  }
}
