package dev.coffer.policy;

import dev.coffer.core.error.MalformedPolicyDocumentException;
import dev.coffer.policy.internal.JsonParser;
import dev.coffer.policy.internal.JsonSyntaxException;
import dev.coffer.policy.internal.JsonValue;
import dev.coffer.policy.internal.JsonValue.JArray;
import dev.coffer.policy.internal.JsonValue.JObject;
import dev.coffer.policy.internal.JsonValue.JString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and checks policy documents against the IAM grammar (compliance-and-iam.md §4.1) and
 * compiles them for evaluation. Every rejection is a {@link MalformedPolicyDocumentException} whose
 * message names the statement, the element and the source position.
 */
public final class PolicyParser {
  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");

  private PolicyParser() {}

  /** Parses {@code json} as a policy of {@code kind}, limited to the kind's default size. */
  public static PolicyDocument parse(String json, PolicyKind kind) {
    return parse(json, kind, kind.defaultMaxChars());
  }

  /**
   * Parses {@code json} as a policy of {@code kind}.
   *
   * @param maxChars the size quota; IAM does not count whitespace towards it (§4.1)
   * @throws MalformedPolicyDocumentException saying what is wrong and where
   */
  public static PolicyDocument parse(String json, PolicyKind kind, int maxChars) {
    if (json.isBlank()) {
      throw new MalformedPolicyDocumentException("Policy document is empty.");
    }
    long size = json.chars().filter(c -> !Character.isWhitespace(c)).count();
    if (size > maxChars) {
      throw new MalformedPolicyDocumentException(
          "Policy document is "
              + size
              + " characters long (whitespace not counted); the limit is "
              + maxChars
              + ".");
    }
    JsonValue root;
    try {
      root = JsonParser.parse(json);
    } catch (JsonSyntaxException e) {
      throw new MalformedPolicyDocumentException(
          "Policy document is not valid JSON: " + e.getMessage() + ".");
    }
    return document(root, kind);
  }

  private static PolicyDocument document(JsonValue root, PolicyKind kind) {
    if (!(root instanceof JObject obj)) {
      throw fail(root, "Policy document must be a JSON object, not a " + root.typeName());
    }
    for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) {
      if (!TOP_LEVEL.contains(e.getKey())) {
        throw fail(e.getValue(), "Policy document has an unknown element \"" + e.getKey() + "\"");
      }
    }
    Optional<String> version = optionalString(obj, "Version", "Policy document");
    if (version.isPresent()
        && !version.get().equals(PolicyDocument.CURRENT_VERSION)
        && !version.get().equals(PolicyDocument.LEGACY_VERSION)) {
      throw fail(
          obj.members().getOrDefault("Version", obj),
          "Policy document Version must be \"2012-10-17\" or \"2008-10-17\", not \""
              + version.get()
              + "\"");
    }
    Optional<String> id = optionalString(obj, "Id", "Policy document");
    JsonValue stmts = obj.members().get("Statement");
    if (stmts == null) {
      throw fail(obj, "Policy document must contain a Statement element");
    }
    List<JsonValue> list = stmts instanceof JArray a ? a.items() : List.of(stmts);
    if (list.isEmpty()) {
      throw fail(stmts, "Policy document Statement must not be an empty list");
    }
    boolean variables = version.filter(PolicyDocument.CURRENT_VERSION::equals).isPresent();
    StatementParser sp = new StatementParser(kind, variables);
    List<Statement> statements = new ArrayList<>(list.size());
    Set<String> sids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Statement s = sp.parse(list.get(i), i);
      // Key policies may repeat a Sid: AWS's own aws/secretsmanager key policy gives two
      // statements the same Sid (KMS Developer Guide, "AWS managed keys" policies).
      boolean unique = kind != PolicyKind.KEY;
      if (unique && s.sid().isPresent() && !s.sid().get().isEmpty() && !sids.add(s.sid().get())) {
        throw fail(
            list.get(i),
            s.label() + ": Sid \"" + s.sid().get() + "\" is used by more than one statement");
      }
      statements.add(s);
    }
    return new PolicyDocument(kind, version, id, statements);
  }

  private static Optional<String> optionalString(JObject obj, String name, String where) {
    JsonValue v = obj.members().get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JString s)) {
      throw fail(v, where + " " + name + " must be a string, not a " + v.typeName());
    }
    return Optional.of(s.value());
  }

  static MalformedPolicyDocumentException fail(JsonValue at, String message) {
    return new MalformedPolicyDocumentException(message + " (at " + at.position() + ").");
  }
}
