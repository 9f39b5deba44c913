package dev.talkback.comments.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.InsertResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@link InMemoryCommentStore} checks beyond the contract: it refuses inserts a database with foreign
 * keys would refuse, and keeps instants to the microsecond. Its storage behaviour is tested by the
 * contract suite in comments-testkit.
 */
class InMemoryCommentStoreTest {
  private static final SiteId SITE = SiteId.of("memory");
  private static final ThreadKey THREAD = ThreadKey.of("post");
  private static final ThreadInfo INFO = ThreadInfo.of(SITE, THREAD, "Post");

  private final InMemoryCommentStore store = new InMemoryCommentStore();

  @Test
  void insert_otherThread_isRefusedAndStoresNothing() {
    Comment c = comment(null, null);

    assertThatThrownBy(() -> store.insert(ThreadInfo.of(SITE, ThreadKey.of("another"), "x"), c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not to the thread given");
    assertThat(store.size()).isZero();
    assertThat(store.threadInfo(SITE, ThreadKey.of("another"))).isEmpty();
  }

  @Test
  void insert_storedVersionOrLikes_isRefused() {
    assertThatThrownBy(() -> store.insert(INFO, comment(null, null).toBuilder().version(2).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use update()");
    assertThatThrownBy(() -> store.insert(INFO, comment(null, null).toBuilder().likes(1).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 likes");
  }

  @Test
  void insert_replyToUnknownParent_isRefused() {
    CommentId missing = CommentId.of(UUID.randomUUID());

    assertThatThrownBy(() -> store.insert(INFO, comment(missing, missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("insert parents before their replies");
    assertThat(store.size()).isZero();
  }

  @Test
  void insert_replyWithAnotherRootThanItsParent_isRefused() {
    Comment root = comment(null, null);
    Comment otherRoot = comment(null, null);
    Comment reply = comment(root.id(), root.id());
    store.insertAll(INFO, List.of(root, otherRoot, reply));

    assertThatThrownBy(() -> store.insert(INFO, comment(reply.id(), otherRoot.id())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a reply's root is its parent's root");
  }

  @Test
  void insertAll_parentEarlierInTheBatch_isAccepted() {
    Comment root = comment(null, null);
    Comment reply = comment(root.id(), root.id());
    Comment deeper = comment(reply.id(), root.id());

    List<InsertResult> results = store.insertAll(INFO, List.of(root, reply, deeper));

    assertThat(results).extracting(InsertResult::outcome).containsOnly(InsertResult.Outcome.CREATED);
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void insertAll_oneBadComment_storesNone() {
    Comment good = comment(null, null);
    CommentId missing = CommentId.of(UUID.randomUUID());

    assertThatThrownBy(() -> store.insertAll(INFO, List.of(good, comment(missing, missing))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.size()).isZero();
  }

  @Test
  void insert_nanoseconds_areTruncatedToMicroseconds() {
    Comment c = comment(null, null).toBuilder()
        .created(Instant.parse("2024-05-01T10:15:30.123456789Z"))
        .edited(Instant.parse("2024-05-01T10:16:00.000000999Z"))
        .build();

    Comment stored = store.insert(INFO, c).comment();

    assertThat(stored.created()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123456Z"));
    assertThat(stored.edited()).contains(Instant.parse("2024-05-01T10:16:00Z"));
    assertThat(store.find(SITE, c.id())).contains(stored);
  }

  @Test
  void like_emptyClientKey_isRefused() {
    Comment c = store.insert(INFO, comment(null, null)).comment();

    assertThatThrownBy(() -> store.like(SITE, c.id(), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientKey");
  }

  @Test
  void byStatus_negativeLimit_isRefused() {
    assertThatThrownBy(() -> store.byStatus(SITE, dev.talkback.comments.CommentStatus.APPROVED, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void size_countsCommentsOfEverySiteOnce() {
    Comment here = comment(null, null);
    Comment elsewhere = comment(null, null).toBuilder().site(SiteId.of("other-site")).build();

    store.insert(INFO, here);
    store.insert(ThreadInfo.of(elsewhere.site(), THREAD, "Post"), elsewhere);
    store.insert(INFO, here);

    assertThat(store.size()).isEqualTo(2);
  }

  private static Comment comment(CommentId parent, CommentId root) {
    return Comment.builder()
        .id(CommentId.of(UUID.randomUUID()))
        .site(SITE)
        .thread(THREAD)
        .parentId(parent)
        .rootId(root)
        .author(Author.named("Ada"))
        .source("Hello")
        .html("<p>Hello</p>")
        .created(Instant.parse("2024-05-01T10:15:30.123456Z"))
        .build();
  }
}
