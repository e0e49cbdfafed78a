package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network part of the configuration file: TLS, listeners, endpoint ids, trusted proxies. */
class ConfigFileNetworkTest {
  private static final Map<String, String> ENV =
      Map.of("COFFER_ROOT_ACCESS_KEY_ID", "AKIDX", "COFFER_ROOT_SECRET_ACCESS_KEY", "s");

  @TempDir Path dir;

  private ServerConfig load(String yaml) throws IOException {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, "dataDir: " + dir.resolve("data") + "\n" + yaml);
    return ConfigFile.load(f, ENV);
  }

  @Test
  void listenersTlsEndpointIdsAndProxiesAreRead() throws IOException {
    ServerConfig c =
        load(
            """
            listen:
              host: 0.0.0.0
              port: 8443
              tls:
                certificateChain: /etc/coffer/server.pem
                privateKey: /etc/coffer/server.key
                protocols: [TLSv1.3]
            listeners:
              - name: private
                address: 10.0.0.5
                port: 8444
                endpointId: vpce-0123456789abcdef0
                tls:
                  localCa: true
                  clientCaBundle: /etc/coffer/clients.pem
                  requireClientCertificate: true
              - port: 8485
            trustedProxies: [10.0.0.0/8, "::1"]
            """);
    NetworkSettings n = c.network();
    assertThat(c.port()).isEqualTo(8443);
    TlsSettings main = n.tls().orElseThrow();
    assertThat(main.certificateChain()).contains(Path.of("/etc/coffer/server.pem"));
    assertThat(main.privateKey()).contains(Path.of("/etc/coffer/server.key"));
    assertThat(main.protocols()).containsExactly("TLSv1.3");
    assertThat(main.cipherSuites()).isEqualTo(TlsSettings.DEFAULT_CIPHER_SUITES);
    assertThat(main.requireClientCertificate()).isFalse();
    assertThat(n.endpointId()).isEmpty();

    ListenerSettings priv = n.listeners().get(0);
    assertThat(priv.name()).isEqualTo("private");
    assertThat(priv.host()).isEqualTo("10.0.0.5");
    assertThat(priv.port()).isEqualTo(8444);
    assertThat(priv.endpointId()).contains("vpce-0123456789abcdef0");
    TlsSettings privTls = priv.tls().orElseThrow();
    assertThat(privTls.usesLocalCa()).isTrue();
    assertThat(privTls.clientCaBundle()).contains(Path.of("/etc/coffer/clients.pem"));
    assertThat(privTls.requireClientCertificate()).isTrue();

    ListenerSettings plain = n.listeners().get(1);
    assertThat(plain)
        .isEqualTo(
            new ListenerSettings(
                "listener-2", "127.0.0.1", 8485, Optional.empty(), Optional.empty()));
    assertThat(n.trustedProxies()).containsExactly("10.0.0.0/8", "::1");
  }

  @Test
  void withoutNetworkKeysTheServerIsPlainHttpAsBefore() throws IOException {
    assertThat(load("listen: {port: 9000}\n").network()).isEqualTo(NetworkSettings.plain());
  }

  @Test
  void unsafeOrIncompleteSettingsAreRefused() {
    assertThatThrownBy(() -> load("listen: {tls: {protocols: [TLSv1.1], localCa: true}}\n"))
        .hasMessageContaining("TLSv1.1 is not allowed");
    assertThatThrownBy(() -> load("listen: {tls: {certificateChain: /x.pem}}\n"))
        .hasMessageContaining("certificateChain and privateKey");
    assertThatThrownBy(
            () -> load("listen: {tls: {localCa: true, requireClientCertificate: true}}\n"))
        .hasMessageContaining("client CA bundle");
    assertThatThrownBy(() -> load("listeners: [{port: 1, endpointId: \"vpc-1\"}]\n"))
        .hasMessageContaining("endpointId");
    assertThatThrownBy(() -> load("listeners: [{name: a, port: 1}, {name: a, port: 2}]\n"))
        .hasMessageContaining("unique");
    assertThatThrownBy(() -> load("trustedProxies: [proxy.internal]\n"))
        .hasMessageContaining("IP address or CIDR");
    assertThatThrownBy(() -> load("listen: {tls: {localCa: true, ciphers: [x]}}\n"))
        .isInstanceOf(RuntimeException.class);
  }
}
