package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.LimitExceededException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of label moves (AWS API Reference, PutSecretValue and UpdateSecretVersionStage). */
class StagingLabelsPropertiesTest {
  private static final List<String> VERSIONS = List.of("v1", "v2", "v3", "v4");

  @Provide
  Arbitrary<Map<String, String>> stages() {
    Arbitrary<String> label =
        Arbitraries.oneOf(
            Arbitraries.of(StagingLabels.CURRENT, StagingLabels.PREVIOUS, StagingLabels.PENDING),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4));
    return Arbitraries.maps(label, Arbitraries.of(VERSIONS)).ofMaxSize(12).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<List<String>> labels() {
    return Arbitraries.oneOf(
            Arbitraries.of(StagingLabels.CURRENT, StagingLabels.PENDING),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .uniqueElements();
  }

  @Provide
  Arbitrary<String> version() {
    return Arbitraries.of(VERSIONS);
  }

  @Property
  void attach_everyRequestedLabelEndsOnTheTarget(
      @ForAll("stages") Map<String, String> stages,
      @ForAll("version") String target,
      @ForAll("labels") List<String> labels) {
    Map<String, String> after = attachOrLimit(stages, target, labels);
    if (after == null) {
      return;
    }
    for (String l : labels) {
      assertThat(after.get(l)).isEqualTo(target);
    }
  }

  @Property
  void attach_movingCurrentCarriesPreviousToTheVersionItLeft(
      @ForAll("stages") Map<String, String> stages,
      @ForAll("version") String target,
      @ForAll("labels") List<String> labels) {
    Map<String, String> after = attachOrLimit(stages, target, labels);
    if (after == null) {
      return;
    }
    String before = stages.get(StagingLabels.CURRENT);
    boolean currentMoved =
        labels.contains(StagingLabels.CURRENT) && before != null && !before.equals(target);
    if (currentMoved) {
      assertThat(after.get(StagingLabels.PREVIOUS)).isEqualTo(before);
    } else if (!labels.contains(StagingLabels.PREVIOUS)) {
      assertThat(after.get(StagingLabels.PREVIOUS)).isEqualTo(stages.get(StagingLabels.PREVIOUS));
    }
  }

  @Property
  void attach_leavesUnrelatedLabelsAlone(
      @ForAll("stages") Map<String, String> stages,
      @ForAll("version") String target,
      @ForAll("labels") List<String> labels) {
    Map<String, String> after = attachOrLimit(stages, target, labels);
    if (after == null) {
      return;
    }
    for (Map.Entry<String, String> e : stages.entrySet()) {
      String l = e.getKey();
      if (!labels.contains(l) && !l.equals(StagingLabels.PREVIOUS)) {
        assertThat(after.get(l)).isEqualTo(e.getValue());
      }
    }
    assertThat(after.size()).isLessThanOrEqualTo(StagingLabels.MAX_LABELS);
  }

  @Property
  void attach_isIdempotent(
      @ForAll("stages") Map<String, String> stages,
      @ForAll("version") String target,
      @ForAll("labels") List<String> labels) {
    Map<String, String> once = attachOrLimit(stages, target, labels);
    if (once == null) {
      return;
    }
    assertThat(StagingLabels.attach(once, target, labels)).isEqualTo(once);
  }

  @Property
  void attach_beyondTwentyLabels_isLimitExceeded(@ForAll("version") String target) {
    Map<String, String> full = new LinkedHashMap<>();
    for (int i = 0; i < StagingLabels.MAX_LABELS; i++) {
      full.put("L" + i, target);
    }
    assertThatThrownBy(() -> StagingLabels.attach(full, target, List.of("one-more")))
        .isInstanceOf(LimitExceededException.class);
  }

  /** The label map after the move, or null when the move would pass the 20-label limit. */
  private static Map<String, String> attachOrLimit(
      Map<String, String> stages, String target, List<String> labels) {
    try {
      return StagingLabels.attach(stages, target, labels);
    } catch (LimitExceededException e) {
      Map<String, String> probe = new LinkedHashMap<>(stages);
      labels.forEach(l -> probe.put(l, target));
      probe.put(StagingLabels.PREVIOUS, "x");
      assertThat(probe.size()).isGreaterThan(StagingLabels.MAX_LABELS);
      return null;
    }
  }
}
