package dev.coffer.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes AWS query-protocol XML: {@code <ActionResponse xmlns=...><ActionResult>...</ActionResult>
 * <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></ActionResponse>}, and the error
 * body {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 * Results are given as JSON trees: an object member becomes an element, an array becomes {@code
 * <member>} children, text, numbers and booleans become element text.
 */
public final class QueryXml {
  private QueryXml() {}

  /** The success body of {@code action}; an empty result writes no Result element. */
  public static String response(String action, String xmlns, ObjectNode result, String requestId) {
    StringBuilder out = new StringBuilder(256);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
        .append(action)
        .append("Response xmlns=\"")
        .append(escape(xmlns))
        .append("\">");
    if (!result.isEmpty()) {
      out.append('<').append(action).append("Result>");
      writeMembers(out, result);
      out.append("</").append(action).append("Result>");
    }
    out.append("<ResponseMetadata><RequestId>")
        .append(escape(requestId))
        .append("</RequestId></ResponseMetadata></")
        .append(action)
        .append("Response>");
    return out.toString();
  }

  /** The error body; {@code type} is {@code Sender} or {@code Receiver}. */
  public static String error(
      String xmlns, String type, String code, String message, String requestId) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\""
        + escape(xmlns)
        + "\"><Error><Type>"
        + escape(type)
        + "</Type><Code>"
        + escape(code)
        + "</Code><Message>"
        + escape(message)
        + "</Message></Error><RequestId>"
        + escape(requestId)
        + "</RequestId></ErrorResponse>";
  }

  private static void writeMembers(StringBuilder out, ObjectNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      out.append('<').append(f.getKey()).append('>');
      writeValue(out, f.getValue());
      out.append("</").append(f.getKey()).append('>');
    }
  }

  private static void writeValue(StringBuilder out, JsonNode value) {
    if (value instanceof ObjectNode o) {
      writeMembers(out, o);
    } else if (value instanceof ArrayNode a) {
      for (JsonNode e : a) {
        out.append("<member>");
        writeValue(out, e);
        out.append("</member>");
      }
    } else if (!value.isNull()) {
      out.append(escape(value.asText()));
    }
  }

  /** XML character escaping for text and attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
