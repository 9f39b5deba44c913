package dev.talkback.comments.fallback;

import static dev.talkback.comments.fallback.Fixtures.SITE;
import static dev.talkback.comments.fallback.Fixtures.THREAD;
import static dev.talkback.comments.fallback.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.testing.FaultyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, findings 5 and 8: the spool's disk stops taking writes (here: the spool file and its directory
 * made immutable with {@code chattr +i}, which the kernel enforces even for root, on an open file too)
 * while the database comes back. A local I/O failure is not the database refusing a comment: nothing lands
 * in {@code .rejected}, the store goes back to read-write, health says the disk is the problem, and a
 * reader's 503 message shows neither the spool's path nor the operating system's words.
 */
class SpoolDiskFailureTest {
  private static final Duration DEADLINE = Duration.ofMillis(500);

  @TempDir Path dir;

  private final FaultyStore primary = new FaultyStore();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<Path> immutable = new ArrayList<>();
  private Path spoolFile;
  private FallbackCommentStore store;

  @BeforeEach
  void open() {
    spoolFile = dir.resolve("spool").resolve("talkback-spool.log");
    store = FallbackCommentStore.builder()
        .primary(primary)
        .spool(FileWriteSpool.open(spoolFile))
        .readDeadline(DEADLINE)
        .writeDeadline(DEADLINE)
        .probeInterval(Duration.ofSeconds(10))
        .scheduler(scheduler)
        .build();
  }

  @AfterEach
  void close() throws Exception {
    for (Path p : immutable) {
      chattr("-i", p);
    }
    store.close();
  }

  @Test
  @DisplayName("database back while the spool's disk is read-only: replayed, read-write, nothing set aside, health names the disk")
  void replay_spoolDiskReadOnly_storeRecoversAndNothingIsRejected() throws Exception {
    primary.failWrites(true);
    primary.failReads(true);
    List<Comment> queued = List.of(comment("one"), comment("two"), comment("three"));
    for (Comment c : queued) {
      assertThat(store.insert(THREAD, c).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
    }
    makeImmutable(spoolFile);
    makeImmutable(spoolFile.getParent());

    primary.recover();
    scheduler.runPending();

    assertThat(store.mode()).as("the database is back: a local disk does not keep the store read-only")
        .isEqualTo(StoreMode.READ_WRITE);
    for (Comment c : queued) {
      assertThat(primary.find(SITE, c.id())).contains(c);
    }
    assertThat(Files.exists(spoolFile.resolveSibling("talkback-spool.log.rejected")))
        .as("a stored comment is never set aside as refused").isFalse();
    StoreHealth h = store.health();
    assertThat(h.spoolDepth()).isZero();
    assertThat(h.spoolError()).as("health says the disk is the problem").hasValueSatisfying(
        e -> assertThat(e).contains(spoolFile.toString()));
    assertThat(h.lastError()).as("recovered: the outage's error is history").isEmpty();
    assertThat(h.databases()).allSatisfy(db -> assertThat(db.lastError()).isNull());
    assertThat(h.details().get("spool.setAside")).isEqualTo("0");

    // the disk works again: the next write records the pending acknowledgement and the problem clears
    chattr("-i", spoolFile.getParent());
    chattr("-i", spoolFile);
    immutable.clear();
    primary.failWrites(true);
    primary.failReads(true);
    Comment later = comment("later");
    assertThat(store.insert(THREAD, later).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
    assertThat(store.health().spoolError()).isEmpty();
    store.close();
    try (FileWriteSpool reopened = FileWriteSpool.open(spoolFile)) {
      assertThat(reopened.peek(10)).as("the replayed comments were acknowledged on disk after all")
          .extracting(e -> e.comment().id()).containsExactly(later.id());
    }
  }

  @Test
  @DisplayName("a comment that cannot be queued gets a 503 message without the spool's path or the OS error")
  void insert_spoolDiskReadOnly_readerMessageHasNoInternals() throws Exception {
    primary.failWrites(true);
    primary.failReads(true);
    assertThat(store.insert(THREAD, comment("first")).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
    makeImmutable(spoolFile);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> store.insert(THREAD, comment("refused")))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessage("New comments cannot be queued right now")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(dir.toString()).doesNotContain("permitted"));
    }
    assertThat(store.health().spoolError()).hasValueSatisfying(e -> assertThat(e).contains(spoolFile.toString()));
    assertThat(store.health().spoolDepth()).isEqualTo(1);
  }

  private void makeImmutable(Path p) throws Exception {
    chattr("+i", p);
    immutable.add(p);
  }

  /** chattr: the file attribute the kernel enforces even for root, unlike permissions. */
  private static void chattr(String flag, Path p) throws IOException, InterruptedException {
    Process chattr;
    try {
      chattr = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      skipOrFail("chattr is not installed (Debian package e2fsprogs): " + e.getMessage());
      return;
    }
    String out = new String(chattr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!chattr.waitFor(30, TimeUnit.SECONDS) || chattr.exitValue() != 0) {
      skipOrFail("chattr " + flag + " " + p + " failed (the file system must support the immutable attribute,"
          + " and the test must run as root or with CAP_LINUX_IMMUTABLE): " + out);
    }
  }

  private static void skipOrFail(String why) {
    String banner = "\n*** SpoolDiskFailureTest SKIPPED: " + why + " ***\n";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(banner);
    }
    System.err.println(banner);
    Assumptions.abort(banner);
  }
}
