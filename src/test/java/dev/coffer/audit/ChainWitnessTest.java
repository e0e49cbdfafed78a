package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The record of what this process chained: walks, replacement of rolled-back batches, bounds. */
class ChainWitnessTest {
  static ChainWitness.Run run(long first, long last, String start, String end, boolean committed) {
    return new ChainWitness.Run(first, last, start, end, committed);
  }

  @Test
  void walk_contiguousBatches_joinsThemUpToTheFirstGap() {
    ChainWitness w = new ChainWitness(100);
    w.appended(1, 3, "", "h3");
    w.appended(4, 4, "h3", "h4");
    w.appended(5, 9, "h4", "h9");
    w.appended(11, 12, "h10", "h12"); // event 10 was written by someone else
    assertThat(w.walk(1, "", 100)).contains(run(1, 9, "", "h9", false));
    assertThat(w.walk(4, "h3", 100)).contains(run(4, 9, "h3", "h9", false));
    assertThat(w.walk(10, "h9", 100)).isEmpty();
    assertThat(w.walk(11, "h10", 100)).contains(run(11, 12, "h10", "h12", false));
  }

  @Test
  void walk_fromAnotherHash_findsNothing() {
    ChainWitness w = new ChainWitness(100);
    w.appended(1, 3, "", "h3");
    w.appended(4, 6, "h3", "h6");
    assertThat(w.walk(4, "other", 100)).isEmpty();
    assertThat(w.walk(2, "", 100)).isEmpty(); // not a batch boundary
  }

  @Test
  void walk_stopsBeforeABatchThatEndsPastTheLimit() {
    ChainWitness w = new ChainWitness(100);
    w.appended(1, 3, "", "h3");
    w.appended(4, 6, "h3", "h6");
    assertThat(w.walk(1, "", 5)).contains(run(1, 3, "", "h3", false));
    assertThat(w.walk(1, "", 6)).contains(run(1, 6, "", "h6", false));
    assertThat(w.walk(1, "", 2)).isEmpty();
  }

  @Test
  void appended_sameStartAgain_laterBatchReplacesTheRolledBackOne() {
    ChainWitness w = new ChainWitness(100);
    w.appended(1, 3, "", "h3");
    w.appended(4, 8, "h3", "rolled-back-h8");
    w.appended(9, 9, "rolled-back-h8", "rolled-back-h9");
    w.appended(4, 5, "h3", "h5");
    assertThat(w.walk(1, "", 100)).contains(run(1, 5, "", "h5", false));
    assertThat(w.size()).isEqualTo(3);
  }

  @Test
  void committed_marksTheRun_andTheWalkEndingThere() {
    ChainWitness w = new ChainWitness(100);
    w.committed(w.appended(1, 3, "", "h3").orElseThrow());
    ChainWitness.Run second = w.appended(4, 6, "h3", "h6").orElseThrow();
    assertThat(w.walk(1, "", 100)).contains(run(1, 6, "", "h6", false));
    assertThat(w.walk(1, "", 3)).contains(run(1, 3, "", "h3", true));
    w.committed(second);
    assertThat(w.walk(1, "", 100)).contains(run(1, 6, "", "h6", true));
  }

  @Test
  void committed_ofAReplacedBatch_doesNotMarkItsReplacement() {
    ChainWitness w = new ChainWitness(100);
    ChainWitness.Run rolledBack = w.appended(1, 5, "", "h5").orElseThrow();
    w.appended(1, 2, "", "h2");
    w.committed(rolledBack);
    assertThat(w.walk(1, "", 100)).contains(run(1, 2, "", "h2", false));
  }

  @Test
  void appended_emptyBatch_isNotRecorded() {
    ChainWitness w = new ChainWitness(100);
    assertThat(w.appended(4, 3, "h3", "h3")).isEmpty();
    assertThat(w.size()).isZero();
    assertThat(w.walk(4, "h3", 100)).isEmpty();
  }

  @Test
  void forgetThrough_dropsBatchesStartingAtOrBeforeTheSealedEvent() {
    ChainWitness w = new ChainWitness(100);
    w.appended(1, 3, "", "h3");
    w.appended(4, 6, "h3", "h6");
    w.appended(7, 9, "h6", "h9");
    w.forgetThrough(6);
    assertThat(w.size()).isEqualTo(1);
    assertThat(w.walk(1, "", 100)).isEmpty();
    assertThat(w.walk(7, "h6", 100)).contains(run(7, 9, "h6", "h9", false));
    w.forgetThrough(100);
    assertThat(w.size()).isZero();
  }

  @Test
  void appended_whenFull_recordsNothingNewUntilSealedBatchesAreForgotten() {
    ChainWitness w = new ChainWitness(2);
    w.appended(1, 1, "", "h1");
    w.appended(2, 2, "h1", "h2");
    assertThat(w.appended(3, 3, "h2", "h3")).isEmpty();
    assertThat(w.size()).isEqualTo(2);
    assertThat(w.walk(1, "", 100)).contains(run(1, 2, "", "h2", false));
    // Replacing a rolled-back batch takes no room, so it is still recorded.
    assertThat(w.appended(2, 2, "h1", "h2b")).isPresent();
    assertThat(w.walk(1, "", 100)).contains(run(1, 2, "", "h2b", false));
    w.forgetThrough(1);
    assertThat(w.appended(3, 3, "h2b", "h3")).isPresent();
    assertThat(w.walk(2, "h1", 100)).contains(run(2, 3, "h1", "h3", false));
  }

  @Test
  void none_recordsNothing() {
    ChainWitness w = ChainWitness.none();
    assertThat(w.appended(1, 1, "", "h1")).isEmpty();
    assertThat(w.walk(1, "", 100)).isEmpty();
  }
}
