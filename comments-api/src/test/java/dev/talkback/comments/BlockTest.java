package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockTest {
  @Test
  void email_strippedAndLowerCased() {
    assertThat(Block.email("  Ada@Example.ORG ")).isEqualTo(Block.email("ada@example.org"));
  }

  @Test
  void authorKey_keptExactly() {
    assertThat(Block.authorKey("user:bob ")).isNotEqualTo(Block.authorKey("user:bob"));
    assertThat(Block.authorKey("user:bob ").value()).isEqualTo("user:bob ");
  }

  @Test
  void constructor_blankOrTooLong_refused() {
    assertThatThrownBy(() -> Block.ipHash("   ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Block.authorKey("k".repeat(Block.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("321");
    assertThat(Block.authorKey("k".repeat(Block.MAX_LENGTH)).value()).hasSize(Block.MAX_LENGTH);
  }

  @Test
  void candidates_everythingKnownAboutTheAuthor() {
    Author ada = Author.named("Ada").withEmail("Ada@Example.org").withUserId("42");
    assertThat(Block.candidates(ada, "iphash"))
        .contains(Block.email("ada@example.org"), Block.ipHash("iphash"))
        .hasSize(3);
  }

  @Test
  void candidates_valueNoBlockCanHold_leftOutRatherThanThrowing() {
    Author longId = Author.named("Host user").withUserId("u".repeat(600));
    assertThat(Block.candidates(longId, null)).noneMatch(b -> b.kind() == Block.Kind.AUTHOR_KEY);
    assertThat(Block.candidates(Author.named("Anonymous"), " ")).isEmpty();
  }
}
