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
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssoImportTest {
  static final ThreadKey LIGHTHOUSE = ThreadKey.of("/blog/lighthouse/");
  static final ThreadKey FOG = ThreadKey.of("/blog/fog-signals/");

  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  static CommentId id(String thread, String local) {
    return Ids.derive(SiteId.DEFAULT, "isso", thread + "#" + local);
  }

  Comment stored(String thread, String local) {
    return store.find(SiteId.DEFAULT, id(thread, local)).orElseThrow();
  }

  @Test
  void importStream_countsStatusesThreadsAndOrphans() {
    ImportReport report = importer.importStream(ImportFormat.ISSO, JsonFixtures.stream("isso.json"));

    assertThat(report.comments()).isEqualTo(7);
    assertThat(report.created()).isEqualTo(7);
    assertThat(report.byThread()).containsEntry(LIGHTHOUSE, 5L).containsEntry(FOG, 2L).hasSize(2);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 5L)
        .containsEntry(CommentStatus.PENDING, 1L).containsEntry(CommentStatus.DELETED, 1L);
    assertThat(report.orphans()).isEqualTo(1);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("/blog/lighthouse/#4");
      assertThat(p.line()).isEqualTo(12);
      assertThat(p.message()).contains("parent");
    });
  }

  @Test
  void importStream_keepsParentsAuthorsTimesAndSanitizesMarkdown() {
    importer.importStream(ImportFormat.ISSO, JsonFixtures.stream("isso.json"));

    Comment ada = stored("/blog/lighthouse/", "1");
    assertThat(ada.author().name()).isEqualTo("Ada");
    assertThat(ada.author().email()).isEqualTo("ada@example.org");
    assertThat(ada.author().website()).isEqualTo("https://ada.example");
    assertThat(ada.created()).isEqualTo(Instant.parse("2019-04-01T10:00:00Z"));
    assertThat(ada.format()).isEqualTo(Format.MARKDOWN);
    assertThat(ada.html()).contains("<strong>post</strong>").doesNotContain("script");
    assertThat(stored("/blog/lighthouse/", "2").parentId()).as("a reply before its parent")
        .contains(id("/blog/lighthouse/", "3"));
    assertThat(stored("/blog/lighthouse/", "3").status()).isEqualTo(CommentStatus.PENDING);
    assertThat(stored("/blog/lighthouse/", "4").isTopLevel()).isTrue();
    assertThat(stored("/blog/lighthouse/", "5").status()).isEqualTo(CommentStatus.DELETED);
    Comment gus = stored("/blog/fog-signals/", "2");
    assertThat(gus.thread()).isEqualTo(FOG);
    assertThat(gus.parentId()).as("ids repeat across threads; parents stay in theirs")
        .contains(id("/blog/fog-signals/", "1"));
    assertThat(store.threadInfo(SiteId.DEFAULT, FOG).orElseThrow().title()).isEqualTo("Fog signals");
  }

  @Test
  void importStream_twice_storesEachCommentOnce() {
    importer.importStream(ImportFormat.ISSO, JsonFixtures.stream("isso.json"));
    ImportReport again = importer.importStream(ImportFormat.ISSO, JsonFixtures.stream("isso.json"));

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(7);
  }

  @Test
  void truncatedFile_namesThePositionAndStoresNothing() {
    assertThatThrownBy(() -> importer.importStream(ImportFormat.ISSO, JsonFixtures.truncatedAtLine("isso.json", 20)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isGreaterThanOrEqualTo(20));
    assertThat(store.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 100)).isEmpty();
  }

  @Test
  void malformedJson_namesThePosition() {
    String bad = JsonFixtures.text("isso.json").replace("\"Fog signals\",", "\"Fog signals\" oops,");

    assertThatThrownBy(() -> importer.importStream(ImportFormat.ISSO, JsonFixtures.of(bad)))
        .isInstanceOfSatisfying(ImportException.class, e -> {
          assertThat(e.line()).isEqualTo(25);
          assertThat(e.getMessage()).contains("malformed JSON");
        });
  }

  @Test
  void anotherFormat_isRefused() {
    assertThatThrownBy(() -> importer.importStream(ImportFormat.ISSO, JsonFixtures.stream("commento.json")))
        .isInstanceOf(ImportException.class).hasMessageContaining("not an Isso import");
  }

  static String issoComment(Object id, String author, String created) {
    return "{\"id\": " + id + ", \"author\": \"" + author + "\", \"email\": null, \"website\": null, "
        + "\"remote_addr\": \"127.0.0.1\", \"created\": \"" + created + "\", \"text\": \"By " + author + "\"}";
  }

  @Test
  void repeatedCommentIdInAThread_keepsBothAsIssoDoes() {
    String text = "[{\"id\": \"/p/dup/\", \"title\": \"Dup\", \"comments\": ["
        + issoComment("1", "Ada", "2019-01-01 10:00:00") + ", " + issoComment("\"1\"", "Bo", "2019-01-01 11:00:00")
        + ", " + issoComment("2", "Cy", "2019-01-01 12:00:00") + "]}]";

    ImportReport report = importer.importStream(ImportFormat.ISSO, JsonFixtures.of(text));
    ImportReport again = importer.importStream(ImportFormat.ISSO, JsonFixtures.of(text));

    assertThat(report.comments()).isEqualTo(3);
    assertThat(report.created()).isEqualTo(3);
    assertThat(report.skipped()).isZero();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).startsWith("/p/dup/#1");
      assertThat(p.message()).contains("repeat");
    });
    assertThat(again.existing()).as("the same ids again").isEqualTo(3);
    assertThat(stored("/p/dup/", "1").author().name()).isEqualTo("Ada");
  }

  @Test
  void sameThreadTwice_keepsEveryComment() {
    String text = "[{\"id\": \"/p/twice/\", \"title\": \"T\", \"comments\": [" + issoComment(1, "Ada", "2019-01-01 10:00:00")
        + "]}, {\"id\": \"/p/twice/\", \"title\": \"T\", \"comments\": [" + issoComment(1, "Bo", "2019-01-02 10:00:00")
        + ", " + issoComment(2, "Cy", "2019-01-03 10:00:00") + "]}]";

    ImportReport report = importer.importStream(ImportFormat.ISSO, JsonFixtures.of(text));

    assertThat(report.comments()).isEqualTo(3);
    assertThat(report.byThread()).containsEntry(ThreadKey.of("/p/twice/"), 3L);
    assertThat(report.created()).isEqualTo(3);
  }

  @Test
  void timesAsPythonStrptimeReadsThem_andNumericIds_areAccepted() {
    String text = "[{\"id\": 42, \"title\": null, \"comments\": ["
        + issoComment("999999999999999999990", "Ada", "2019-4-1 9:5:7") + ", "
        + issoComment(2, "Bo", "2019-04-01  10:00:00") + "]}]";

    ImportReport report = importer.importStream(ImportFormat.ISSO, JsonFixtures.of(text));

    assertThat(report.comments()).isEqualTo(2);
    assertThat(stored("42", "999999999999999999990").created()).isEqualTo(Instant.parse("2019-04-01T09:05:07Z"));
    assertThat(stored("42", "2").created()).isEqualTo(Instant.parse("2019-04-01T10:00:00Z"));
    assertThat(stored("42", "2").author().email()).isNull();
  }

  @Test
  void isoTimesWithAZone_areReadInTheirZone() {
    String text = "[{\"id\": \"/p/iso/\", \"title\": \"I\", \"comments\": ["
        + issoComment(1, "Ada", "2019-04-01T10:00:00Z") + ", " + issoComment(2, "Bo", "2019-04-01 10:00:00+02:00") + "]}]";

    importer.importStream(ImportFormat.ISSO, JsonFixtures.of(text));

    assertThat(stored("/p/iso/", "1").created()).isEqualTo(Instant.parse("2019-04-01T10:00:00Z"));
    assertThat(stored("/p/iso/", "2").created()).isEqualTo(Instant.parse("2019-04-01T08:00:00Z"));
  }

  @Test
  void unreadableTime_namesTheCommentAndItsPosition() {
    String text = "[{\"id\": \"/p/bad/\", \"title\": \"B\", \"comments\": [\n" + issoComment(1, "Ada", "yesterday") + "]}]";

    assertThatThrownBy(() -> importer.importStream(ImportFormat.ISSO, JsonFixtures.of(text)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("/p/bad/#1").hasMessageContaining("yesterday");
  }
}
