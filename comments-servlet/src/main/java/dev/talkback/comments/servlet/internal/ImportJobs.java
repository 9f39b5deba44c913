package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comments;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.ImportException;
import dev.talkback.comments.io.ImportFormat;
import dev.talkback.comments.io.ImportProgress;
import dev.talkback.comments.io.ImportReport;
import dev.talkback.comments.io.Importer;
import dev.talkback.comments.io.ThreadKeyMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moderation page's imports, kept on the server so a reload of the page (or another tab) finds them
 * again: for each site its latest job, from the uploaded file through the dry run ({@link State#CHECKING},
 * then {@link State#CHECKED} with the report) to the import ({@link State#IMPORTING}, then {@link State#DONE}
 * or {@link State#FAILED}). One file is read at a time on this node, whatever its site: a second upload or
 * import while one runs is refused (409). The uploaded file waits in a temporary file until it is imported
 * or discarded, or the next upload of its site replaces it. Jobs live in memory: a restart forgets them (and
 * a re-run of the same file stores nothing twice). Threadsafe.
 */
final class ImportJobs {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
  /** The upload limit when none is configured: 256 MiB, some 350,000 Disqus comments. */
  static final long DEFAULT_MAX_UPLOAD_BYTES = 256L << 20;

  /** Where a job is. */
  enum State {
    /** The dry run reads and checks the file. */
    CHECKING,
    /** The dry run is done: the moderator reads the report and imports or discards. */
    CHECKED,
    /** The file is being stored. */
    IMPORTING,
    /** Stored. */
    DONE,
    /** The file is bad, or storing failed: see the error. */
    FAILED
  }

  /** One uploaded file and what became of it. Its fields are written by one worker and read by pages. */
  static final class Job {
    final String id;
    final SiteId site;
    final ImportFormat format;
    final String filename;
    final long bytes;
    final Path file;
    final ThreadKeyMapping keys;
    final Instant uploaded;
    volatile State state = State.CHECKING;
    volatile long done;
    volatile long total = -1;
    volatile ImportProgress.Phase phase = ImportProgress.Phase.READING;
    volatile @Nullable ImportReport checked;
    volatile @Nullable ImportReport imported;
    volatile @Nullable String error;
    volatile @Nullable Instant finished;

    Job(String id, SiteId site, ImportFormat format, String filename, long bytes, Path file, ThreadKeyMapping keys,
        Instant uploaded) {
      this.id = id;
      this.site = site;
      this.format = format;
      this.filename = filename;
      this.bytes = bytes;
      this.file = file;
      this.keys = keys;
      this.uploaded = uploaded;
    }

    boolean running() {
      State s = state;
      return s == State.CHECKING || s == State.IMPORTING;
    }

    private ImportProgress progress() {
      return (p, d, t) -> {
        phase = p;
        done = d;
        total = t;
      };
    }
  }

  private final Comments comments;
  private final Executor executor;
  private final Path tempDir;
  private final long maxBytes;
  private final Clock clock;
  private final Map<SiteId, Job> latest = new ConcurrentHashMap<>();
  private final AtomicReference<@Nullable Job> running = new AtomicReference<>();

  /**
   * @param comments whose store the imports write to
   * @param executor runs each dry run and import; one task per job step
   * @param tempDir where uploads wait
   * @param maxBytes the largest upload
   * @param clock for the jobs' times
   */
  ImportJobs(Comments comments, Executor executor, Path tempDir, long maxBytes, Clock clock) {
    this.comments = comments;
    this.executor = executor;
    this.tempDir = tempDir;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** An executor that runs each task on a new daemon thread: imports are rare and long. */
  static Executor daemonThreads() {
    return task -> {
      Thread t = new Thread(task, "talkback-admin-import");
      t.setDaemon(true);
      t.start();
    };
  }

  long maxBytes() {
    return maxBytes;
  }

  static HttpProblem tooLarge(long maxBytes) {
    return new HttpProblem(413, "upload_too_large", "File too large", "the file is larger than the upload limit of "
        + megabytes(maxBytes) + " (" + maxBytes + " bytes); import it with the command line (talkback.jar import,"
        + " see docs/import-export.md), or raise the limit (CommentsServlet.Builder.maxImportBytes)");
  }

  static String megabytes(long bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }

  /** The site's latest job, running or finished. */
  Optional<Job> latest(SiteId site) {
    return Optional.ofNullable(latest.get(site));
  }

  /** Refuses when a file is being read on this node: before a new upload is even read. */
  void refuseIfBusy(SiteId site) {
    Job r = running.get();
    if (r != null) {
      throw busy(r, site);
    }
  }

  private static HttpProblem busy(Job r, SiteId site) {
    return new HttpProblem(409, "import_running", "An import is running", r.site.equals(site)
        ? "this site's file " + r.filename + " is being " + (r.state == State.CHECKING ? "checked" : "imported")
            + "; wait until it has finished, then try again"
        : "another site's file is being imported on this server, and one file is read at a time; try again"
            + " in a few minutes");
  }

  /** A new temporary file for an upload. */
  Path newUpload() {
    try {
      return Files.createTempFile(tempDir, "talkback-upload-", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary file for the upload in " + tempDir, e);
    }
  }

  /**
   * Starts the dry run of an uploaded file; the site's previous job is forgotten (its file deleted).
   *
   * @throws HttpProblem 409 if a file is being read
   */
  Job check(SiteId site, ImportFormat format, String filename, long bytes, Path file, ThreadKeyMapping keys) {
    Job job = new Job(Secrets.randomToken(), site, format, filename, bytes, file, keys, clock.instant());
    Job other = running.get();
    if (other != null || !running.compareAndSet(null, job)) {
      delete(file);
      throw busy(other != null ? other : job, site);
    }
    Job previous = latest.put(site, job);
    if (previous != null && previous != job) {
      delete(previous.file);
    }
    run(job, () -> {
      job.checked = importer(job).build().dryRun(format, file);
      job.state = State.CHECKED;
    });
    return job;
  }

  /**
   * Imports a checked file.
   *
   * @throws HttpProblem 404 if the site's latest job is not {@code id}; 409 if it is not checked or a file is
   *     being read
   */
  Job start(SiteId site, String id) {
    Job job = find(site, id);
    if (job.state != State.CHECKED) {
      throw new HttpProblem(409, "import_not_checked", "Not ready to import", job.state == State.DONE
          ? "this file was imported already; upload it again to import it again (nothing is stored twice)"
          : "only a file whose dry run has finished can be imported");
    }
    Job other = running.get();
    if (other != null || !running.compareAndSet(null, job)) {
      throw busy(other != null ? other : job, site);
    }
    job.done = 0;
    job.total = -1;
    job.phase = ImportProgress.Phase.READING;
    job.state = State.IMPORTING;
    run(job, () -> {
      try {
        job.imported = importer(job).store(comments.moderation().importStore()).build().importFile(job.format,
            job.file);
        job.state = State.DONE;
      } finally {
        delete(job.file);
      }
    });
    return job;
  }

  /** Forgets a job that is not running, and deletes its file. */
  void discard(SiteId site, String id) {
    Job job = find(site, id);
    if (job.running()) {
      throw new HttpProblem(409, "import_running", "An import is running", "a running import cannot be discarded;"
          + " wait until it has finished");
    }
    latest.remove(site, job);
    delete(job.file);
  }

  private Job find(SiteId site, String id) {
    Job job = latest.get(site);
    if (job == null || !job.id.equals(id)) {
      throw HttpProblem.notFound("no such import on this site: it was replaced by a newer upload, discarded, or"
          + " the server was restarted; upload the file again");
    }
    return job;
  }

  private Importer.Builder importer(Job job) {
    return Importer.builder().site(job.site).threadKeys(job.keys).tempDirectory(tempDir).progress(job.progress())
        .parallelism(2);
  }

  private void run(Job job, Runnable step) {
    Runnable task = () -> {
      try {
        step.run();
      } catch (ImportException e) {
        job.error = e.getMessage();
        job.state = State.FAILED;
      } catch (CommentsException | UncheckedIOException | IllegalStateException e) {
        LOG.warn("import {} of {} on site {} failed", job.id, job.filename, job.site, e);
        job.error = "the import stopped: " + e.getMessage()
            + ". What was stored stays; import the file again to store the rest (nothing is stored twice)";
        job.state = State.FAILED;
      } catch (RuntimeException | Error e) {
        LOG.error("import {} of {} on site {} failed", job.id, job.filename, job.site, e);
        job.error = "the import stopped on an unexpected error (" + e.getClass().getSimpleName()
            + "); the server's log has the details. Import the file again to store the rest";
        job.state = State.FAILED;
      } finally {
        job.finished = clock.instant();
        if (job.state == State.FAILED) {
          delete(job.file);
        }
        running.compareAndSet(job, null);
      }
    };
    try {
      executor.execute(task);
    } catch (RuntimeException e) {
      running.compareAndSet(job, null);
      job.state = State.FAILED;
      job.error = "the server could not start the import: " + e;
      delete(job.file);
      throw e;
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete the uploaded file {}", file, e);
    }
  }
}
