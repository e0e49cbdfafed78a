package dev.coffer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies =
      TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

  @Test
  void peerThatIsNoProxyIsTheClientWhateverTheHeaderSays() {
    assertThat(proxies.clientAddress("203.0.113.5", List.of("1.2.3.4"))).isEqualTo("203.0.113.5");
    assertThat(TrustedProxies.none().clientAddress("10.0.0.1", List.of("1.2.3.4")))
        .isEqualTo("10.0.0.1");
  }

  @Test
  void rightmostUntrustedAddressIsTheClient() {
    assertThat(proxies.clientAddress("10.0.0.1", List.of("6.6.6.6, 198.51.100.2, 192.168.1.7")))
        .isEqualTo("198.51.100.2");
    // Several header lines count as one list, in order.
    assertThat(proxies.clientAddress("10.0.0.1", List.of("6.6.6.6", "198.51.100.2", "10.9.9.9")))
        .isEqualTo("198.51.100.2");
    assertThat(proxies.clientAddress("fd00::1", List.of("[2001:db8::1]:4711")))
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(proxies.clientAddress("10.0.0.1", List.of("198.51.100.2:8080")))
        .isEqualTo("198.51.100.2");
  }

  @Test
  void onlyProxiesInTheChainLeavesTheLeftmostAndGarbageStopsTheWalk() {
    assertThat(proxies.clientAddress("10.0.0.1", List.of("10.0.0.2, 10.0.0.3")))
        .isEqualTo("10.0.0.2");
    assertThat(proxies.clientAddress("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
    assertThat(proxies.clientAddress("10.0.0.1", List.of("1.1.1.1, example.com")))
        .isEqualTo("10.0.0.1");
    assertThat(proxies.clientAddress("10.0.0.1", List.of("1.1.1.1, 300.1.1.1")))
        .isEqualTo("10.0.0.1");
  }

  @Test
  void rangesMatchByPrefixOnly() {
    TrustedProxies p = TrustedProxies.of(List.of("172.16.0.0/12"));
    assertThat(p.clientAddress("172.31.255.255", List.of("8.8.8.8"))).isEqualTo("8.8.8.8");
    assertThat(p.clientAddress("172.32.0.0", List.of("8.8.8.8"))).isEqualTo("172.32.0.0");
  }

  @Test
  void namesAndBadPrefixesAreRefused() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
        .hasMessageContaining("IP address or CIDR");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .hasMessageContaining("prefix");
  }
}
