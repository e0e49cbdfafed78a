package dev.coffer.rotation.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A secret value in the JSON structure of AWS's database rotation templates ("JSON structure of
 * Secrets Manager secrets", user guide): {@code engine}, {@code host}, {@code port}, {@code
 * username}, {@code password}, {@code dbname}, and {@code masterarn} for the alternating-users
 * strategy. Other members are kept as they are when the password changes.
 */
final class DatabaseSecret {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ObjectNode json;

  private DatabaseSecret(ObjectNode json) {
    this.json = json;
  }

  static DatabaseSecret parse(String value) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new StepFailure("the secret value is not a JSON object");
    }
    if (node == null || !node.isObject()) {
      throw new StepFailure("the secret value is not a JSON object");
    }
    return new DatabaseSecret((ObjectNode) node);
  }

  /** The member {@code name} as text, if present and not empty. */
  Optional<String> text(String name) {
    JsonNode v = json.get(name);
    return v == null || v.isNull() || v.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(v.asText());
  }

  String required(String name) {
    return text(name).orElseThrow(() -> new StepFailure("the secret has no " + name + " member"));
  }

  String host() {
    return required("host");
  }

  String username() {
    return required("username");
  }

  String password() {
    return required("password");
  }

  Optional<String> dbname() {
    return text("dbname");
  }

  Optional<String> masterArn() {
    return text("masterarn");
  }

  int port(int fallback) {
    Optional<String> p = text("port");
    if (p.isEmpty()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(p.get());
      if (port < 1 || port > 65535) {
        throw new StepFailure("the secret's port is out of range");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new StepFailure("the secret's port is not a number");
    }
  }

  /** The {@code passwordOptions} member (GetRandomPassword's member names), if any. */
  Optional<JsonNode> passwordOptions() {
    return Optional.ofNullable(json.get("passwordOptions")).filter(JsonNode::isObject);
  }

  /** This secret with another username and password; everything else unchanged. */
  DatabaseSecret with(String username, String password) {
    ObjectNode copy = json.deepCopy();
    copy.put("username", username);
    copy.put("password", password);
    return new DatabaseSecret(copy);
  }

  /** This secret without the member {@code name}. */
  DatabaseSecret without(String name) {
    ObjectNode copy = json.deepCopy();
    copy.remove(name);
    return new DatabaseSecret(copy);
  }

  String toJson() {
    return json.toString();
  }
}
