package dev.talkback.comments.io.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentRenderer;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.CommentKind;
import dev.talkback.comments.io.ImportProblem;
import dev.talkback.comments.io.ImportProgress;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StorableText;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One import, in two passes. The first reads the whole file with the format's parser, checks every
 * record, has the {@code parallelism} workers render and sanitize the bodies while the parser reads on, and
 * spools the records to disk in file order; a bad file throws there, before anything is stored. The second
 * reads the spool one bucket of threads at a time and hands each thread to one of the workers, which
 * resolves its parents (a reply whose parent is missing
 * becomes top-level; a cycle is broken), orders parents before replies and stores it in batches through
 * {@link CommentStore#insertAll}, which is idempotent by id. Threads are independent, so workers never
 * wait for each other; at most {@value #IN_FLIGHT} records are held by workers at once, which bounds
 * memory whatever the file's size. A dry run does the same without storing.
 */
public final class ImportRun {
  /** Records held by workers at once, at most (a thread larger than this is taken alone). */
  static final int IN_FLIGHT = 20_000;
  /** A name no store could keep is shortened to this many code points (at most 4 bytes each: far below 64 KiB). */
  static final int MAX_NAME = 255;
  /** A thread title no store could keep is shortened to this many code points. */
  static final int MAX_TITLE = 1_000;
  /** Records per rendering task of the first pass. */
  static final int RENDER_BATCH = 64;
  /** Rendering tasks of the first pass waiting to be spooled, at most. */
  static final int PENDING_BATCHES = 32;
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final SourceContext ctx;
  private final SiteId site;
  private final @Nullable CommentStore store;
  private final @Nullable CommentReader earlier;
  private final boolean restoreThreads;
  private final int batchSize;
  private final Path tempDir;
  private final ImportProgress progress;
  private final int parallelism;
  private final Tally totals = new Tally();
  private final Map<String, SourceThread> threads = new HashMap<>();
  private final Set<String> stored = new HashSet<>();
  private Map<CommentId, String> repeated = Map.of();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private long done;
  private long total;

  /**
   * An import run.
   *
   * @param ctx the site, the source's name and the renderer
   * @param store where to store, or null for a dry run
   * @param earlier where comments of earlier imports are found (the importer's store, in a dry run too), or
   *     null: a reply whose parent is not in the file keeps it if this has it in the same thread (a site exported
   *     in several files, imported one file per call)
   * @param restoreThreads whether each thread's title, URL and closed flag replace the stored ones (Talkback
   *     exports); otherwise they are only used for threads the store does not have yet
   * @param batchSize comments per insertAll call
   * @param tempDir where the spool goes
   * @param progress the progress listener; called from the workers, one call at a time
   * @param parallelism how many threads of comments are rendered and stored at once
   */
  public ImportRun(SourceContext ctx, @Nullable CommentStore store, @Nullable CommentReader earlier,
      boolean restoreThreads, int batchSize, Path tempDir, ImportProgress progress, int parallelism) {
    this.ctx = ctx;
    this.site = ctx.site();
    this.store = store;
    this.earlier = earlier;
    this.restoreThreads = restoreThreads;
    this.batchSize = batchSize;
    this.tempDir = tempDir;
    this.progress = progress;
    this.parallelism = parallelism;
  }

  /**
   * Runs the import.
   *
   * @param parser the format's parser
   * @param in the stream to read
   * @return the counts of the import
   */
  public Tally run(SourceParser parser, InputStream in) {
    ExecutorService workers = Executors.newFixedThreadPool(parallelism, daemons());
    try (Spool spool = new Spool(tempDir)) {
      Renderings renderings = new Renderings(spool, workers);
      parser.parse(in, new RecordSink() {
        @Override
        public void thread(SourceThread thread) {
          threads.put(thread.ref(), thread);
        }

        @Override
        public void comment(ImportRecord record) {
          renderings.add(record);
        }

        @Override
        public void skipped(ImportProblem problem) {
          totals.skipped++;
          totals.problem(problem);
        }

        @Override
        public void problem(ImportProblem problem) {
          totals.problem(problem);
        }
      });
      renderings.finish();
      spool.flush();
      progress.update(ImportProgress.Phase.READING, spool.count(), spool.count());
      repeated = spool.repeatedIds(totals::problem);
      total = spool.count();
      secondPass(spool, workers);
      if (store != null && restoreThreads) {
        for (SourceThread t : threads.values()) {
          if (!stored.contains(t.ref()) && t.key() != null) {
            store.saveThread(new ThreadInfo(site, t.key(), t.title(), t.url(), t.closed()));
          }
        }
      }
      if (store != null && totals.created > 0) {
        store.afterBulkLoad(); // fresh planner statistics before readers come to the imported threads
      }
      totals.problems.sort(Comparator.comparingLong(ImportProblem::line).thenComparingLong(ImportProblem::column));
      return totals;
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Renders and sanitizes the bodies of the first pass on the workers while the parser reads on (the
   * parser is one thread; without this the first pass left the other cores idle), and spools the rendered
   * records in file order. At most {@value #PENDING_BATCHES} batches of {@value #RENDER_BATCH} records wait
   * at once. The workers also serialize each record, so the parser's thread only copies bytes into the spool;
   * problems of a batch are reported when it is spooled, so they come from the parser's thread.
   */
  private final class Renderings {
    private final Spool spool;
    private final ExecutorService workers;
    private final ArrayDeque<Future<Rendered>> pending = new ArrayDeque<>();
    private List<ImportRecord> batch = new ArrayList<>(RENDER_BATCH);

    Renderings(Spool spool, ExecutorService workers) {
      this.spool = spool;
      this.workers = workers;
    }

    void add(ImportRecord record) {
      batch.add(record);
      if (batch.size() == RENDER_BATCH) {
        submit();
      }
    }

    void finish() {
      if (!batch.isEmpty()) {
        submit();
      }
      while (!pending.isEmpty()) {
        spoolNext();
      }
    }

    private void submit() {
      List<ImportRecord> records = batch;
      batch = new ArrayList<>(RENDER_BATCH);
      pending.add(workers.submit(() -> {
        Tally problems = new Tally();
        List<ImportRecord> rendered = render(records, problems);
        List<byte[]> serialized = new ArrayList<>(rendered.size());
        for (ImportRecord r : rendered) {
          serialized.add(Spool.serialize(r));
        }
        return new Rendered(rendered, serialized, problems.problems);
      }));
      while (pending.size() > PENDING_BATCHES) {
        spoolNext();
      }
    }

    private void spoolNext() {
      Rendered done;
      try {
        done = pending.remove().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the import's bodies were rendered", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(e.getCause());
      }
      done.problems().forEach(totals::problem);
      for (int i = 0; i < done.records().size(); i++) {
        spool.add(done.records().get(i), done.serialized().get(i));
        if (spool.count() % 1000 == 0) {
          progress.update(ImportProgress.Phase.READING, spool.count(), -1);
        }
      }
    }
  }

  /** A batch of records with their bodies rendered, their bytes in the spool, and the problems rendering found. */
  private record Rendered(List<ImportRecord> records, List<byte[]> serialized, List<ImportProblem> problems) {}

  private void secondPass(Spool spool, ExecutorService workers) {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<Future<?>> tasks = new ArrayList<>();
    for (int b = 0; b < spool.buckets() && failure.get() == null; b++) {
      Map<String, List<ImportRecord>> byThread = new LinkedHashMap<>();
      for (ImportRecord r : spool.bucket(b)) {
        byThread.computeIfAbsent(r.threadRef(), k -> new ArrayList<>()).add(r);
      }
      for (Map.Entry<String, List<ImportRecord>> e : byThread.entrySet()) {
        if (failure.get() != null) {
          break;
        }
        String ref = e.getKey();
        List<ImportRecord> records = e.getValue();
        stored.add(ref);
        int permits = Math.min(records.size(), IN_FLIGHT);
        inFlight.acquireUninterruptibly(permits);
        tasks.add(workers.submit(() -> {
          try {
            if (failure.get() == null) {
              thread(ref, records);
            }
          } catch (RuntimeException | Error t) {
            failure.compareAndSet(null, t);
          } finally {
            inFlight.release(permits);
          }
        }));
      }
      tasks.removeIf(Future::isDone);
    }
    for (Future<?> f : tasks) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the import's workers ran", e);
      } catch (ExecutionException e) {
        failure.compareAndSet(null, e.getCause());
      }
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  private static ThreadFactory daemons() {
    int run = RUNS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "talkback-import-" + run + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One thread's comments, on a worker: rendered, resolved, stored; its counts merged at the end. */
  private void thread(String ref, List<ImportRecord> records) {
    Tally local = new Tally();
    try {
      thread(ref, records, local);
    } finally {
      synchronized (totals) {
        totals.add(local);
        done += records.size();
        progress.update(store == null ? ImportProgress.Phase.CHECKING : ImportProgress.Phase.STORING, done, total);
      }
    }
  }

  private void thread(String ref, List<ImportRecord> records, Tally tally) {
    SourceThread source = threads.get(ref);
    ThreadKey key = source == null ? null : source.key();
    if (source == null || key == null) {
      for (ImportRecord r : records) {
        tally.skipped++;
        tally.problem(new ImportProblem(r.line(), r.column(), r.originalId(), source == null
            ? "the comment's thread " + ref + " is not in the file: skipped"
            : "the comment's thread (line " + source.line() + ") has no URL or identifier to make a key of: skipped"));
      }
      return;
    }
    ThreadInfo info = storable(new ThreadInfo(site, key, source.title(), source.url(), source.closed()), source,
        tally);
    List<ImportRecord> scoped = render(scopeRepeatedIds(records, source), tally);
    List<Comment> ordered = resolve(scoped, source, key, tally);
    if (store != null && !ordered.isEmpty()) {
      if (restoreThreads) {
        store.saveThread(info);
      }
      // otherwise insertAll creates a thread the store lacks from info (closed flag included) and leaves an
      // existing one as it is: no lookup, no extra commit
      for (int i = 0; i < ordered.size(); i += batchSize) {
        List<InsertResult> results = store.insertAll(info, ordered.subList(i, Math.min(ordered.size(), i + batchSize)));
        for (InsertResult r : results) {
          if (r.outcome() == InsertResult.Outcome.EXISTING) {
            tally.existing++;
          } else {
            tally.created++;
          }
        }
      }
    }
    if (store != null) {
      // likes cannot be inserted (a new comment has none); they come back as one like per synthetic client,
      // which is idempotent too: a second import adds none. One call a comment: one transaction in a database
      for (ImportRecord r : scoped) {
        if (r.likes() > 0) {
          List<String> clients = new ArrayList<>(r.likes());
          for (int i = 1; i <= r.likes(); i++) {
            clients.add("talkback-import:" + i);
          }
          store.likeAll(site, r.id(), clients);
        }
      }
    }
  }

  /** Renders and sanitizes each body that the spool holds as read: the same sanitizer posting uses. */
  private List<ImportRecord> render(List<ImportRecord> records, Tally tally) {
    List<ImportRecord> rendered = new ArrayList<>(records.size());
    for (ImportRecord r : records) {
      if (r.html() != null) {
        rendered.add(r);
      } else {
        CommentRenderer.Result body = ctx.render(r.source(), r.format(), r.line(), r.column(), r.originalId(),
            tally::problem);
        rendered.add(r.withBody(body.source(), body.html()));
      }
    }
    return rendered;
  }

  /**
   * Gives a comment whose id the file already used in another thread (and a reply to it in this thread) an
   * id scoped by this thread's stable identity, so nothing is merged and a re-import gives the same ids.
   */
  private List<ImportRecord> scopeRepeatedIds(List<ImportRecord> records, SourceThread source) {
    if (repeated.isEmpty()) {
      return records;
    }
    List<ImportRecord> scoped = new ArrayList<>(records.size());
    for (ImportRecord r : records) {
      CommentId parent = r.parentId();
      CommentId newParent = parent == null ? null : scope(parent, source);
      ImportRecord s = r.withId(scope(r.id(), source));
      scoped.add(Objects.equals(newParent, parent) ? s : s.withParent(newParent));
    }
    return scoped;
  }

  private CommentId scope(CommentId id, SourceThread source) {
    String owner = repeated.get(id);
    return owner == null || owner.equals(source.ref()) ? id : Ids.scoped(id, source.identity());
  }

  /** The thread's comments, parents resolved, parents before replies; also counts them. */
  private List<Comment> resolve(List<ImportRecord> records, SourceThread source, ThreadKey key, Tally tally) {
    Map<CommentId, ImportRecord> byId = new HashMap<>();
    List<ImportRecord> unique = new ArrayList<>(records.size());
    for (ImportRecord r : records) {
      if (byId.putIfAbsent(r.id(), r) != null) {
        tally.skipped++;
        tally.problem(new ImportProblem(r.line(), r.column(), r.originalId(), "a second record with this id: skipped"));
      } else {
        unique.add(r);
      }
    }
    Map<CommentId, CommentId> roots = new HashMap<>();
    Map<CommentId, Integer> depths = new HashMap<>();
    for (int i = 0; i < unique.size(); i++) {
      ImportRecord r = unique.get(i);
      CommentId parent = r.parentId();
      if (parent != null && !byId.containsKey(parent) && !roots.containsKey(parent)) {
        Comment before = storedParent(parent, key);
        if (before != null) {
          roots.put(parent, before.rootId()); // resolved: the reply's root is its parent's
          depths.put(parent, 0);
        }
      }
      if (parent != null && !byId.containsKey(parent) && !roots.containsKey(parent)) {
        tally.orphans++;
        tally.problem(new ImportProblem(r.line(), r.column(), r.originalId(),
            "a reply whose parent is not in the file (or not in the same thread): imported top-level"));
        r = r.withParent(null);
      }
      if (source.deleted() && (r.status() == CommentStatus.APPROVED || r.status() == CommentStatus.PENDING)) {
        r = r.withStatus(CommentStatus.DELETED);
      }
      unique.set(i, r);
      byId.put(r.id(), r);
    }
    if (source.deleted()) {
      tally.problem(new ImportProblem(source.line(), 0, source.ref(),
          "the thread was deleted in the source: its comments are imported as deleted"));
    }
    for (ImportRecord r : unique) {
      root(r, byId, roots, depths, tally);
    }
    List<ImportRecord> sorted = new ArrayList<>(byId.values());
    sorted.sort(Comparator.<ImportRecord>comparingInt(r -> depths.getOrDefault(r.id(), 0))
        .thenComparing(ImportRecord::created).thenComparing(ImportRecord::id));
    List<Comment> comments = new ArrayList<>(sorted.size());
    for (ImportRecord r : sorted) {
      CommentId rootId = roots.get(r.id());
      comments.add(storable(Comment.builder().id(r.id()).site(site).thread(key).parentId(r.parentId())
          .rootId(rootId).author(r.author()).source(r.source()).format(r.format())
          .html(Objects.requireNonNull(r.html(), "rendered before it is resolved"))
          .status(r.status()).created(r.created()).edited(r.edited()).editTokenHash(r.editTokenHash())
          .ipHash(r.ipHash()).build(), r, tally));
      tally.comments++;
      tally.byStatus.merge(r.status(), 1L, Long::sum);
      tally.byKind.merge(CommentKind.of(r.author()), 1L, Long::sum);
      tally.byThread.merge(key, 1L, Long::sum);
    }
    return comments;
  }

  /**
   * The comment with the author fields that no store could keep (an email or user id too long to key the
   * author by, a field over 64 KiB, a NUL character) left out, and a name too long shortened, each reported:
   * emails and user ids are never shown, so the comment is kept without them rather than one record stopping
   * the import halfway (the store refuses such a comment). The text and times are checked by the store as always.
   */
  private Comment storable(Comment c, ImportRecord r, Tally tally) {
    List<Violation> violations = StorableText.violations(c.author());
    if (violations.isEmpty()) {
      return c;
    }
    Author a = c.author();
    for (Violation v : violations) {
      String what;
      switch (v.field()) {
        case "author.email" -> {
          a = a.withEmail(null);
          what = "kept without its author's email";
        }
        case "author.website" -> {
          a = a.withWebsite(null);
          what = "kept without its author's website";
        }
        case "author.userId" -> {
          a = a.withUserId(null);
          what = "kept without its author's user id";
        }
        case "author.name" -> {
          a = new Author(shortened(ctx.renderer().normalize(a.name()), MAX_NAME), a.email(), a.website(), a.userId());
          what = "kept with its author's name shortened";
        }
        default -> {
          continue; // violations(Author) names the four fields above only
        }
      }
      tally.problem(new ImportProblem(r.line(), r.column(), r.originalId(), what + ", which no store can keep: "
          + v.field() + " " + v.message()));
    }
    return a.equals(c.author()) ? c : c.toBuilder().author(a).build();
  }

  /** The thread with a title no store could keep shortened and such a URL left out, each reported. */
  private ThreadInfo storable(ThreadInfo info, SourceThread source, Tally tally) {
    List<Violation> violations = StorableText.violations(info);
    ThreadInfo mended = info;
    for (Violation v : violations) {
      if (v.field().equals("threadTitle")) {
        mended = new ThreadInfo(mended.site(), mended.key(),
            shortened(ctx.renderer().normalize(mended.title()), MAX_TITLE), mended.url(), mended.closed());
      } else if (v.field().equals("threadUrl")) {
        mended = new ThreadInfo(mended.site(), mended.key(), mended.title(), null, mended.closed());
      } else {
        continue;
      }
      tally.problem(new ImportProblem(source.line(), 0, source.ref(), "the thread is kept with its "
          + (v.field().equals("threadTitle") ? "title shortened" : "URL left out") + ", which no store can keep: "
          + v.field() + " " + v.message()));
    }
    return mended;
  }

  /** At most {@code max} code points of {@code s}, ended with "…" when cut. */
  private static String shortened(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** The parent stored by an earlier import in the same thread, or null. */
  private @Nullable Comment storedParent(CommentId parent, ThreadKey key) {
    if (earlier == null) {
      return null;
    }
    Comment c = earlier.find(site, parent).orElse(null);
    return c != null && c.thread().equals(key) ? c : null;
  }

  /** Walks up to the root, breaking a cycle by making the comment where it closes top-level. */
  private void root(ImportRecord start, Map<CommentId, ImportRecord> byId, Map<CommentId, CommentId> roots,
      Map<CommentId, Integer> depths, Tally tally) {
    List<ImportRecord> chain = new ArrayList<>();
    Set<CommentId> seen = new HashSet<>();
    ImportRecord r = start;
    while (!roots.containsKey(r.id())) {
      if (!seen.add(r.id())) {
        // a cycle: r is on it; make it top-level
        tally.orphans++;
        tally.problem(new ImportProblem(r.line(), r.column(), r.originalId(),
            "replies form a cycle through this comment: imported top-level"));
        ImportRecord top = r.withParent(null);
        byId.put(top.id(), top);
        roots.put(top.id(), top.id());
        depths.put(top.id(), 0);
        chain.remove(chain.indexOf(r));
        break;
      }
      chain.add(r);
      CommentId parent = r.parentId();
      if (parent == null) {
        roots.put(r.id(), r.id());
        depths.put(r.id(), 0);
        chain.remove(chain.size() - 1);
        break;
      }
      if (!byId.containsKey(parent) && roots.containsKey(parent)) {
        break; // a parent stored by an earlier import: resolved before the walk
      }
      ImportRecord up = byId.get(parent);
      if (up == null) {
        throw new IllegalStateException("parent " + parent + " was resolved but is missing");
      }
      r = up;
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      ImportRecord c = chain.get(i);
      ImportRecord current = byId.get(c.id());
      CommentId parent = current == null ? null : current.parentId();
      CommentId root = parent == null ? null : roots.get(parent);
      Integer depth = parent == null ? null : depths.get(parent);
      if (root == null || depth == null) {
        throw new IllegalStateException("the ancestors of " + c.id() + " were not resolved first");
      }
      roots.put(c.id(), root);
      depths.put(c.id(), depth + 1);
    }
  }
}
