package dev.coffer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response writer's bytes must be exactly those of {@code Json.MAPPER.writeValueAsBytes}. */
class ResponseBytesTest {
  @Test
  void longAsciiStrings_everyCharacterAndEscape_sameBytesAsTheMapper() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      all.append(c);
    }
    String everyAscii = all.toString().repeat(3);
    assertThat(everyAscii.length()).isGreaterThanOrEqualTo(ResponseBytes.COPY_FROM_CHARS);
    for (char c = 0; c < 128; c++) {
      assertSame(Json.object().put("SecretString", String.valueOf(c).repeat(200)));
    }
    assertSame(Json.object().put("SecretString", everyAscii));
    assertSame(
        Json.object()
            .put("SecretString", "{\"user\":\"admin\",\"pass\":\"p@ss\\\\w/rd\\n\"}".repeat(10)));
  }

  @Test
  void nonAsciiStrings_shortStrings_andEveryOtherNode_sameBytesAsTheMapper() throws Exception {
    for (String s :
        List.of(
            "é".repeat(200),
            "x".repeat(300) + "\u2028",
            "x".repeat(300) + "\uD83D\uDE00",
            "x".repeat(300) + "\uD800",
            "日本".repeat(100),
            "x".repeat(ResponseBytes.COPY_FROM_CHARS - 1),
            "x".repeat(ResponseBytes.COPY_FROM_CHARS),
            "",
            "\u0000")) {
      assertSame(Json.object().put("SecretString", s));
    }
    ObjectNode mixed = Json.object().put("ARN", "arn:aws:secretsmanager:us-east-1:1:secret:a");
    mixed.put("SecretBinary", new byte[] {0, 1, 2, (byte) 255});
    mixed.set("VersionStages", Json.strings(List.of("AWSCURRENT", "x".repeat(500))));
    mixed.put("CreatedDate", Json.timestamp(Instant.ofEpochMilli(1_523_477_145_713L)));
    mixed.put("Count", 3).put("Flag", true).putNull("Nothing");
    mixed.putObject("Nested").putArray("List").addObject().put("Deep", "y".repeat(400));
    assertSame(mixed);
    assertSame(Json.object());
  }

  private static void assertSame(ObjectNode output) throws Exception {
    assertThat(ResponseBytes.of(output)).isEqualTo(Json.MAPPER.writeValueAsBytes(output));
  }
}
