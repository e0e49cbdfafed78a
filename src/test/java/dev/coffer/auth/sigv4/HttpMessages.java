package dev.coffer.auth.sigv4;

import dev.coffer.auth.sigv4.SignableRequest.Header;
import java.util.ArrayList;
import java.util.List;

/** Reads the raw HTTP requests of the SigV4 test suites into {@link SignableRequest}s. */
final class HttpMessages {
  private HttpMessages() {}

  /**
   * Parses {@code text}: a request line, header lines (a line starting with white space continues
   * the previous header, as in the multi-line vectors), a blank line and the body. The request
   * target is everything between the first and the last space, since the vectors put raw spaces
   * into paths.
   */
  static SignableRequest parse(String text) {
    String[] lines = text.split("\n", -1);
    String requestLine = lines[0];
    int firstSpace = requestLine.indexOf(' ');
    int lastSpace = requestLine.lastIndexOf(' ');
    String method = requestLine.substring(0, firstSpace);
    String target = requestLine.substring(firstSpace + 1, lastSpace);
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? "" : target.substring(question + 1);

    List<Header> headers = new ArrayList<>();
    int i = 1;
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      if (line.startsWith(" ") || line.startsWith("\t")) {
        Header previous = headers.remove(headers.size() - 1);
        headers.add(new Header(previous.name(), previous.value() + "\n" + line));
      } else {
        int colon = line.indexOf(':');
        headers.add(new Header(line.substring(0, colon), line.substring(colon + 1)));
      }
    }
    String body =
        i + 1 < lines.length ? String.join("\n", List.of(lines).subList(i + 1, lines.length)) : "";
    SignableRequest.Builder builder =
        SignableRequest.builder(method, path).rawQuery(query).body(body);
    headers.forEach(h -> builder.header(h.name(), h.value()));
    return builder.build();
  }

  /** {@code request} with every header named {@code name} replaced by one with {@code value}. */
  static SignableRequest withHeader(SignableRequest request, String name, String value) {
    List<Header> headers = new ArrayList<>();
    boolean replaced = false;
    for (Header header : request.headers()) {
      if (header.name().equalsIgnoreCase(name)) {
        if (!replaced) {
          headers.add(new Header(header.name(), value));
          replaced = true;
        }
      } else {
        headers.add(header);
      }
    }
    if (!replaced) {
      headers.add(new Header(name, value));
    }
    return request.withHeaders(headers);
  }

  /** {@code request} without any header named {@code name}. */
  static SignableRequest withoutHeader(SignableRequest request, String name) {
    return request.withHeaders(
        request.headers().stream().filter(h -> !h.name().equalsIgnoreCase(name)).toList());
  }
}
