package dev.talkback.comments.jdbi.testing;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.util.UUID;

/** Comments and threads for the store tests: random ids and sites, fixed instants. */
public final class Fixtures {
  /** A fixed instant with microseconds, far from any epoch boundary. */
  public static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456Z");

  private Fixtures() {}

  /** A site of its own for one test. */
  public static SiteId randomSite() {
    return SiteId.of("s-" + UUID.randomUUID().toString().substring(0, 13));
  }

  public static ThreadInfo thread(SiteId site, String key) {
    return new ThreadInfo(site, ThreadKey.of(key), "Title of " + key, "https://blog.example/" + key, false);
  }

  public static CommentId randomId() {
    return new CommentId(UUID.randomUUID());
  }

  /** A top-level, approved, plain comment of {@code thread} by an author with an email. */
  public static Comment.Builder comment(ThreadInfo thread, Instant created) {
    return Comment.builder()
        .id(randomId())
        .site(thread.site())
        .thread(thread.key())
        .author(new Author("Ada", "ada@example.org", "https://ada.example", null))
        .source("Hello")
        .format(Format.PLAIN)
        .html("<p>Hello</p>")
        .status(CommentStatus.APPROVED)
        .created(created);
  }

  /** A reply to {@code parent}, in its thread and under its root. */
  public static Comment.Builder reply(Comment parent, Instant created) {
    return Comment.builder()
        .id(randomId())
        .site(parent.site())
        .thread(parent.thread())
        .parentId(parent.id())
        .rootId(parent.rootId())
        .author(Author.named("Bob"))
        .source("Re: " + parent.source())
        .format(Format.PLAIN)
        .html("<p>Re</p>")
        .status(CommentStatus.APPROVED)
        .created(created);
  }
}
