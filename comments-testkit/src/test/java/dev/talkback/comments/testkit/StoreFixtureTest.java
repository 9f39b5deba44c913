package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A test class that runs only some contract groups, as docs/testkit.md shows: it supplies the store as a
 * {@link StoreFixture} and nests the groups it wants.
 */
@DisplayName("A StoreFixture that runs chosen contract groups")
class StoreFixtureTest implements StoreFixture {
  private final InMemoryCommentStore store = new InMemoryCommentStore();
  private int created;

  @Override
  public CommentStore createStore() {
    created++;
    return store;
  }

  @Nested
  class Likes implements LikesContract {}

  @Nested
  @DisplayName("a context of its own for each test, shared with @BeforeEach")
  class OwnTests {
    private ContractContext before;

    @BeforeEach
    void setUp(ContractContext kit) {
      before = kit;
    }

    @Test
    void context_isTheBeforeEachsAndUsesTheFixturesStore(ContractContext kit) {
      assertThat(kit).isSameAs(before);
      assertThat(kit.store()).isSameAs(store);
      assertThat(created).isEqualTo(1);
      assertThat(kit.site().value()).startsWith("contract-");
    }

    @Test
    void groupClass_takesTheInterfacesDisplayNameAndTags() {
      assertThat(AnnotationSupport.findAnnotation(Likes.class, DisplayName.class)).map(DisplayName::value)
          .contains("Liking a comment");
      assertThat(AnnotationSupport.findRepeatableAnnotations(Likes.class, Tag.class)).extracting(Tag::value)
          .contains("contract", "contract-likes");
    }

    @Test
    void now_isDistinctIncreasingAndInMicroseconds(ContractContext kit) {
      assertThat(kit.now()).isBefore(kit.now());
      assertThat(kit.now().getNano() % 1_000).isZero();
    }
  }
}
