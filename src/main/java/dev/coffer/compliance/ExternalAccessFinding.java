package dev.coffer.compliance;

import dev.coffer.core.error.CofferException;
import dev.coffer.policy.AccessAnalyzer;
import dev.coffer.policy.AccessFinding;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An IAM Access Analyzer external-access finding for a secret (compliance-and-iam.md §3.1): a
 * statement of its resource policy that grants access outside the secret's account, or to anyone.
 * The zone of trust is the secret's account.
 *
 * @param id a stable id: the same secret and statement give the same id
 * @param secret the secret
 * @param access the grant, as the policy analysis found it
 * @param analyzedAt when the policy was analysed
 */
public record ExternalAccessFinding(
    String id, SecretState secret, AccessFinding access, Instant analyzedAt) {
  public ExternalAccessFinding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(analyzedAt, "analyzedAt");
  }

  /**
   * The findings of every secret's resource policy. A stored policy that no longer parses yields no
   * finding (it was validated when it was put).
   */
  public static List<ExternalAccessFinding> analyze(List<SecretState> secrets, Instant now) {
    List<ExternalAccessFinding> out = new ArrayList<>();
    for (SecretState s : secrets) {
      if (s.resourcePolicy().isEmpty()) {
        continue;
      }
      List<AccessFinding> found;
      try {
        found =
            AccessAnalyzer.analyze(
                PolicyParser.parse(s.resourcePolicy().get(), PolicyKind.RESOURCE), s.accountId());
      } catch (CofferException e) {
        continue;
      }
      for (AccessFinding f : found) {
        String key = s.arn() + "\n" + f.statementIndex();
        out.add(
            new ExternalAccessFinding(
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(),
                s,
                f,
                now));
      }
    }
    return out;
  }
}
