package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.cli.audit.AuditCommand;
import dev.coffer.server.NetworkSettings;
import dev.coffer.server.TlsSettings;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
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

  private record Run(int exit, String output) {}

  private static Run audit(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", TestServer.SECRET_KEY);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("COFFER_ENDPOINT", endpoint);
    env.putAll(extraEnv);
    StringWriter out = new StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(new AuditCommand(env));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString());
  }

  @Test
  void caBundleOptionIsTrusted() {
    Run r = audit(Map.of(), "public-key", "--ca-bundle", ca.toString());
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void awsCaBundleEnvironmentVariableIsTrusted() {
    Run r = audit(Map.of("AWS_CA_BUNDLE", ca.toString()), "public-key");
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void withoutTheBundleTheLocalCaIsNotTrusted() {
    Run r = audit(Map.of(), "public-key");
    assertThat(r.exit()).isNotZero();
  }
}
