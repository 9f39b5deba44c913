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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
}
