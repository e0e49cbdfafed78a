package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.audit.AuditSettings;
import dev.coffer.compliance.notify.NotificationSettings;
import dev.coffer.rotation.RotationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigBuilderTest {
  private static ServerConfig.Builder minimal() {
    return ServerConfig.builder()
        .dataDir(Path.of("/tmp/coffer-builder"))
        .accountId("123456789012")
        .regions(List.of("eu-west-1", "us-east-1"))
        .rootAccessKeyId("AKIDROOT")
        .rootSecretAccessKey("root-secret");
  }

  @Test
  void build_onlyRequiredValues_defaultsAsDocumented() {
    ServerConfig c = minimal().build();
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8484);
    assertThat(c.storageUrl()).isEqualTo(ServerConfig.sqliteUrl(Path.of("/tmp/coffer-builder")));
    assertThat(c.storageUser()).isEmpty();
    assertThat(c.storagePassword()).isEmpty();
    assertThat(c.maxBodyBytes()).isEqualTo(ServerConfig.DEFAULT_MAX_BODY_BYTES);
    assertThat(c.purgeInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.rotation()).isEqualTo(RotationSettings.none());
    assertThat(c.audit()).isEqualTo(AuditSettings.defaults());
    assertThat(c.notifications()).isEqualTo(NotificationSettings.none());
    assertThat(c.iam()).isEqualTo(IamSettings.defaults());
    assertThat(c.seal()).isEqualTo(SealSettings.dev());
    assertThat(c.network()).isEqualTo(NetworkSettings.plain());
  }

  @Test
  void toBuilder_oneValueChanged_keepsEveryOther() {
    ServerConfig original =
        minimal()
            .host("0.0.0.0")
            .port(9000)
            .storageUrl("jdbc:postgresql://db/coffer")
            .storageUser("coffer")
            .storagePassword("pw")
            .maxBodyBytes(4096)
            .purgeInterval(Duration.ofSeconds(30))
            .iam(new IamSettings(true))
            .build();
    assertThat(original.toBuilder().build()).isEqualTo(original);

    ServerConfig changed = original.toBuilder().port(9001).build();
    assertThat(changed.port()).isEqualTo(9001);
    assertThat(changed.toBuilder().port(9000).build()).isEqualTo(original);
  }

  @Test
  void build_missingRootCredentials_isRefused() {
    assertThatThrownBy(() -> ServerConfig.builder().dataDir(Path.of("d")).build())
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_invalidAccount_isRefusedByTheRecord() {
    assertThatThrownBy(() -> minimal().accountId("12").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12 digits");
  }
}
