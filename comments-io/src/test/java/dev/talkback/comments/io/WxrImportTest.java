package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.Ids;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WxrImportTest {
  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  static InputStream fixture(String namespace) {
    try (InputStream in = WxrImportTest.class.getResourceAsStream("/fixtures/wxr-template.xml")) {
      assertThat(in).isNotNull();
      String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@WP@", namespace);
      return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Comment stored(String wpId) {
    CommentId id = Ids.derive(SiteId.DEFAULT, "wxr", wpId);
    return store.find(SiteId.DEFAULT, id).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/",
      "http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/", "https://wordpress.org/export/1.0/"})
  void importStream_anyNamespaceSpelling(String namespace) {
    ImportReport report = importer.importStream(ImportFormat.WXR, fixture(namespace));

    assertThat(report.comments()).isEqualTo(8);
    assertThat(report.byThread()).containsEntry(ThreadKey.of("/2020/03/spring-tides/"), 7L)
        .containsEntry(ThreadKey.of("/about/"), 1L).hasSize(2);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 3L).containsEntry(CommentStatus.PENDING, 1L)
        .containsEntry(CommentStatus.SPAM, 1L).containsEntry(CommentStatus.DELETED, 3L);
    assertThat(report.byKind()).containsEntry(CommentKind.PINGBACK, 1L).containsEntry(CommentKind.TRACKBACK, 1L)
        .containsEntry(CommentKind.COMMENT, 6L);
    assertThat(report.orphans()).isEqualTo(1);
    assertThat(report.problems()).anySatisfy(p -> assertThat(p.recordId()).isEqualTo("14"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.1/"})
  void importStream_keepsParentsStatusesKindsAndTimes(String namespace) {
    importer.importStream(ImportFormat.WXR, fixture(namespace));

    Comment reply = stored("11");
    assertThat(reply.parentId()).contains(stored("10").id());
    assertThat(reply.created()).isEqualTo(Instant.parse("2020-03-09T11:30:00Z"));
    assertThat(reply.author().email()).isEqualTo("mara@example.org");
    assertThat(reply.author().website()).isEqualTo("https://mara.example");
    assertThat(reply.html()).contains("<p>Replying to Jon.</p>").contains("<br");
    assertThat(stored("10").html()).contains("<b>noon</b>").doesNotContain("onerror").doesNotContain("<img");
    assertThat(stored("10").author().userId()).isEqualTo("wordpress:3");
    assertThat(stored("12").status()).isEqualTo(CommentStatus.PENDING);
    assertThat(stored("12").created()).as("comment_date when the GMT date is zero")
        .isEqualTo(Instant.parse("2020-03-10T09:00:00Z"));
    assertThat(stored("13").status()).isEqualTo(CommentStatus.SPAM);
    assertThat(stored("14").status()).isEqualTo(CommentStatus.DELETED);
    assertThat(stored("14").isTopLevel()).isTrue();
    Comment pingback = stored("15");
    assertThat(CommentKind.of(pingback)).isEqualTo(CommentKind.PINGBACK);
    assertThat(pingback.status()).as("never shown as a comment").isEqualTo(CommentStatus.DELETED);
    assertThat(CommentKind.of(stored("16"))).isEqualTo(CommentKind.TRACKBACK);
    assertThat(store.threadInfo(SiteId.DEFAULT, ThreadKey.of("/2020/03/spring-tides/")).orElseThrow().closed())
        .isTrue();
    assertThat(store.counts(SiteId.DEFAULT, java.util.List.of(ThreadKey.of("/2020/03/spring-tides/"))))
        .containsEntry(ThreadKey.of("/2020/03/spring-tides/"), 2);
  }

  @Test
  void importStream_commentIdRepeatedInAnotherPost_keepsBothAndTheReplysParent() {
    ImportReport first = importer.importStream(ImportFormat.WXR, resource("/fixtures/wxr-repeated-ids.xml"));

    assertThat(first.comments()).isEqualTo(3);
    assertThat(first.created()).isEqualTo(3);
    assertThat(first.orphans()).isZero();
    assertThat(first.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("11");
      assertThat(p.line()).isEqualTo(32);
      assertThat(p.message()).contains("line 11").contains("scoped by its post");
    });
    Comment onFirst = stored("11");
    assertThat(onFirst.thread()).isEqualTo(ThreadKey.of("/first/"));
    assertThat(onFirst.author().name()).isEqualTo("Ada");
    Comment onSecond = store.find(SiteId.DEFAULT, Ids.scoped(onFirst.id(), "post_id:2")).orElseThrow();
    assertThat(onSecond.thread()).isEqualTo(ThreadKey.of("/second/"));
    assertThat(onSecond.author().name()).isEqualTo("Bo");
    assertThat(onSecond.status()).isEqualTo(CommentStatus.PENDING);
    Comment reply = stored("12");
    assertThat(reply.parentId()).contains(onSecond.id());

    ImportReport again = importer.importStream(ImportFormat.WXR, resource("/fixtures/wxr-repeated-ids.xml"));

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(3);
    assertThat(store.find(SiteId.DEFAULT, Ids.scoped(onFirst.id(), "post_id:2"))).isPresent();
  }

  static InputStream resource(String name) {
    InputStream in = WxrImportTest.class.getResourceAsStream(name);
    assertThat(in).isNotNull();
    return in;
  }
}
