package dev.talkback.benchmarks.jdbi;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's comments, the same on every run: {@link #THREADS} threads of one site, each with
 * {@link #ROOTS_PER_THREAD} top-level comments and {@link #REPLIES_PER_THREAD} replies (to a random earlier
 * comment of the thread, so at every depth), 94% approved, 4% pending, 2% deleted; texts of about 300
 * characters with some markup; ids time-ordered (version 7 UUIDs), as {@code Comments} makes them.
 */
final class BenchData {
  static final SiteId SITE = SiteId.of("bench");
  static final int THREADS = 10_000;
  static final int ROOTS_PER_THREAD = 50;
  static final int REPLIES_PER_THREAD = 50;
  static final int PER_THREAD = ROOTS_PER_THREAD + REPLIES_PER_THREAD;
  static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final String TEXT = "I tried this on my own blog and it worked, mostly. The part about caching "
      + "surprised me: a stale page is better than no page when the database is away. Two questions, "
      + "though: how does it behave with 10k comments on one post, and does the fallback replay keep the "
      + "original timestamps? Thanks for writing it up, and for the code samples that actually compile.";

  private BenchData() {}

  static ThreadKey threadKey(int i) {
    return ThreadKey.of("posts/2020/bench-post-" + i);
  }

  static ThreadInfo thread(int i) {
    return new ThreadInfo(SITE, threadKey(i), "Benchmark post " + i, "https://blog.example/bench-post-" + i, false);
  }

  /** The comments of thread {@code i}, parents before replies. */
  static List<Comment> comments(int i) {
    Random random = new Random(i);
    ThreadInfo t = thread(i);
    List<Comment> out = new ArrayList<>(PER_THREAD);
    Instant created = START.plusSeconds(3_600L * i);
    int roots = 0;
    int replies = 0;
    while (roots + replies < PER_THREAD) {
      created = created.plusMillis(1 + random.nextInt(60_000));
      boolean root = out.isEmpty() || replies >= REPLIES_PER_THREAD
          || (roots < ROOTS_PER_THREAD && random.nextBoolean());
      Comment.Builder b = comment(t, created, random).toBuilder();
      if (!root) {
        Comment parent = out.get(random.nextInt(out.size()));
        b.parentId(parent.id()).rootId(parent.rootId());
        replies++;
      } else {
        roots++;
      }
      out.add(b.build());
    }
    return out;
  }

  /** A new approved top-level comment of thread {@code t}. */
  static Comment comment(ThreadInfo t, Instant created, Random random) {
    int roll = random.nextInt(100);
    CommentStatus status = roll < 94 ? CommentStatus.APPROVED : roll < 98 ? CommentStatus.PENDING : CommentStatus.DELETED;
    int author = random.nextInt(5_000);
    String text = TEXT.substring(0, 200 + random.nextInt(TEXT.length() - 200));
    return Comment.builder()
        .id(timeOrdered(created, random))
        .site(t.site())
        .thread(t.key())
        .author(new Author("Reader " + author, "reader" + author + "@example.org", null, null))
        .source(text)
        .format(Format.PLAIN)
        .html("<p>" + text + "</p>")
        .status(status)
        .created(created)
        .editTokenHash("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
        .build();
  }

  /** A version 7 UUID for {@code created}: milliseconds first, then random bits. */
  static CommentId timeOrdered(Instant created, Random random) {
    long msb = (created.toEpochMilli() << 16) | 0x7000L | random.nextInt(1 << 12);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new CommentId(new UUID(msb, lsb));
  }
}
