package dev.talkback.comments.io;

import dev.talkback.comments.CommentRenderer;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.internal.CommentoParser;
import dev.talkback.comments.io.internal.DisqusParser;
import dev.talkback.comments.io.internal.Gzip;
import dev.talkback.comments.io.internal.IssoParser;
import dev.talkback.comments.io.internal.Remark42Parser;
import dev.talkback.comments.io.internal.ImportRun;
import dev.talkback.comments.io.internal.SourceContext;
import dev.talkback.comments.io.internal.SourceParser;
import dev.talkback.comments.io.internal.TalkbackParser;
import dev.talkback.comments.io.internal.Tally;
import dev.talkback.comments.io.internal.WxrParser;
import dev.talkback.comments.spi.CommentStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Imports comments from a file into a {@link CommentStore}: Talkback's own export, a Disqus XML export, a
 * WordPress WXR file, a Commento JSON export, an Isso generic JSON file or a Remark42 backup.
 *
 * <pre>{@code
 * Importer importer = Importer.builder()
 *     .store(store)
 *     .site(SiteId.DEFAULT)
 *     .threadKeys(ThreadKeyMapping.builder().rule("https://old.example/blog/", "posts/").build())
 *     .build();
 * ImportReport dry = importer.dryRun(ImportFormat.DISQUS, Path.of("disqus.xml"));   // stores nothing
 * ImportReport done = importer.importFile(ImportFormat.DISQUS, Path.of("disqus.xml"));
 * }</pre>
 *
 * <ul>
 *   <li><b>Nothing half-imported.</b> A file is read twice: first completely, checking every record into a
 *       temporary spool on disk; a malformed or truncated file, a wrong format or a DTD throws
 *       {@link ImportException} naming the line and column, and nothing is stored. Only then are the
 *       checked comments rendered, sanitized and stored, several threads at once
 *       ({@link Builder#parallelism}).
 *   <li><b>Re-runnable.</b> Ids are derived from (site, source, original id) (Talkback exports keep their
 *       own), and stores insert idempotently by id: importing a file again, or again after a crash or a
 *       store failure in the second pass, stores each comment once.
 *   <li><b>Constant memory.</b> Files are streamed (StAX, Jackson); the second pass holds one of 256
 *       buckets of threads at a time and at most 20,000 comments in its workers, plus the list of threads.
 *   <li><b>Never trusted.</b> Every body goes through {@link CommentRenderer}: the sanitizer posting uses.
 *   <li><b>Threads.</b> A thread's key comes from its URL by {@link ThreadKeyMapping}. A thread the store
 *       already has keeps its title, URL and closed flag, except from a Talkback export, which restores them.
 * </ul>
 *
 * <p>Immutable and thread-safe; each call is one import.
 */
public final class Importer {
  private final @Nullable CommentStore store;
  private final SiteId site;
  private final ThreadKeyMapping keys;
  private final CommentRenderer renderer;
  private final int batchSize;
  private final Path tempDirectory;
  private final @Nullable String sourceName;
  private final ImportProgress progress;
  private final int parallelism;

  private Importer(Builder b) {
    this.store = b.store;
    this.site = b.site;
    this.keys = b.keys;
    this.renderer = CommentRenderer.create(b.policy);
    this.batchSize = b.batchSize;
    this.tempDirectory = b.tempDirectory;
    this.sourceName = b.sourceName;
    this.progress = b.progress;
    this.parallelism = b.parallelism;
  }

  /** The most threads of comments an import works on at once ({@link Builder#parallelism}). */
  public static final int MAX_PARALLELISM = 64;

  /**
   * How many threads of comments an import works on at once unless told: the number of processors, at
   * least 2 and at most {@link #MAX_PARALLELISM}.
   *
   * @return the count
   */
  public static int defaultParallelism() {
    return Math.min(MAX_PARALLELISM, Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A builder with the defaults: site {@link SiteId#DEFAULT}, keys by URL path, batches of 500.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Imports a file. A gzip-compressed file (known by its first bytes, whatever its name) is decompressed as
   * it is read, as Commento's exports and Remark42's automatic backups come.
   *
   * @param format the file format
   * @param file the file to read
   * @return what was found and stored
   * @throws ImportException if the file is malformed, truncated (or its compression is), of another format,
   *     or has a DTD; nothing was stored
   * @throws IllegalStateException if the importer was built without a store
   * @throws UncheckedIOException if the file cannot be read
   */
  public ImportReport importFile(ImportFormat format, Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return importStream(format, in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /**
   * Imports what {@code in} holds, as {@link #importFile}; the stream is read to its end, not closed.
   *
   * @param format the file format
   * @param in the stream to read
   * @return what was found and stored
   */
  public ImportReport importStream(ImportFormat format, InputStream in) {
    if (store == null) {
      throw new IllegalStateException("this importer has no store: give one to the builder, or use dryRun()");
    }
    return run(format, in, store);
  }

  /**
   * Reads and checks a file as an import would, and reports what it would store, without storing: counts
   * per status, kind and thread, replies without parents, problems with their positions.
   *
   * @param format the file format
   * @param file the file to read
   * @return what an import would store
   * @throws ImportException if the file is malformed, truncated, of another format, or has a DTD
   */
  public ImportReport dryRun(ImportFormat format, Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return dryRun(format, in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /**
   * A dry run of what {@code in} holds, as {@link #dryRun(ImportFormat, Path)}.
   *
   * @param format the file format
   * @param in the stream to read
   * @return what an import would store
   */
  public ImportReport dryRun(ImportFormat format, InputStream in) {
    return run(format, in, null);
  }

  private ImportReport run(ImportFormat format, InputStream in, @Nullable CommentStore target) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(in, "in");
    InputStream content = Gzip.decompressed(in); // Commento's exports and Remark42's backups come gzipped
    SourceContext ctx = new SourceContext(site, sourceName == null ? format.id() : sourceName, keys, renderer);
    SourceParser parser = switch (format) {
      case TALKBACK -> new TalkbackParser();
      case DISQUS -> new DisqusParser(ctx);
      case WXR -> new WxrParser(ctx);
      case COMMENTO -> new CommentoParser(ctx);
      case ISSO -> new IssoParser(ctx);
      case REMARK42 -> new Remark42Parser(ctx);
    };
    Tally t = new ImportRun(ctx, target, store, format == ImportFormat.TALKBACK, batchSize, tempDirectory, progress,
        parallelism).run(parser, content);
    return new ImportReport(format, target == null, t.comments, t.created, t.existing, t.byStatus, t.byKind,
        t.byThread, t.orphans, t.skipped, t.problemCount, t.problems);
  }

  /** Configures an {@link Importer}; each setter checks its argument at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable CommentStore store;
    private SiteId site = SiteId.DEFAULT;
    private ThreadKeyMapping keys = ThreadKeyMapping.path();
    private ContentPolicy policy = ContentPolicy.builder().maxBodyLength(Integer.MAX_VALUE).build();
    private int batchSize = 1000;
    private Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private @Nullable String sourceName;
    private ImportProgress progress = ImportProgress.NONE;
    private int parallelism = defaultParallelism();

    private Builder() {}

    /**
     * Where comments are stored; not needed for {@link Importer#dryRun dry runs}.
     *
     * @param store the store to write to
     * @return this builder
     */
    public Builder store(CommentStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The site to import into (default {@link SiteId#DEFAULT}).
     *
     * @param site the site
     * @return this builder
     */
    public Builder site(SiteId site) {
      this.site = Objects.requireNonNull(site, "site");
      return this;
    }

    /**
     * How post URLs become thread keys (default {@link ThreadKeyMapping#path()}).
     *
     * @param keys how post URLs become thread keys
     * @return this builder
     */
    public Builder threadKeys(ThreadKeyMapping keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * The content policy of the sanitizer (images allowed or not). Default: {@link ContentPolicy}'s
     * defaults without a length limit, because an imported comment was already accepted by its source.
     *
     * @param policy the content policy
     * @return this builder
     */
    public Builder contentPolicy(ContentPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How many comments go to the store in one {@code insertAll} (default 1,000, the Jdbi store's transaction;
     * 1 to 10,000).
     *
     * @param batchSize comments per insertAll call
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("batch size must be between 1 and 10000: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Where the spool of checked records is written (default {@code java.io.tmpdir}); deleted afterwards.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder tempDirectory(Path dir) {
      this.tempDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * The source's name in derived ids (default the format's {@link ImportFormat#id() id}). Give two
     * WordPress blogs imported into one site different names, so that their comment numbers never meet.
     *
     * @param sourceName the name of the source
     * @return this builder
     */
    public Builder sourceName(String sourceName) {
      Objects.requireNonNull(sourceName, "sourceName");
      if (sourceName.isBlank()) {
        throw new IllegalArgumentException("source name must not be blank");
      }
      this.sourceName = sourceName;
      return this;
    }

    /**
     * How many threads of comments are rendered, sanitized and stored at once (default {@link
     * Importer#defaultParallelism()}; 1 to {@link Importer#MAX_PARALLELISM}). Each stores through its own {@code
     * insertAll} calls, so a store on a connection pool wants at least this many connections.
     *
     * @param threads how many workers
     * @return this builder
     */
    public Builder parallelism(int threads) {
      if (threads < 1 || threads > MAX_PARALLELISM) {
        throw new IllegalArgumentException("parallelism must be between 1 and " + MAX_PARALLELISM + ": " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Hears how the import is going (default nothing). In the second pass it is called from the workers, one
     * call at a time.
     *
     * @param progress the progress listener
     * @return this builder
     */
    public Builder progress(ImportProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * The importer.
     *
     * @return the importer
     */
    public Importer build() {
      return new Importer(this);
    }
  }
}
