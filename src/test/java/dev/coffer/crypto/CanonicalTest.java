package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical encodings are stored and signed: their exact bytes must never change. */
class CanonicalTest {
  @Test
  void encode_sortsKeysAndLengthPrefixesEveryField() {
    Map<String, String> unsorted = new LinkedHashMap<>();
    unsorted.put("b", "xy");
    unsorted.put("a", "");
    assertThat(Canonical.encode(unsorted))
        .containsExactly(
            0, 0, 0, 2, // two entries
            0, 0, 0, 1, 'a', 0, 0, 0, 0, // "a" -> ""
            0, 0, 0, 1, 'b', 0, 0, 0, 2, 'x', 'y'); // "b" -> "xy"
  }

  @Test
  void encode_emptyMap_isACountOfZero() {
    assertThat(Canonical.encode(Map.of())).containsExactly(0, 0, 0, 0);
  }

  @Test
  void encode_usesUtf8LengthsAndUtf16KeyOrder() {
    // U+10000 sorts after U+FF21 by code point but before it in UTF-16 (its surrogate D800 < FF21),
    // the order of String.compareTo, which the stored encodings have always used.
    String fullwidthA = "\uFF21";
    String supplementary = new String(Character.toChars(0x10000));
    byte[] encoded = Canonical.encode(Map.of(supplementary, "1", fullwidthA, "é"));
    assertThat(encoded)
        .containsExactly(
            0, 0, 0, 2, 0, 0, 0, 4, 0xF0, 0x90, 0x80, 0x80, 0, 0, 0, 1, '1', 0, 0, 0, 3, 0xEF, 0xBC,
            0xA1, 0, 0, 0, 2, 0xC3, 0xA9);
  }

  @Test
  void encodeFields_countsThenLengthPrefixesEachField() {
    assertThat(Canonical.encodeFields(new byte[] {7}, new byte[0], new byte[] {1, 2}))
        .containsExactly(0, 0, 0, 3, 0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2);
    assertThat(Canonical.encodeFields()).containsExactly(0, 0, 0, 0);
  }
}
