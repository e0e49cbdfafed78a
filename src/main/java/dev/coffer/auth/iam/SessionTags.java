package dev.coffer.auth.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Session tags as they are stored: one JSON object of key to value. */
final class SessionTags {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SessionTags() {}

  static String encode(Map<String, String> tags) {
    try {
      return MAPPER.writeValueAsString(new LinkedHashMap<>(tags));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> decode(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored session tags are not a JSON object", e);
    }
  }
}
