package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load harness's incremental response parser, fed whole and one byte per read. */
class ResponseParserTest {
  private static final String OK =
      "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 11\r\n\r\n"
          + "{\"Name\":1}\n";
  private static final String CHUNKED_ERROR =
      "HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ResourceNotFoundException\r\n"
          + "transfer-encoding: Chunked\r\n\r\n"
          + "5;ext=1\r\n{\"__t\r\nA\r\nype\":\"x\"}\n\r\n0\r\nTrailer: y\r\n\r\n";

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Feeds {@code response} one byte per call; returns the parser once it reports completion. */
  private static ResponseParser byteByByte(String response) throws Exception {
    ResponseParser p = new ResponseParser();
    byte[] all = response.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < all.length; i++) {
      boolean done = p.parse(ByteBuffer.wrap(all, i, 1).slice());
      assertThat(done)
          .as("complete after byte %d of %d", i + 1, all.length)
          .isEqualTo(i == all.length - 1);
    }
    return p;
  }

  @Test
  void parse_contentLength_wholeOrByteByByte_completesAtTheLastByte() throws Exception {
    ResponseParser whole = new ResponseParser();
    ByteBuffer in = bytes(OK);
    assertThat(whole.parse(in)).isTrue();
    assertThat(in.hasRemaining()).isFalse();
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.errorType()).isEmpty();
    assertThat(whole.closeAfter()).isFalse();
    assertThat(whole.body()).as("200 bodies are not kept").isEmpty();

    ResponseParser dribbled = byteByByte(OK);
    assertThat(dribbled.status()).isEqualTo(200);
  }

  @Test
  void parse_chunkedError_keepsBodyAndErrorType() throws Exception {
    for (ResponseParser p :
        new ResponseParser[] {byteByByte(CHUNKED_ERROR), parsed(CHUNKED_ERROR)}) {
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.errorType()).contains("ResourceNotFoundException");
      assertThat(new String(p.body(), StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"x\"}\n");
    }
  }

  private static ResponseParser parsed(String response) throws Exception {
    ResponseParser p = new ResponseParser();
    assertThat(p.parse(bytes(response))).isTrue();
    return p;
  }

  @Test
  void parse_twoResponsesInOneRead_stopsAfterTheFirstAndResets() throws Exception {
    ResponseParser p = new ResponseParser();
    ByteBuffer in = bytes(OK + CHUNKED_ERROR);
    assertThat(p.parse(in)).isTrue();
    assertThat(in.remaining()).isEqualTo(CHUNKED_ERROR.length());

    p.reset();
    assertThat(p.parse(in)).isTrue();
    assertThat(p.status()).isEqualTo(400);
  }

  @Test
  void parse_connectionCloseOrHttp10_asksToClose() throws Exception {
    assertThat(
            parsed("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                .closeAfter())
        .isTrue();
    assertThat(parsed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").closeAfter()).isTrue();
    assertThat(parsed("HTTP/1.1 204 No Content\r\n\r\n").closeAfter()).isFalse();
  }

  @Test
  void endOfStream_bodyWithoutLength_endsTheResponse() throws Exception {
    ResponseParser p = new ResponseParser();
    assertThat(p.parse(bytes("HTTP/1.1 500 Oops\r\n\r\nboom"))).isFalse();
    assertThat(p.endOfStream()).isTrue();
    assertThat(p.closeAfter()).isTrue();
    assertThat(new String(p.body(), StandardCharsets.UTF_8)).isEqualTo("boom");
  }

  @Test
  void endOfStream_insideAResponse_fails() throws Exception {
    ResponseParser p = new ResponseParser();
    assertThat(p.idle()).isTrue();
    assertThat(p.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))).isFalse();
    assertThat(p.idle()).isFalse();
    assertThatThrownBy(p::endOfStream).isInstanceOf(EOFException.class);
  }

  @Test
  void parse_notHttp_isAProtocolError() {
    assertThatThrownBy(() -> new ResponseParser().parse(bytes("SSH-2.0-OpenSSH\r\n")))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(
            () -> new ResponseParser().parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n")))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() ->
            new ResponseParser()
                .parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked" + "\r\n\r\nzz\r\n")))
        .isInstanceOf(ProtocolException.class);
  }
}
