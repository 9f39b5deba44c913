package dev.talkback.comments.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.fallback.PrimaryElection.Candidate;
import dev.talkback.comments.fallback.PrimaryElection.Current;
import dev.talkback.comments.fallback.PrimaryElection.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generation and stale-primary rule, without a store, a thread or a clock. */
class PrimaryElectionTest {

  private static Candidate seen(String name, Writability w) {
    return new Candidate(name, w, false);
  }

  private static Candidate failed(String name, boolean staleBefore) {
    return new Candidate(name, null, staleBefore);
  }

  @Test
  void elect_currentWritable_keepsIt() {
    Result r = PrimaryElection.elect("a",
        List.of(seen("a", Writability.writable(1, "")), seen("b", Writability.readOnly(1, ""))), 1);
    assertThat(r.current()).isEqualTo(Current.FIT);
    assertThat(r.best()).contains("a");
    assertThat(r.stale()).isEmpty();
    assertThat(r.highestGeneration()).isEqualTo(1);
  }

  @Test
  void elect_currentWritable_keptOverAnotherWritableOnSameGeneration() {
    Result r = PrimaryElection.elect("b",
        List.of(seen("a", Writability.writable(3, "")), seen("b", Writability.writable(3, ""))), 3);
    assertThat(r.best()).contains("b");
  }

  @Test
  void elect_currentUnreachable_choosesWritableStandby() {
    Result r = PrimaryElection.elect("a",
        List.of(failed("a", false), seen("b", Writability.writable(2, "promoted"))), 1);
    assertThat(r.current()).isEqualTo(Current.UNREACHABLE);
    assertThat(r.best()).contains("b");
    assertThat(r.highestGeneration()).isEqualTo(2);
  }

  @Test
  void elect_currentReadOnly_andNoOtherWritable_choosesNone() {
    Result r = PrimaryElection.elect("a",
        List.of(seen("a", Writability.readOnly(1, "demoted")), seen("b", Writability.readOnly(1, ""))), 1);
    assertThat(r.current()).isEqualTo(Current.READ_ONLY);
    assertThat(r.best()).isEmpty();
  }

  @Test
  void elect_oldPrimaryOnLowerGeneration_isStaleAndNeverChosen() {
    Result r = PrimaryElection.elect("a",
        List.of(seen("a", Writability.writable(1, "old")), seen("b", Writability.writable(2, "promoted"))), 1);
    assertThat(r.current()).isEqualTo(Current.STALE);
    assertThat(r.stale()).containsExactly("a");
    assertThat(r.newlyStale()).containsExactly("a");
    assertThat(r.best()).contains("b");
  }

  @Test
  void elect_highestGenerationRemembered_staleEvenWhenTheNewerOneIsDown() {
    Result r = PrimaryElection.elect("b",
        List.of(seen("a", Writability.writable(1, "old, back")), failed("b", false)), 2);
    assertThat(r.stale()).containsExactly("a");
    assertThat(r.best()).as("a writable stale primary is never the answer").isEmpty();
  }

  @Test
  void elect_staleCandidateThatStopsAnswering_staysStale_butIsNotNewlyStale() {
    Result r = PrimaryElection.elect("b",
        List.of(failed("a", true), seen("b", Writability.writable(2, ""))), 2);
    assertThat(r.stale()).containsExactly("a");
    assertThat(r.newlyStale()).isEmpty();
    assertThat(r.current()).isEqualTo(Current.FIT);
  }

  @Test
  void elect_unknownGeneration_isNeverStale() {
    Result r = PrimaryElection.elect("a",
        List.of(seen("a", Writability.writable(0, "mariadb")), seen("b", Writability.writable(5, ""))), 5);
    assertThat(r.stale()).isEmpty();
    assertThat(r.current()).isEqualTo(Current.FIT);
  }

  @Test
  void elect_readOnlyOnLowerGeneration_isNotStale() {
    Result r = PrimaryElection.elect("b",
        List.of(seen("a", Writability.readOnly(1, "rebuilt replica")), seen("b", Writability.writable(2, ""))), 2);
    assertThat(r.stale()).isEmpty();
  }

  @Test
  void elect_severalWritable_choosesHighestGeneration_firstOnTies() {
    Result r = PrimaryElection.elect("a", List.of(failed("a", false),
        seen("b", Writability.writable(2, "")), seen("c", Writability.writable(3, "")),
        seen("d", Writability.writable(3, ""))), 1);
    assertThat(r.best()).contains("c");
    assertThat(r.stale()).containsExactly("b");
  }

  @Test
  void elect_generationNeverMovesBackwards() {
    Result r = PrimaryElection.elect("a", List.of(seen("a", Writability.writable(0, ""))), 7);
    assertThat(r.highestGeneration()).isEqualTo(7);
  }

  @Test
  void isStale_rules() {
    assertThat(PrimaryElection.isStale(Writability.writable(1, ""), 2)).isTrue();
    assertThat(PrimaryElection.isStale(Writability.writable(2, ""), 2)).isFalse();
    assertThat(PrimaryElection.isStale(Writability.writable(0, ""), 2)).isFalse();
    assertThat(PrimaryElection.isStale(Writability.readOnly(1, ""), 2)).isFalse();
  }
}
