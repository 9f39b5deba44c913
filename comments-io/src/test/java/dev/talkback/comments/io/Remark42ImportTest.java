package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.Ids;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Remark42ImportTest {
  static final ThreadKey ONE = ThreadKey.of("/posts/one");

  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  static CommentId id(String original) {
    return Ids.derive(SiteId.DEFAULT, "remark42", original);
  }

  Comment stored(String original) {
    return store.find(SiteId.DEFAULT, id(original)).orElseThrow();
  }

  @Test
  void importStream_countsStatusesThreadsAndOrphans() {
    ImportReport report = importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));

    assertThat(report.comments()).isEqualTo(5);
    assertThat(report.byThread()).containsEntry(ONE, 4L).containsEntry(ThreadKey.of("/posts/two"), 1L);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 4L)
        .containsEntry(CommentStatus.DELETED, 1L);
    assertThat(report.orphans()).isEqualTo(1);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("c-4");
      assertThat(p.line()).isEqualTo(5);
    });
  }

  @Test
  void importStream_keepsParentsAuthorsTimesEditsLikesAndClosedThreads() {
    importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));

    Comment first = stored("c-1");
    assertThat(first.author().name()).isEqualTo("Ada");
    assertThat(first.author().userId()).isEqualTo("remark42:github_ada");
    assertThat(first.format()).isEqualTo(Format.MARKDOWN);
    assertThat(first.source()).isEqualTo("Hello *there*");
    assertThat(first.created()).isEqualTo(Instant.parse("2022-01-02T01:04:05.123456Z"));
    assertThat(first.likes()).as("two up-votes").isEqualTo(2);
    assertThat(stored("c-2").parentId()).as("a reply before its parent").contains(id("c-3"));
    assertThat(stored("c-3").edited()).contains(Instant.parse("2022-01-02T12:30:00Z"));
    assertThat(stored("c-4").isTopLevel()).isTrue();
    assertThat(stored("c-4").format()).as("no orig: the rendered HTML, sanitized").isEqualTo(Format.HTML);
    Comment deleted = stored("c-5");
    assertThat(deleted.status()).isEqualTo(CommentStatus.DELETED);
    assertThat(deleted.author().userId()).isNull();
    assertThat(store.threadInfo(SiteId.DEFAULT, ONE).orElseThrow().closed()).as("read_only").isTrue();
    assertThat(store.threadInfo(SiteId.DEFAULT, ONE).orElseThrow().title()).isEqualTo("One");
  }

  @Test
  void importStream_twice_storesEachCommentOnce() {
    importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));
    ImportReport again = importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("remark42.jsonl"));

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(5);
    assertThat(stored("c-1").likes()).isEqualTo(2);
  }

  @Test
  void truncatedFile_namesThePositionAndStoresNothing() {
    assertThatThrownBy(
        () -> importer.importStream(ImportFormat.REMARK42, JsonFixtures.truncatedAtLine("remark42.jsonl", 4)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(4));
    assertThat(store.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 100)).isEmpty();
  }

  @Test
  void anotherFormat_isRefused() {
    assertThatThrownBy(() -> importer.importStream(ImportFormat.REMARK42, JsonFixtures.stream("commento.json")))
        .isInstanceOf(ImportException.class).hasMessageContaining("not a Remark42 backup");
  }

  /**
   * A backup as Remark42 writes it: the meta line by {@code json.Encoder} (users with their blocked flag,
   * posts with {@code read_only}), then each comment as {@code DataStore.Find} gives it to an admin: no
   * {@code votes} (the service clears them), {@code score} and {@code vote}, {@code controversy} as a float,
   * {@code user.block} for a blocked user, {@code delete} only when true, a soft-deleted comment (by its
   * author or an admin: user kept, text empty) and a hard-deleted one (user {@code deleted}), every line
   * ending in a newline.
   */
  static String backup() {
    return "{\"version\":1,\"users\":[{\"id\":\"github_troll\",\"blocked\":{\"status\":true,"
        + "\"until\":\"2122-01-01T00:00:00Z\"},\"verified\":false}],\"posts\":[]}\n"
        + line("r1", "", "Hello", "Ada", "github_ada", false, "\"score\":3,\"vote\":0,\"controversy\":1.5,")
        + line("r2", "r1", "Spam spam", "Troll", "github_troll", true, "\"score\":-2,\"vote\":0,")
        + line("r3", "r1", "", "Bo", "github_bo", false, "\"score\":0,\"vote\":0,\"delete\":true,")
        + line("r4", "r3", "", "deleted", "deleted", false, "\"score\":0,\"vote\":0,\"delete\":true,")
        + line("r5", "r4", "Still here", "Cy", "google_cy", false, "\"score\":0,\"vote\":0,\"pin\":true,");
  }

  static String line(String id, String pid, String orig, String name, String user, boolean blocked, String extra) {
    String text = orig.isEmpty() ? "" : "<p>" + orig + "</p>\\n";
    return "{\"id\":\"" + id + "\",\"pid\":\"" + pid + "\",\"text\":\"" + text + "\","
        + (orig.isEmpty() ? "" : "\"orig\":\"" + orig + "\",") + "\"user\":{\"name\":\"" + name + "\",\"id\":\""
        + user + "\",\"picture\":\"\",\"ip\":\"5d41402abc4b2a76b9719d911017c592\",\"admin\":false"
        + (blocked ? ",\"block\":true" : "") + "},\"locator\":{\"site\":\"remark\",\"url\":\"https://blog.example/posts/r\"},"
        + extra + "\"time\":\"2023-05-06T07:08:09.987654321+03:00\",\"title\":\"R\"}\n";
  }

  @Test
  void backup_asRemark42WritesIt_countsBlockedAndDeletedAsDeletedAndKeepsThreads() {
    ImportReport report = importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(backup()));

    assertThat(report.comments()).isEqualTo(5);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 2L)
        .containsEntry(CommentStatus.DELETED, 3L);
    assertThat(report.orphans()).isZero();
    assertThat(stored("r2").status()).as("a blocked user's comment is hidden from readers").isEqualTo(CommentStatus.DELETED);
    assertThat(stored("r4").parentId()).contains(id("r3"));
    assertThat(stored("r5").parentId()).contains(id("r4"));
    assertThat(stored("r5").status()).isEqualTo(CommentStatus.APPROVED);
    assertThat(stored("r3").author().userId()).as("deleted by its author: the user stays").isEqualTo("remark42:github_bo");
    assertThat(stored("r4").author().userId()).isNull();
    assertThat(stored("r1").created()).isEqualTo(Instant.parse("2023-05-06T04:08:09.987654Z"));
  }

  @Test
  void backup_withoutVotes_takesThePositiveScoreAsLikes() {
    importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(backup()));

    assertThat(stored("r1").likes()).isEqualTo(3);
    assertThat(stored("r2").likes()).isZero();
  }

  @Test
  void automaticBackup_gzipped_isRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("backup-remark-20230507.gz");
    Files.write(file, CommentoImportTest.gzip(backup()));

    ImportReport report = importer.importFile(ImportFormat.REMARK42, file);

    assertThat(report.comments()).isEqualTo(5);
    assertThat(ImportFormat.detect(Files.readAllBytes(file))).contains(ImportFormat.REMARK42);
  }

  @Test
  void truncatedGzip_isAnImportException(@TempDir Path dir) throws IOException {
    byte[] gz = CommentoImportTest.gzip(backup());
    Path file = dir.resolve("backup-remark-20230507.gz");
    Files.write(file, java.util.Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> importer.importFile(ImportFormat.REMARK42, file))
        .isInstanceOf(ImportException.class).hasMessageContaining("gzip");
    assertThat(store.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 100)).isEmpty();
  }

  @Test
  void blankLinesAndNullMetaArrays_areAccepted() {
    String text = "{\"version\":1,\"users\":null,\"posts\":null}\n\n"
        + line("b1", "", "One", "Ada", "github_ada", false, "") + "\n\r\n"
        + line("b2", "b1", "Two", "Bo", "github_bo", false, "\"edit\":null,\"votes\":null,\"imported\":null,\"controversy\":null,");

    ImportReport report = importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    assertThat(report.comments()).isEqualTo(2);
    assertThat(stored("b2").parentId()).contains(id("b1"));
  }

  @Test
  void multiSiteBackup_importsEveryCommentAndSaysSo() {
    String text = "{\"version\":1,\"users\":[],\"posts\":[]}\n"
        + line("m1", "", "One", "Ada", "github_ada", false, "")
        + line("m2", "", "Two", "Bo", "github_bo", false, "").replace("\"site\":\"remark\"", "\"site\":\"other\"");

    ImportReport report = importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    assertThat(report.comments()).isEqualTo(2);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("m2");
      assertThat(p.message()).contains("other");
    });
  }

  /**
   * Remark42 passes {@code orig} (the Markdown as typed) through bluemonday's {@code Sanitize} before storing
   * it, which writes the text HTML-escaped ({@code >} as {@code &gt;}, {@code '} as {@code &#39;}, {@code &}
   * as {@code &amp;}): read once, a quote is a quote again and a code span shows what was typed.
   */
  @Test
  void origAsRemark42StoresIt_escaped_isReadOnce() {
    String text = "{\"version\":1,\"users\":[],\"posts\":[]}\n"
        + line("e1", "", "&gt; It&#39;s a quote\\n\\nRun `a &amp;&amp; b` when x &lt; y &#34;now&#34;", "Ada",
            "github_ada", false, "");

    importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    Comment c = stored("e1");
    assertThat(c.source()).isEqualTo("> It's a quote\n\nRun `a && b` when x < y \"now\"");
    assertThat(c.html()).contains("<blockquote>").contains("<code>a &amp;&amp; b</code>")
        .contains("x &lt; y").doesNotContain("&amp;#39;").doesNotContain("&amp;gt;");
  }

  /**
   * Remark42 stores names HTML-escaped: before 2022 with {@code template.HTMLEscapeString} (all five
   * characters), since then {@code < >} only. Read once, both give the name as typed.
   */
  @Test
  void namesAsRemark42StoresThem_escaped_areReadOnce() {
    String text = "{\"version\":1,\"users\":[],\"posts\":[]}\n"
        + line("n1", "", "Old", "O&#39;Brien &amp; Sons", "github_ob", false, "")
        + line("n2", "", "New", "&lt;b&gt;Bold&lt;/b&gt; Ann's & Co", "github_ann", false, "");

    importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    assertThat(stored("n1").author().name()).isEqualTo("O'Brien & Sons");
    assertThat(stored("n2").author().name()).isEqualTo("<b>Bold</b> Ann's & Co");
  }

  /** The header's {@code users[].details.email} (a reply-notification subscriber's address) is the author's email. */
  @Test
  void headerEmails_areTheAuthorsEmails() {
    String text = "{\"version\":1,\"users\":[{\"id\":\"github_ada\",\"verified\":true,\"blocked\":{\"status\":false,"
        + "\"until\":\"0001-01-01T00:00:00Z\"},\"details\":{\"user_id\":\"github_ada\",\"email\":\"ada@example.org\"}},"
        + "{\"id\":\"github_bo\",\"verified\":false,\"blocked\":{\"status\":false,\"until\":\"0001-01-01T00:00:00Z\"},"
        + "\"details\":{}}],\"posts\":[]}\n"
        + line("m1", "", "One", "Ada", "github_ada", false, "")
        + line("m2", "m1", "Two", "Bo", "github_bo", false, "");

    importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    assertThat(stored("m1").author().email()).isEqualTo("ada@example.org");
    assertThat(stored("m2").author().email()).isNull();
  }

  /**
   * A block that ends (a day, a week, a month in Remark42's admin) hides a user's comments only while it
   * lasts, so they are imported as they are, and the block is reported once; a permanent one (Remark42 sets
   * it a hundred years ahead) hides them for good: DELETED, as {@link #backup()} shows.
   */
  @Test
  void temporaryBlock_keepsTheCommentsAndSaysSo() {
    String until = Instant.now().plus(java.time.Duration.ofDays(7)).toString();
    String text = "{\"version\":1,\"users\":[{\"id\":\"github_hot\",\"blocked\":{\"status\":true,\"until\":\""
        + until + "\"}}],\"posts\":[]}\n"
        + line("t1", "", "Heated", "Hot", "github_hot", true, "")
        + line("t2", "t1", "Still heated", "Hot", "github_hot", true, "");

    ImportReport report = importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    assertThat(stored("t1").status()).isEqualTo(CommentStatus.APPROVED);
    assertThat(stored("t2").status()).isEqualTo(CommentStatus.APPROVED);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.recordId()).isEqualTo("github_hot");
      assertThat(p.message()).contains("blocked until").contains(until.substring(0, 10));
    });
  }

  /** Go writes a time never set as {@code 0001-01-01T00:00:00Z}: a block without its end is a block for good. */
  @Test
  void blockWithGosZeroTime_isForGood() {
    String text = "{\"version\":1,\"users\":[{\"id\":\"github_troll\",\"blocked\":{\"status\":true,"
        + "\"until\":\"0001-01-01T00:00:00Z\"}}],\"posts\":[]}\n"
        + line("z1", "", "Troll", "Troll", "github_troll", false, "");

    ImportReport report = importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    assertThat(stored("z1").status()).isEqualTo(CommentStatus.DELETED);
    assertThat(report.problems()).isEmpty();
  }

  /** Remark42 writes a thread's title on the comments made after it could read the page's title: the first one found names the thread. */
  @Test
  void titleOnLaterCommentsOnly_namesTheThread() {
    String text = "{\"version\":1,\"users\":[],\"posts\":[]}\n"
        + line("h1", "", "Early", "Ada", "github_ada", false, "").replace(",\"title\":\"R\"", "")
        + line("h2", "", "Later", "Bo", "github_bo", false, "").replace("\"title\":\"R\"", "\"title\":\"The post\"")
        + line("h3", "", "Last", "Cy", "github_cy", false, "").replace("\"title\":\"R\"", "\"title\":\"Renamed\"");

    importer.importStream(ImportFormat.REMARK42, JsonFixtures.of(text));

    assertThat(store.threadInfo(SiteId.DEFAULT, ThreadKey.of("/posts/r")).orElseThrow().title()).isEqualTo("The post");
  }
}
