package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.Ids;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Remark42ImportTest {
  static final ThreadKey ONE = ThreadKey.of("/posts/one");

  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  static CommentId id(String original) {
    return Ids.derive(SiteId.DEFAULT, "remark42", original);
  }

  Comment stored(String original) {
    return store.find(SiteId.DEFAULT, id(original)).orElseThrow();
  }

  @Test
  void importStream_countsStatusesThreadsAndOrphans() {
    ImportReport report = importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));

    assertThat(report.comments()).isEqualTo(5);
    assertThat(report.byThread()).containsEntry(ONE, 4L).containsEntry(ThreadKey.of("/posts/two"), 1L);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 4L)
        .containsEntry(CommentStatus.DELETED, 1L);
    assertThat(report.orphans()).isEqualTo(1);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("c-4");
      assertThat(p.line()).isEqualTo(5);
    });
  }

  @Test
  void importStream_keepsParentsAuthorsTimesEditsLikesAndClosedThreads() {
    importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));

    Comment first = stored("c-1");
    assertThat(first.author().name()).isEqualTo("Ada");
    assertThat(first.author().userId()).isEqualTo("remark42:github_ada");
    assertThat(first.format()).isEqualTo(Format.MARKDOWN);
    assertThat(first.source()).isEqualTo("Hello *there*");
    assertThat(first.created()).isEqualTo(Instant.parse("2022-01-02T01:04:05.123456Z"));
    assertThat(first.likes()).as("two up-votes").isEqualTo(2);
    assertThat(stored("c-2").parentId()).as("a reply before its parent").contains(id("c-3"));
    assertThat(stored("c-3").edited()).contains(Instant.parse("2022-01-02T12:30:00Z"));
    assertThat(stored("c-4").isTopLevel()).isTrue();
    assertThat(stored("c-4").format()).as("no orig: the rendered HTML, sanitized").isEqualTo(Format.HTML);
    Comment deleted = stored("c-5");
    assertThat(deleted.status()).isEqualTo(CommentStatus.DELETED);
    assertThat(deleted.author().userId()).isNull();
    assertThat(store.threadInfo(SiteId.DEFAULT, ONE).orElseThrow().closed()).as("read_only").isTrue();
    assertThat(store.threadInfo(SiteId.DEFAULT, ONE).orElseThrow().title()).isEqualTo("One");
  }

  @Test
  void importStream_twice_storesEachCommentOnce() {
    importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));
    ImportReport again = importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(5);
    assertThat(stored("c-1").likes()).isEqualTo(2);
  }

  @Test
  void truncatedFile_namesThePositionAndStoresNothing() {
    assertThatThrownBy(
        () -> importer.importStream(ImportFormat.REMARK42, JsonFixtures.truncatedAtLine("remark42.jsonl", 4)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(4));
    assertThat(store.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 100)).isEmpty();
  }

  @Test
  void anotherFormat_isRefused() {
    assertThatThrownBy(() -> importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("commento.json")))
        .isInstanceOf(ImportException.class).hasMessageContaining("not a Remark42 backup");
  }
}
