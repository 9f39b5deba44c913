package dev.talkback.comments.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How {@code insertAll} cuts its comments into transactions: by count, and by the size of their text. */
class WritesChunksTest {
  static Comment comment(int bodyChars) {
    String body = "字".repeat(bodyChars);
    return Comment.builder().id(CommentId.of(UUID.randomUUID())).site(SiteId.DEFAULT).thread(ThreadKey.of("t"))
        .author(Author.named("A")).source(body).format(Format.PLAIN).html(body).status(CommentStatus.APPROVED)
        .created(Instant.parse("2020-01-01T00:00:00Z")).build();
  }

  static List<Comment> comments(int n, int bodyChars) {
    List<Comment> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(comment(bodyChars));
    }
    return list;
  }

  @Test
  void smallComments_areCutByCountAlone_inOrder() {
    List<Comment> all = comments(2_500, 10);

    List<List<Comment>> chunks = Writes.chunks(all, 1_000, Writes.CHUNK_CHARS);

    assertThat(chunks).extracting(List::size).containsExactly(1_000, 1_000, 500);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(all);
  }

  @Test
  void largeComments_areCutBeforeTheirTextExceedsTheLimit() {
    List<Comment> all = comments(10, 1_000);
    long each = Writes.chars(all.get(0));
    assertThat(each).isGreaterThan(2_000);

    List<List<Comment>> chunks = Writes.chunks(all, 1_000, each * 3 + 1);

    assertThat(chunks).extracting(List::size).containsExactly(3, 3, 3, 1);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(all);
  }

  @Test
  void aCommentLargerThanTheLimit_goesAlone() {
    List<Comment> all = List.of(comment(10), comment(5_000), comment(10));

    assertThat(Writes.chunks(all, 1_000, 3_000)).extracting(List::size).containsExactly(1, 1, 1);
    assertThat(Writes.chunks(List.of(), 1_000, 3_000)).isEmpty();
  }
}
