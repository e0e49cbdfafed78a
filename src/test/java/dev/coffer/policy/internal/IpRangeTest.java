package dev.coffer.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8,10.255.1.1,true",
    "10.0.0.0/8,11.0.0.1,false",
    "192.0.2.1,192.0.2.1,true",
    "2001:db8::/32,2001:db8:ffff::1,true",
    "::ffff:192.0.2.0/120,::ffff:192.0.2.77,true",
    "::1,0:0:0:0:0:0:0:1,true",
    "fe80::/10,febf::1,true",
    "fe80::/10,fec0::1,false",
  })
  void contains_cidrRules(String range, String address, boolean expected) {
    IpRange r = IpRange.parse(range).orElseThrow();
    assertThat(r.contains(IpRange.parseAddress(address).orElseThrow())).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4/33",
        "::/129",
        "1::2::3",
        "example.com",
        "01.2.3.4x",
        ""
      })
  void parse_malformed_empty(String text) {
    assertThat(IpRange.parse(text)).isEmpty();
  }
}
