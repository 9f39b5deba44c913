package dev.talkback.comments.io;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A site of {@code threads × perThread} comments of about 1 KB each that exists only as a
 * {@link CommentReader#siteComments} walk: nothing is held, so what an export holds is the exporter's own.
 * Every other read fails, to show the export does not use them. Run as a child JVM's main to export it.
 */
final class GeneratedSite implements CommentReader {
  private static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");
  private static final String BODY = "x".repeat(1000);

  private final int threads;
  private final int perThread;

  GeneratedSite(int threads, int perThread) {
    this.threads = threads;
    this.perThread = perThread;
  }

  static ThreadKey key(int t) {
    return ThreadKey.of(String.format("t%07d", t));
  }

  Comment comment(int t, int i) {
    CommentId id = new CommentId(new UUID(t + 1L, i + 1L));
    CommentId parent = i == 0 ? null : new CommentId(new UUID(t + 1L, i));
    return Comment.builder().id(id).site(SiteId.DEFAULT).thread(key(t)).parentId(parent)
        .rootId(new CommentId(new UUID(t + 1L, 1L)))
        .author(new Author("Author " + i, "a" + i + "@example.org", null, null))
        .source(BODY).format(Format.PLAIN).html("<p>" + BODY + "</p>")
        .status(i % 10 == 9 ? CommentStatus.SPAM : CommentStatus.APPROVED)
        .created(BASE.plusSeconds(i)).build();
  }

  @Override
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    int t = 0;
    int i = 0;
    if (after != null) {
      t = Integer.parseInt(after.thread().value().substring(1));
      i = (int) (after.created().getEpochSecond() - BASE.getEpochSecond()) + 1;
    }
    List<Comment> page = new ArrayList<>(limit);
    while (page.size() < limit && t < threads) {
      if (i >= perThread) {
        t++;
        i = 0;
        continue;
      }
      page.add(comment(t, i++));
    }
    return page;
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    return Optional.of(ThreadInfo.of(site, thread, "Title " + thread.value()));
  }

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    throw new UnsupportedOperationException("find");
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    throw new UnsupportedOperationException("thread");
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> keys) {
    throw new UnsupportedOperationException("counts");
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    throw new UnsupportedOperationException("byStatus: the export must walk the site, not hold it");
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    throw new UnsupportedOperationException("byAuthor");
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    throw new UnsupportedOperationException("hasApproved");
  }

  /**
   * Exports a generated site to nowhere and prints how many comments and bytes were written; with
   * {@code hold} as third argument, keeps every comment instead (the control: it must run out of memory).
   *
   * @param args threads, comments per thread, and optionally {@code hold}
   */
  public static void main(String[] args) {
    GeneratedSite site = new GeneratedSite(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    if (args.length > 2 && args[2].equals("hold")) {
      List<Comment> held = new ArrayList<>();
      List<Comment> page = site.siteComments(SiteId.DEFAULT, null, 1000);
      while (!page.isEmpty()) {
        held.addAll(page);
        page = site.siteComments(SiteId.DEFAULT, SitePosition.of(page.get(page.size() - 1)), 1000);
      }
      System.out.println("held " + held.size());
      return;
    }
    long[] bytes = new long[1];
    OutputStream sink = new OutputStream() {
      @Override
      public void write(int b) {
        bytes[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        bytes[0] += len;
      }
    };
    for (ExportFormat format : ExportFormat.values()) {
      long n = Exporter.builder(site).build().export(format, sink);
      System.out.println(format.id() + " exported " + n + " comments");
    }
    System.out.println("bytes " + bytes[0]);
  }
}
