package dev.talkback.comments.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.util.UUID;

/** Builds comments for tests of the internals. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  static CommentId id(int n) {
    return new CommentId(new UUID(0, n));
  }

  static Comment comment(int n, Comment parent, CommentStatus status) {
    Comment.Builder b = Comment.builder()
        .id(id(n))
        .site(SiteId.DEFAULT)
        .thread(ThreadKey.of("t"))
        .author(Author.named("author " + n))
        .source("text " + n)
        .html("<p>text " + n + "</p>")
        .status(status)
        .created(T0.plusSeconds(n));
    if (parent != null) {
      b.parentId(parent.id()).rootId(parent.rootId());
    }
    return b.build();
  }

  static Comment root(int n) {
    return comment(n, null, CommentStatus.APPROVED);
  }

  static Comment reply(int n, Comment parent) {
    return comment(n, parent, CommentStatus.APPROVED);
  }
}
