package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talkback.comments.Comments;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.Http.Reply;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 8, over HTTP in Jetty with a real {@link FallbackCommentStore}: when the spool's disk
 * fails (the spool file made immutable with {@code chattr +i}), a reader's 503 shows neither the spool's path
 * nor the operating system's words and says "keep your text" once; {@code /health} names the disk for
 * operators while it fails, and forgets the outage's error once the store is read-write again.
 */
class ReadOnlyMessagesTest {
  private static final String TOKEN = "health-token-for-read-only-messages";

  @TempDir Path dir;

  private final FaultInjectingStore primary = new FaultInjectingStore(new InMemoryCommentStore());
  private Path spoolFile;
  private boolean immutable;
  private Comments comments;
  private JettyContainer container;

  @AfterEach
  void stop() throws Exception {
    if (immutable) {
      chattr("-i", spoolFile);
    }
    if (container != null) {
      container.close();
    }
    if (comments != null) {
      comments.close();
    }
  }

  @Test
  @DisplayName("a spool disk failure: the 503 hides the path and OS text and says it once; health recovers")
  void spoolDiskFails_readerSees503WithoutInternals_healthForgetsAfterRecovery() throws Exception {
    spoolFile = dir.resolve("talkback-spool.log");
    FallbackCommentStore store = FallbackCommentStore.builder()
        .primary(primary)
        .spool(FileWriteSpool.open(spoolFile))
        .probeInterval(Duration.ofMillis(100))
        .build();
    comments = Comments.builder().store(store).build();
    container = new JettyContainer();
    Http http = new Http(container.start(CommentsServlet.builder(comments)
        .secret("0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8))
        .healthToken(TOKEN)
        .build()));

    primary.failReads(true);
    primary.failWrites(true);
    assertThat(post(http, "queued while the database is down").status()).isEqualTo(202);

    chattr("+i", spoolFile);
    immutable = true;
    Reply refused = post(http, "the disk is read-only now");
    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
    String detail = refused.json().path("detail").asText();
    assertThat(detail).isEqualTo("New comments cannot be queued right now; keep your text and send it again later");
    assertThat(refused.body()).doesNotContain(dir.toString()).doesNotContain("spool").doesNotContain("permitted");

    JsonNode sick = health(http);
    assertThat(sick.path("spoolError").asText()).contains(spoolFile.toString());
    assertThat(sick.path("lastError").isNull()).isFalse();

    chattr("-i", spoolFile);
    immutable = false;
    primary.recover();
    Await.until("read-write again", () -> store.mode() == StoreMode.READ_WRITE);
    JsonNode well = health(http);
    assertThat(well.path("mode").asText()).isEqualTo("READ_WRITE");
    assertThat(well.path("lastError").isNull()).as(well.toString()).isTrue();
    assertThat(well.path("databases").get(0).path("lastError").isNull()).as(well.toString()).isTrue();
  }

  private static Reply post(Http http, String text) {
    return http.json("POST", "/api/comments", "{\"thread\":\"posts/disk\",\"text\":\"" + text
        + "\",\"name\":\"Ada\",\"threadTitle\":\"Disk\"}");
  }

  private static JsonNode health(Http http) {
    return http.get("/health", "Authorization", "Bearer " + TOKEN).json().path("store");
  }

  /** chattr: the file attribute the kernel enforces even for root, unlike permissions. */
  private static void chattr(String flag, Path p) throws Exception {
    Process chattr;
    try {
      chattr = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      skipOrFail("chattr is not installed (Debian package e2fsprogs): " + e.getMessage());
      return;
    }
    String out = new String(chattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!chattr.waitFor(30, TimeUnit.SECONDS) || chattr.exitValue() != 0) {
      skipOrFail("chattr " + flag + " " + p + " failed (the file system must support the immutable attribute,"
          + " and the test must run as root or with CAP_LINUX_IMMUTABLE): " + out);
    }
  }

  private static void skipOrFail(String why) {
    String banner = "\n*** ReadOnlyMessagesTest SKIPPED: " + why + " ***\n";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(banner);
    }
    System.err.println(banner);
    Assumptions.abort(banner);
  }
}
