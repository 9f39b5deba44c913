package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentStore;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Export, import into an empty store, export again: byte-identical. Each store runs it. */
abstract class RoundTripContract {
  /** A new, empty store; {@code name} tells two stores of one test apart. */
  abstract CommentStore newStore(String name);

  @Test
  void talkback_exportImportExport_isByteIdentical() {
    CommentStore a = newStore("a");
    SampleData.populate(a);
    byte[] first = SampleData.export(a, ExportFormat.TALKBACK);

    CommentStore b = newStore("b");
    ImportReport report = Importer.builder().store(b).build()
        .importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(first));
    byte[] second = SampleData.export(b, ExportFormat.TALKBACK);

    assertThat(report.created()).isEqualTo(7);
    assertThat(report.problemCount()).isZero();
    assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
    assertThat(second).isEqualTo(first);
    assertThat(b.threadInfo(SiteId.DEFAULT, ThreadKey.of("posts/one")).orElseThrow().closed()).isTrue();
  }

  /** The format docs/import-export.md documents: a header line, then a line per thread and per comment. */
  @Test
  void talkback_export_holdsTheHeaderAndEveryFieldOfEachLine() throws IOException {
    CommentStore a = newStore("a");
    SampleData.populate(a);
    List<String> lines = new String(SampleData.export(a, ExportFormat.TALKBACK), StandardCharsets.UTF_8).lines()
        .toList();

    assertThat(lines.get(0)).isEqualTo("{\"talkback\":\"comments\",\"version\":1,\"site\":\"default\","
        + "\"exportedAt\":\"" + SampleData.CLOCK.instant() + "\"}");
    int comments = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith("{\"type\":\"thread\"")) {
        assertThat(keys(line)).as(line).containsExactly("type", "key", "title", "url", "closed");
      } else {
        comments++;
        assertThat(keys(line)).as(line).containsExactly("type", "id", "thread", "parent", "status", "kind", "author",
            "name", "email", "website", "userId", "source", "format", "html", "created", "edited", "likes",
            "editTokenHash", "ipHash");
      }
    }
    assertThat(comments).isEqualTo(7);
    assertThat(lines).anyMatch(l -> l.contains("\"edited\":\"")).anyMatch(l -> l.contains("\"likes\":2,"))
        .anyMatch(l -> l.contains("\"status\":\"SPAM\"")).anyMatch(l -> l.contains("\"closed\":true"));
  }

  /** The field names of one JSON line, nested ones included, in order. */
  private static List<String> keys(String line) throws IOException {
    List<String> keys = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(line)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          keys.add(p.currentName());
        }
      }
    }
    return keys;
  }

  @Test
  void talkback_importTwice_storesOnce() {
    CommentStore a = newStore("a");
    SampleData.populate(a);
    byte[] first = SampleData.export(a, ExportFormat.TALKBACK);
    CommentStore b = newStore("b");
    Importer importer = Importer.builder().store(b).build();
    importer.importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(first));

    ImportReport again = importer.importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(first));

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(7);
    assertThat(SampleData.export(b, ExportFormat.TALKBACK)).isEqualTo(first);
  }

  @Test
  void wxr_exportThenImport_keepsThreadsParentsStatusesAndKinds() {
    CommentStore a = newStore("a");
    SampleData.populate(a);
    byte[] wxr = SampleData.export(a, ExportFormat.WXR);
    CommentStore b = newStore("b");

    ImportReport report = Importer.builder().store(b)
        .threadKeys(ThreadKeyMapping.builder().rule("https://blog.example/", "posts/").build()).build()
        .importStream(ImportFormat.WXR, new ByteArrayInputStream(wxr));

    assertThat(report.comments()).isEqualTo(7);
    assertThat(report.orphans()).isZero();
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 3L).containsEntry(CommentStatus.PENDING, 1L)
        .containsEntry(CommentStatus.SPAM, 1L).containsEntry(CommentStatus.DELETED, 2L);
    assertThat(report.byKind()).containsEntry(CommentKind.PINGBACK, 1L);
    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("posts/one"), ThreadKey.of("posts/two"));
    assertThat(b.threadInfo(SiteId.DEFAULT, ThreadKey.of("posts/one")).orElseThrow().closed()).isTrue();
  }

  @Test
  void wxr_export_hasEveryElementDisqusLists() {
    CommentStore a = newStore("a");
    SampleData.populate(a);

    ExportedWxr wxr = new ExportedWxr(SampleData.export(a, ExportFormat.WXR));

    assertThat(wxr.rootNamespace("dsq")).isEqualTo(ExportedWxr.DSQ);
    assertThat(wxr.items()).hasSize(2);
    for (Element item : wxr.items()) {
      assertThat(ExportedWxr.text(item, "", "title")).isNotEmpty();
      assertThat(ExportedWxr.text(item, "", "link")).isNotEmpty();
      assertThat(ExportedWxr.text(item, ExportedWxr.CONTENT, "encoded")).as("no post body").isEmpty();
      assertThat(ExportedWxr.text(item, ExportedWxr.WP, "comment_status")).isIn("open", "closed");
      // both threads' earliest comments were made at 2024-05-06T07:08:09.123456Z
      assertThat(ExportedWxr.text(item, ExportedWxr.WP, "post_date_gmt")).isEqualTo("2024-05-06 07:08:09");
      for (Element comment : ExportedWxr.children(item, ExportedWxr.WP, "comment")) {
        for (String field : ExportedWxr.DISQUS_COMMENT_FIELDS) {
          ExportedWxr.only(comment, ExportedWxr.WP, field);
        }
      }
    }
    assertThat(wxr.items()).extracting(i -> ExportedWxr.text(i, ExportedWxr.DSQ, "thread_identifier"))
        .containsExactly("posts/one", "posts/two");
    assertThat(wxr.items()).extracting(i -> ExportedWxr.children(i, ExportedWxr.WP, "comment").size())
        .containsExactly(5, 2);
  }
}
