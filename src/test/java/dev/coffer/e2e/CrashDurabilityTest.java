package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** An acknowledged write survives kill -9 of the server (SQLite WAL with synchronous=FULL). */
class CrashDurabilityTest {

  private static SecretsManagerClient client(DevServerProcess server) {
    return SecretsManagerClient.builder()
        .endpointOverride(URI.create(server.endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    DevServerProcess.ACCESS_KEY, DevServerProcess.SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void acknowledgedWrites_killMinus9_allSurviveRestart() throws Exception {
    Path data = Files.createTempDirectory("coffer-crash");
    Map<String, String> acknowledged = new LinkedHashMap<>();
    try (DevServerProcess server = DevServerProcess.start(data);
        SecretsManagerClient sm = client(server)) {
      for (int i = 0; i < 20; i++) {
        String name = "crash/" + i;
        sm.createSecret(b -> b.name(name).secretString("v0"));
        for (int v = 1; v <= 5; v++) {
          String value = "value-" + i + "-" + v;
          sm.putSecretValue(b -> b.secretId(name).secretString(value));
          acknowledged.put(name, value);
        }
      }
      server.kill();
    }
    try (DevServerProcess again = DevServerProcess.start(data);
        SecretsManagerClient sm = client(again)) {
      for (Map.Entry<String, String> e : acknowledged.entrySet()) {
        assertThat(sm.getSecretValue(b -> b.secretId(e.getKey())).secretString())
            .as(e.getKey())
            .isEqualTo(e.getValue());
        assertThat(
                sm.listSecretVersionIds(b -> b.secretId(e.getKey()).includeDeprecated(true))
                    .versions())
            .hasSize(6);
      }
      again.stop();
    }
  }
}
