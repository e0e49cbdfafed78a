package dev.coffer.secrets;

import dev.coffer.core.error.LimitExceededException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules for staging labels, as pure functions over a label → version map (AWS API Reference,
 * PutSecretValue and UpdateSecretVersionStage):
 *
 * <ul>
 *   <li>a label is attached to at most one version, so attaching it elsewhere moves it;
 *   <li>whenever {@code AWSCURRENT} moves, {@code AWSPREVIOUS} moves to the version it left;
 *   <li>a secret carries at most 20 labels across its versions.
 * </ul>
 */
public final class StagingLabels {
  public static final String CURRENT = "AWSCURRENT";
  public static final String PREVIOUS = "AWSPREVIOUS";
  public static final String PENDING = "AWSPENDING";
  public static final int MAX_LABELS = 20;

  private StagingLabels() {}

  /**
   * Attaches every label in {@code labels} to {@code versionId}, moving them from other versions.
   */
  public static Map<String, String> attach(
      Map<String, String> stages, String versionId, Collection<String> labels) {
    Map<String, String> out = new LinkedHashMap<>(stages);
    for (String label : labels) {
      Optional<String> from = Optional.ofNullable(out.put(label, versionId));
      if (label.equals(CURRENT) && from.isPresent() && !from.get().equals(versionId)) {
        out.put(PREVIOUS, from.get());
      }
    }
    checkLimit(out);
    return out;
  }

  /** Removes {@code label} from whatever version holds it. */
  public static Map<String, String> detach(Map<String, String> stages, String label) {
    Map<String, String> out = new LinkedHashMap<>(stages);
    out.remove(label);
    return out;
  }

  /** The version holding {@code label}. */
  public static Optional<String> holder(Map<String, String> stages, String label) {
    return Optional.ofNullable(stages.get(label));
  }

  private static void checkLimit(Map<String, String> stages) {
    if (stages.size() > MAX_LABELS) {
      throw new LimitExceededException(
          "You can attach at most "
              + MAX_LABELS
              + " staging labels to the versions of a secret; this request would attach "
              + stages.size()
              + ".");
    }
  }
}
