package dev.coffer.compliance;

import java.util.Objects;
import java.util.Optional;

/** What a rule says about one resource: a compliance type and, when useful, why. */
public record Verdict(ComplianceType type, Optional<String> annotation) {
  /** AWS Config's limit on an annotation. */
  public static final int MAX_ANNOTATION = 256;

  public Verdict {
    Objects.requireNonNull(type, "type");
    annotation =
        annotation.map(a -> a.length() > MAX_ANNOTATION ? a.substring(0, MAX_ANNOTATION) : a);
  }

  public static Verdict compliant() {
    return new Verdict(ComplianceType.COMPLIANT, Optional.empty());
  }

  public static Verdict nonCompliant(String why) {
    return new Verdict(ComplianceType.NON_COMPLIANT, Optional.of(why));
  }

  public static Verdict notApplicable(String why) {
    return new Verdict(ComplianceType.NOT_APPLICABLE, Optional.of(why));
  }
}
