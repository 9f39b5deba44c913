package dev.talkback.comments.io;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.ExportThread;
import dev.talkback.comments.io.internal.TalkbackWriter;
import dev.talkback.comments.io.internal.WxrWriter;
import dev.talkback.comments.spi.CommentReader;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes every comment of a site, whatever its status, with its thread's title, URL and closed flag.
 *
 * <pre>{@code
 * Exporter exporter = Exporter.builder(store).site(SiteId.DEFAULT).build();
 * try (OutputStream out = Files.newOutputStream(Path.of("comments.jsonl"))) {
 *   exporter.export(ExportFormat.TALKBACK, out);
 * }
 * }</pre>
 *
 * <p>The output is deterministic: threads in key order, each followed by its comments oldest first (ties
 * by id). With the same store contents and clock, two exports are byte-identical, and so is the export of a
 * store that imported that export. The export reads the site's comments through
 * {@link CommentReader#byStatus}, so it holds them in memory while it writes (about 1 KB each).
 *
 * <p>Immutable and thread-safe.
 */
public final class Exporter {
  private final CommentReader reader;
  private final SiteId site;
  private final Clock clock;

  private Exporter(Builder b) {
    this.reader = b.reader;
    this.site = b.site;
    this.clock = b.clock;
  }

  /**
   * A builder that reads from {@code reader}: site {@link SiteId#DEFAULT}, the UTC system clock.
   *
   * @param reader the store to read from
   * @return a new builder
   */
  public static Builder builder(CommentReader reader) {
    return new Builder(Objects.requireNonNull(reader, "reader"));
  }

  /**
   * Writes the site's comments to {@code out} (UTF-8), which is flushed but not closed.
   *
   * @param format the file format
   * @param out where to write
   * @return how many comments were written
   */
  public long export(ExportFormat format, OutputStream out) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    Instant now = clock.instant();
    List<ExportThread> threads = threads();
    long n = 0;
    if (format == ExportFormat.TALKBACK) {
      try (TalkbackWriter w = new TalkbackWriter(out)) {
        w.header(site, now);
        for (ExportThread t : threads) {
          w.thread(t.info());
          for (Comment c : t.comments()) {
            w.comment(c);
            n++;
          }
        }
      }
    } else {
      try (WxrWriter w = new WxrWriter(out, site, now)) {
        for (ExportThread t : threads) {
          w.thread(t);
          n += t.comments().size();
        }
      }
    }
    return n;
  }

  private List<ExportThread> threads() {
    Map<String, List<Comment>> byThread = new TreeMap<>();
    for (CommentStatus s : CommentStatus.values()) {
      for (Comment c : reader.byStatus(site, s, Integer.MAX_VALUE)) {
        byThread.computeIfAbsent(c.thread().value(), k -> new ArrayList<>()).add(c);
      }
    }
    List<ExportThread> threads = new ArrayList<>(byThread.size());
    Comparator<Comment> order = Comparator.comparing(Comment::created).thenComparing(Comment::id);
    for (Map.Entry<String, List<Comment>> e : byThread.entrySet()) {
      ThreadKey key = ThreadKey.of(e.getKey());
      ThreadInfo info = reader.threadInfo(site, key).orElse(ThreadInfo.of(site, key, ""));
      List<Comment> comments = e.getValue();
      comments.sort(order);
      threads.add(new ExportThread(info, comments));
    }
    return threads;
  }

  /** Configures an {@link Exporter}. Not thread-safe. */
  public static final class Builder {
    private final CommentReader reader;
    private SiteId site = SiteId.DEFAULT;
    private Clock clock = Clock.systemUTC();

    private Builder(CommentReader reader) {
      this.reader = reader;
    }

    /**
     * The site to export (default {@link SiteId#DEFAULT}).
     *
     * @param site the site
     * @return this builder
     */
    public Builder site(SiteId site) {
      this.site = Objects.requireNonNull(site, "site");
      return this;
    }

    /**
     * The clock of the header's export time (default the UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The exporter.
     *
     * @return the exporter
     */
    public Exporter build() {
      return new Exporter(this);
    }
  }
}
