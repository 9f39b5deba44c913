package dev.talkback.comments.io;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.TalkbackWriter;
import dev.talkback.comments.io.internal.WxrWriter;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.SitePosition;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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
 * by id; keys in code point order, see {@link SitePosition#compareKeys}). With the same store contents and clock, two exports are byte-identical, and so is the export of a
 * store that imported that export. The export walks the site with {@link CommentReader#siteComments}, a
 * page of 1,000 comments at a time, so its memory does not grow with the site (a WXR export also
 * keeps the export numbers of the current thread's comments).
 *
 * <p>Immutable and thread-safe.
 */
public final class Exporter {
  /** Comments read per page. */
  static final int PAGE = 1000;

  private final CommentReader reader;
  private final SiteId site;
  private final Clock clock;
  private final @Nullable String linkBase;

  private Exporter(Builder b) {
    this.reader = b.reader;
    this.site = b.site;
    this.clock = b.clock;
    this.linkBase = b.linkBase;
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
    return write(format, out, false, after -> reader.siteComments(site, after, PAGE));
  }

  /**
   * Writes one person's comments on the site, any status, with their threads (GDPR article 15: a copy of
   * the data stored about them), in the same format and order as {@link #export}. A Talkback file of them
   * imports like any other; their replies to others' comments import top-level, since the parents are not
   * in the file. In a WXR file such a reply has {@code comment_parent} 0, so that WordPress, which keeps a
   * parent number it did not import as it stands, does not attach it to an unrelated comment.
   *
   * @param format the file format
   * @param author by email (ignoring case) and/or host user id
   * @param out where to write; flushed, not closed
   * @return how many comments were written
   */
  public long exportAuthor(ExportFormat format, AuthorMatch author, OutputStream out) {
    Objects.requireNonNull(author, "author");
    return write(format, out, true, after -> reader.authorComments(site, author, after, PAGE));
  }

  /** Writes the pages; {@code partial}: parents may be missing from them (an author's comments only). */
  private long write(ExportFormat format, OutputStream out, boolean partial,
      Function<@Nullable SitePosition, List<Comment>> pages) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    Instant now = clock.instant();
    if (format == ExportFormat.TALKBACK) {
      try (TalkbackWriter w = new TalkbackWriter(out)) {
        w.header(site, now);
        return walk(pages, (t, first) -> w.thread(t), t -> { }, w::comment);
      }
    }
    try (WxrWriter w = new WxrWriter(out, site, now, partial, linkBase)) {
      return walk(pages, (t, first) -> w.startThread(t, first.created()), t -> w.endThread(), w::comment);
    }
  }

  /**
   * Reads the pages in order and hands each thread's info once, with its first comment, before that comment,
   * and its end after its last. The pages are in site order (thread, then created, then id), so the first
   * comment of a thread is its earliest. Holds one page at a time.
   */
  private long walk(Function<@Nullable SitePosition, List<Comment>> pages, BiConsumer<ThreadInfo, Comment> start,
      Consumer<ThreadInfo> end, Consumer<Comment> each) {
    long n = 0;
    ThreadInfo open = null;
    List<Comment> page = pages.apply(null);
    while (!page.isEmpty()) {
      for (Comment c : page) {
        if (open == null || !open.key().equals(c.thread())) {
          if (open != null) {
            end.accept(open);
          }
          ThreadKey key = c.thread();
          open = reader.threadInfo(site, key).orElse(ThreadInfo.of(site, key, ""));
          start.accept(open, c);
        }
        each.accept(c);
        n++;
      }
      page = pages.apply(SitePosition.of(page.get(page.size() - 1)));
    }
    if (open != null) {
      end.accept(open);
    }
    return n;
  }

  /** Configures an {@link Exporter}. Not thread-safe. */
  public static final class Builder {
    private final CommentReader reader;
    private SiteId site = SiteId.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private @Nullable String linkBase;

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
     * The site's address, from which a WXR export makes the {@code <link>} of a thread whose URL was never
     * saved ({@link dev.talkback.comments.ThreadInfo#url()} empty), with the thread key percent-encoded as a
     * path (an escape already in it, as in keys made from URLs, is kept): a key is put under the base ({@code https://blog.example/blog/} and key {@code posts/a} give
     * {@code https://blog.example/blog/posts/a}), and a key that starts with a slash, a path from the site's
     * root, goes after the base's scheme, host and port ({@code /posts/a} gives
     * {@code https://blog.example/posts/a}). Disqus wants every item's link to be the page's absolute URL.
     * Without a base such a link is the key. A saved URL is always written as it is, and a Talkback export is
     * not affected (it keeps the URL as stored, or none).
     *
     * @param url an absolute http or https URL with a host and no user name, query or fragment
     * @return this builder
     * @throws IllegalArgumentException if {@code url} is not one
     */
    public Builder linkBase(String url) {
      Objects.requireNonNull(url, "url");
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("the link base must be an absolute http or https URL: " + e.getMessage(),
            e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
          || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("the link base must be an absolute http or https URL with a host and no "
            + "user name, query or fragment, such as https://blog.example/: " + url);
      }
      this.linkBase = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
