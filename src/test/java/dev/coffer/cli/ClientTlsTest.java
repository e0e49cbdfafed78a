package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.cli.audit.AuditCommand;
import dev.coffer.server.NetworkSettings;
import dev.coffer.server.TlsSettings;
import dev.coffer.testing.Backend;
import dev.coffer.testing.CliRun;
import dev.coffer.testing.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code coffer} client commands against an HTTPS endpoint: --ca-bundle and AWS_CA_BUNDLE. */
class ClientTlsTest {
  private static TestServer server;
  private static String endpoint;
  private static Path ca;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Backend.SQLITE, c -> c.network(NetworkSettings.plain().withTls(TlsSettings.localCa())));
    endpoint = "https://localhost:" + server.server().port();
    ca = server.dataDir().resolve("tls/ca.pem");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun audit(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(CliRun.env(endpoint, TestServer.SECRET_KEY));
    env.putAll(extraEnv);
    return CliRun.run(new AuditCommand(env), args);
  }

  @Test
  void caBundleOptionIsTrusted() {
    CliRun r = audit(Map.of(), "public-key", "--ca-bundle", ca.toString());
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void awsCaBundleEnvironmentVariableIsTrusted() {
    CliRun r = audit(Map.of("AWS_CA_BUNDLE", ca.toString()), "public-key");
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void withoutTheBundleTheLocalCaIsNotTrusted() {
    CliRun r = audit(Map.of(), "public-key");
    assertThat(r.exit()).isNotZero();
  }
}
