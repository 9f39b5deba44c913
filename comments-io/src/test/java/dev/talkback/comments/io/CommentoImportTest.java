package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.Ids;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommentoImportTest {
  static final ThreadKey ONE = ThreadKey.of("/posts/one");
  static final ThreadKey TWO = ThreadKey.of("/posts/two");

  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  static CommentId id(String hex) {
    return Ids.derive(SiteId.DEFAULT, "commento", hex);
  }

  Comment stored(String hex) {
    return store.find(SiteId.DEFAULT, id(hex)).orElseThrow();
  }

  @Test
  void importStream_countsStatusesThreadsAndProblems() {
    ImportReport report = importer.importStream(ImportFormat.COMMENTO, JsonFixtures.stream("commento.json"));

    assertThat(report.comments()).isEqualTo(6);
    assertThat(report.byThread()).containsEntry(ONE, 4L).containsEntry(TWO, 2L).hasSize(2);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 3L)
        .containsEntry(CommentStatus.PENDING, 1L).containsEntry(CommentStatus.SPAM, 1L)
        .containsEntry(CommentStatus.DELETED, 1L);
    assertThat(report.orphans()).isEqualTo(1);
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.recordId()).isEqualTo("aa04");
      assertThat(p.line()).isEqualTo(13);
      assertThat(p.message()).contains("parent");
    });
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.recordId()).isEqualTo("aa06");
      assertThat(p.message()).contains("commenter c0ffee99");
    });
  }

  @Test
  void importStream_keepsParentsAuthorsAndTimes() {
    importer.importStream(ImportFormat.COMMENTO, JsonFixtures.stream("commento.json"));

    Comment first = stored("aa01");
    assertThat(first.author().name()).as("commenters come after the comments in the file").isEqualTo("Ada");
    assertThat(first.author().email()).isEqualTo("ada@example.org");
    assertThat(first.author().website()).isEqualTo("https://ada.example");
    assertThat(first.created()).isEqualTo(Instant.parse("2020-01-02T03:04:05.123Z"));
    assertThat(first.html()).contains("<em>Lovely</em>").doesNotContain("ignored");
    assertThat(stored("aa02").parentId()).as("a reply before its parent").contains(id("aa03"));
    assertThat(stored("aa02").author().name()).isEqualTo("Anonymous");
    assertThat(stored("aa03").created()).isEqualTo(Instant.parse("2020-01-02T09:00:00Z"));
    assertThat(stored("aa03").author().website()).as("Commento writes 'undefined'").isNull();
    assertThat(stored("aa04").isTopLevel()).isTrue();
    assertThat(stored("aa05").status()).isEqualTo(CommentStatus.DELETED);
    assertThat(stored("aa06").author().name()).isEqualTo("Anonymous");
    assertThat(stored("aa05").thread()).isEqualTo(TWO);
  }

  @Test
  void importStream_commentersFirst_readsTheSame() {
    String text = JsonFixtures.text("commento.json");
    int comments = text.indexOf("\"comments\"");
    int commenters = text.indexOf("\"commenters\"");
    String swapped = "{\n  \"version\": 1,\n  " + text.substring(commenters, text.lastIndexOf('}')).strip() + ",\n  "
        + text.substring(comments, commenters).strip().replaceAll(",$", "") + "\n}\n";

    ImportReport report = importer.importStream(ImportFormat.COMMENTO, JsonFixtures.of(swapped));

    assertThat(report.comments()).isEqualTo(6);
    assertThat(stored("aa01").author().name()).isEqualTo("Ada");
  }

  @Test
  void importStream_twice_storesEachCommentOnce() {
    importer.importStream(ImportFormat.COMMENTO, JsonFixtures.stream("commento.json"));
    ImportReport again = importer.importStream(ImportFormat.COMMENTO, JsonFixtures.stream("commento.json"));

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(6);
  }

  @Test
  void truncatedFile_namesThePositionStoresNothingAndLeavesNoTemporaryFile() throws IOException {
    long before = waitingFiles();

    assertThatThrownBy(
        () -> importer.importStream(ImportFormat.COMMENTO, JsonFixtures.truncatedAtLine("commento.json", 24)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isGreaterThanOrEqualTo(24));
    assertThat(store.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 100)).isEmpty();
    assertThat(waitingFiles()).as("the comments that waited for their commenters").isEqualTo(before);
  }

  static long waitingFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("talkback-commento-")).count();
    }
  }

  @Test
  void anotherFormat_isRefused() {
    assertThatThrownBy(() -> importer.importStream(ImportFormat.COMMENTO, JsonFixtures.stream("isso.json")))
        .isInstanceOf(ImportException.class).hasMessageContaining("not a Commento export");
  }

  /**
   * What Commento's exporter writes: Go's {@code json.Marshal} of {@code commentoExportV1} on one line, times
   * with nanoseconds and an offset, {@code html} empty (the export does not select it), {@code deleted}
   * false for every comment (nor that column: a deleted comment is known by its {@code [deleted]} text and
   * {@code anonymous} commenter), and one commenter entry per comment (the commenters are joined with the
   * comments), so a commenter repeats.
   */
  static String goExport() {
    return "{\"version\":1,\"comments\":["
        + goComment("c1", "/p/a", "bb01", "Top", "root", "approved", "2021-03-04T05:06:07.123456789Z") + ","
        + goComment("c2", "/p/a", "anonymous", "[deleted]", "root", "approved", "2021-03-04T06:00:00+05:30") + ","
        + goComment("c3", "/p/a", "bb01", "Reply to a deleted one", "c2", "unapproved", "2021-03-05T00:00:00.5Z") + ","
        + goComment("c4", "/p/b", "bb02", "Spam", "root", "flagged", "2021-03-06T00:00:00Z") + ","
        + goComment("c5", "/p/b", "bb01", "Again", "c4", "approved", "2021-03-07T00:00:00Z")
        + "],\"commenters\":[" + goCommenter("bb01", "Ada") + "," + goCommenter("bb01", "Ada") + ","
        + goCommenter("bb02", "Bo") + "," + goCommenter("bb01", "Ada") + "]}";
  }

  static String goComment(String hex, String path, String commenter, String markdown, String parent, String state,
      String date) {
    return "{\"commentHex\":\"" + hex + "\",\"domain\":\"blog.example\",\"url\":\"" + path
        + "\",\"commenterHex\":\"" + commenter + "\",\"markdown\":\"" + markdown + "\",\"html\":\"\",\"parentHex\":\""
        + parent + "\",\"score\":0,\"state\":\"" + state + "\",\"creationDate\":\"" + date
        + "\",\"direction\":0,\"deleted\":false}";
  }

  static String goCommenter(String hex, String name) {
    return "{\"commenterHex\":\"" + hex + "\",\"email\":\"" + name.toLowerCase() + "@example.org\",\"name\":\""
        + name + "\",\"link\":\"undefined\",\"photo\":\"undefined\",\"provider\":\"commento\","
        + "\"joinDate\":\"2020-01-01T00:00:00Z\",\"isModerator\":false}";
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Test
  void goExport_deletedCommentWithoutTheDeletedFlag_isDeletedAndKeepsItsReplies() {
    ImportReport report = importer.importStream(ImportFormat.COMMENTO, JsonFixtures.of(goExport()));

    assertThat(report.comments()).isEqualTo(5);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 2L)
        .containsEntry(CommentStatus.DELETED, 1L).containsEntry(CommentStatus.PENDING, 1L)
        .containsEntry(CommentStatus.SPAM, 1L);
    assertThat(report.orphans()).isZero();
    assertThat(report.problems()).isEmpty();
    assertThat(stored("c2").status()).isEqualTo(CommentStatus.DELETED);
    assertThat(stored("c3").parentId()).contains(id("c2"));
    assertThat(stored("c5").parentId()).contains(id("c4"));
    assertThat(stored("c1").created()).isEqualTo(Instant.parse("2021-03-04T05:06:07.123456Z"));
    assertThat(stored("c2").created()).isEqualTo(Instant.parse("2021-03-04T00:30:00Z"));
    assertThat(stored("c1").author().name()).isEqualTo("Ada");
    assertThat(stored("c1").author().website()).isNull();
  }

  @Test
  void goExport_gzippedAsCommentoDownloadsIt_isRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("blog.example-1614834367.gz");
    Files.write(file, gzip(goExport()));

    ImportReport report = importer.importFile(ImportFormat.COMMENTO, file);

    assertThat(report.comments()).isEqualTo(5);
    assertThat(stored("c5").parentId()).contains(id("c4"));
    assertThat(ImportFormat.detect(Files.readAllBytes(file))).contains(ImportFormat.COMMENTO);
  }

  @Test
  void versionTooLargeForAnInt_isAnImportException() {
    assertThatThrownBy(() -> importer.importStream(ImportFormat.COMMENTO,
        JsonFixtures.of("{\"version\":99999999999999999999,\"comments\":[],\"commenters\":[]}")))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(1))
        .hasMessageContaining("version");
  }

  @Test
  void nullArraysAndNullFields_areNoneAndAbsent() {
    String text = "{\"version\":1,\"commenters\":null,\"comments\":[{\"commentHex\":\"n1\",\"domain\":null,"
        + "\"url\":\"/p/n\",\"commenterHex\":null,\"markdown\":\"Hi\",\"html\":null,\"parentHex\":null,"
        + "\"score\":null,\"state\":null,\"creationDate\":\"2021-01-01T00:00:00Z\",\"direction\":null,\"deleted\":null}]}";

    ImportReport report = importer.importStream(ImportFormat.COMMENTO, JsonFixtures.of(text));

    assertThat(report.comments()).isEqualTo(1);
    assertThat(stored("n1").isTopLevel()).isTrue();
    assertThat(stored("n1").author().name()).isEqualTo("Anonymous");
  }

  @Test
  void deletedFlagAsText_isReadNotIgnored() {
    String text = "{\"version\":1,\"comments\":[{\"commentHex\":\"t1\",\"url\":\"/p/t\",\"commenterHex\":\"anonymous\","
        + "\"markdown\":\"Gone\",\"parentHex\":\"root\",\"state\":\"approved\",\"creationDate\":\"2021-01-01T00:00:00Z\","
        + "\"deleted\":\"true\"},{\"commentHex\":\"t2\",\"url\":\"/p/t\",\"commenterHex\":\"anonymous\","
        + "\"markdown\":\"Kept\",\"parentHex\":\"root\",\"state\":\"approved\",\"creationDate\":\"2021-01-01T00:00:00Z\","
        + "\"deleted\":7}],\"commenters\":[]}";

    ImportReport report = importer.importStream(ImportFormat.COMMENTO, JsonFixtures.of(text));

    assertThat(stored("t1").status()).isEqualTo(CommentStatus.DELETED);
    assertThat(stored("t2").status()).isEqualTo(CommentStatus.APPROVED);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("t2");
      assertThat(p.message()).contains("deleted");
    });
  }

  @Test
  void emptyPathThatGoOmits_goesToTheDomainsRootAndIsReported() {
    String text = "{\"version\":1,\"comments\":[" + goComment("e1", "", "anonymous", "On a page with no path", "root",
        "approved", "2021-01-01T00:00:00Z").replace("\"url\":\"\",", "") + "],\"commenters\":[]}";

    ImportReport report = importer.importStream(ImportFormat.COMMENTO, JsonFixtures.of(text));

    assertThat(report.comments()).isEqualTo(1);
    assertThat(stored("e1").thread()).isEqualTo(ThreadKey.of("/"));
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("e1");
      assertThat(p.message()).contains("url");
    });
  }

  /**
   * Commento++ creates a commenter for a named anonymous comment with {@code "undefined"} for its email (and
   * link and photo): that is no email, and not one address shared by every such commenter.
   */
  @Test
  void undefinedEmail_isNoEmail() {
    String text = "{\"version\":1,\"comments\":[" + goComment("u1", "/p/u", "cc01", "Named, anonymous", "root",
        "approved", "2021-01-01T00:00:00Z") + "," + goComment("u2", "/p/u", "cc02", "Another", "root", "approved",
        "2021-01-02T00:00:00Z") + "],\"commenters\":[" + goCommenter("cc01", "Zed").replace("zed@example.org", "undefined")
        + "," + goCommenter("cc02", "Yan").replace("yan@example.org", "undefined") + "]}";

    importer.importStream(ImportFormat.COMMENTO, JsonFixtures.of(text));

    assertThat(stored("u1").author().email()).isNull();
    assertThat(stored("u2").author().email()).isNull();
    assertThat(stored("u1").author().key()).as("not one identity for every such commenter").isEmpty();
  }

  /** Commento's export carries each comment's vote {@code score}: a positive one becomes likes, as for Remark42. */
  @Test
  void positiveScore_becomesLikes() {
    String text = "{\"version\":1,\"comments\":[" + goComment("s1", "/p/s", "bb01", "Liked", "root", "approved",
        "2021-01-01T00:00:00Z").replace("\"score\":0", "\"score\":4") + "," + goComment("s2", "/p/s", "bb01", "Disliked",
        "root", "approved", "2021-01-02T00:00:00Z").replace("\"score\":0", "\"score\":-3") + "],\"commenters\":["
        + goCommenter("bb01", "Ada") + "]}";

    importer.importStream(ImportFormat.COMMENTO, JsonFixtures.of(text));

    assertThat(stored("s1").likes()).isEqualTo(4);
    assertThat(stored("s2").likes()).as("a negative score").isZero();
    assertThat(text).contains("\"score\":-3");
  }
}
