package dev.talkback.comments.fallback;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Comments and threads for the fallback tests. */
final class Fixtures {
  static final SiteId SITE = SiteId.DEFAULT;
  static final ThreadKey KEY = ThreadKey.of("outage-post");
  static final ThreadInfo THREAD = new ThreadInfo(SITE, KEY, "When the database died", "https://blog.example/outage", false);
  static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

  private Fixtures() {}

  static Comment comment(String text) {
    return comment(CommentId.of(UUID.randomUUID()), text);
  }

  static Comment comment(CommentId id, String text) {
    return Comment.builder()
        .id(id)
        .site(SITE)
        .thread(KEY)
        .author(Author.named("Ada").withEmail("ada@example.org"))
        .source(text)
        .format(Format.PLAIN)
        .html("<p>" + text + "</p>")
        .status(CommentStatus.APPROVED)
        .created(T0.plus(Math.abs(id.value().getLeastSignificantBits() % 100_000), ChronoUnit.MICROS))
        .build();
  }

  /** A reply with every optional field set, to check that the spool keeps them all. */
  static Comment fullReply(Comment parent, String text) {
    return Comment.builder()
        .id(CommentId.of(UUID.randomUUID()))
        .site(SITE)
        .thread(KEY)
        .parentId(parent.id())
        .rootId(parent.rootId())
        .author(new Author("Grace ☃", "grace@example.org", "https://grace.example", "user-7"))
        .source(text)
        .format(Format.MARKDOWN)
        .html("<p><em>" + text + "</em></p>")
        .status(CommentStatus.PENDING)
        .created(T0.plusSeconds(60))
        .edited(T0.plusSeconds(90))
        .version(3)
        .likes(2)
        .editTokenHash("ab".repeat(32))
        .ipHash("cd".repeat(16))
        .build();
  }
}
