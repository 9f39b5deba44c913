package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadFilesTest {
  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static String disqusHead() {
    return "<?xml version=\"1.0\"?>\n<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
        + "<thread dsq:id=\"t\"><link>https://x.example/a/</link><title>A</title></thread>\n"
        + "<post dsq:id=\"1\"><message>first</message><createdAt>2020-01-01T00:00:00Z</createdAt>"
        + "<author><name>A</name></author><thread dsq:id=\"t\"/></post>\n";
  }

  void assertNothingStored() {
    for (CommentStatus s : CommentStatus.values()) {
      assertThat(store.byStatus(SiteId.DEFAULT, s, 10)).isEmpty();
    }
  }

  @Nested
  @DisplayName("DTDs and entities are refused")
  class Entities {
    @Test
    void xxe_externalEntity_isRefusedAndNothingLeaks(@TempDir Path dir) throws IOException {
      Path secret = dir.resolve("secret.txt");
      Files.writeString(secret, "TOP-SECRET");
      String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE disqus [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
          + "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
          + "<thread dsq:id=\"t\"><link>https://x.example/a/</link><title>&xxe;</title></thread>\n"
          + "<post dsq:id=\"1\"><message>&xxe;</message><createdAt>2020-01-01T00:00:00Z</createdAt>"
          + "<author><name>A</name></author><thread dsq:id=\"t\"/></post>\n</disqus>";

      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, text(xml)))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("line 2")
          .hasMessageContaining("DTD")
          .hasMessageNotContaining("TOP-SECRET");
      assertNothingStored();
    }

    @Test
    void billionLaughs_isRefusedAtOnce() {
      StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
      for (int i = 1; i <= 9; i++) {
        dtd.append("<!ENTITY lol").append(i).append(" \"");
        for (int j = 0; j < 10; j++) {
          dtd.append("&lol").append(i == 1 ? "" : Integer.toString(i - 1)).append(';');
        }
        dtd.append("\">");
      }
      dtd.append("]>");
      String xml = "<?xml version=\"1.0\"?>\n" + dtd + "\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>"
          + "<item><title>&lol9;</title><link>https://x.example/a/</link></item></channel></rss>";
      long start = System.nanoTime();

      assertThatThrownBy(() -> importer.importStream(ImportFormat.WXR, text(xml)))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("DTD");
      assertThat(System.nanoTime() - start).as("refused, not expanded").isLessThan(5_000_000_000L);
      assertNothingStored();
    }

    @Test
    void undeclaredEntity_isRefused() {
      String xml = disqusHead() + "<post dsq:id=\"2\"><message>&bogus;</message></post></disqus>";

      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, text(xml)))
          .isInstanceOf(ImportException.class)
          .satisfies(e -> assertThat(((ImportException) e).line()).isEqualTo(5));
      assertNothingStored();
    }
  }

  @Nested
  @DisplayName("malformed, truncated and foreign files stop the import before anything is stored")
  class Malformed {
    @Test
    void truncatedXml_namesThePosition() {
      String xml = disqusHead() + "<post dsq:id=\"2\"><message>cut he";

      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, text(xml)))
          .isInstanceOf(ImportException.class)
          .hasMessageStartingWith("line 5");
      assertNothingStored();
    }

    @Test
    void malformedXml_namesThePosition() {
      String xml = disqusHead() + "<post dsq:id=\"2\"><message>x</mesage></post></disqus>";

      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, text(xml)))
          .isInstanceOf(ImportException.class)
          .hasMessageStartingWith("line 5")
          .hasMessageContaining("malformed XML");
      assertNothingStored();
    }

    @Test
    void badDateInALaterRecord_storesNothing() {
      String xml = disqusHead() + "<post dsq:id=\"2\"><message>x</message><createdAt>yesterday</createdAt>"
          + "<thread dsq:id=\"t\"/></post></disqus>";

      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, text(xml)))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("line 5")
          .hasMessageContaining("yesterday");
      assertNothingStored();
    }

    @Test
    void disqusFileReadAsWxr_isTheWrongFormat() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.WXR, text(disqusHead() + "</disqus>")))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("not a WordPress export");
    }

    @Test
    void rssWithoutWordPressNamespace_isTheWrongFormat() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.WXR, text("<rss><channel/></rss>")))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("not a WordPress export");
    }

    @Test
    void wxrReadAsDisqus_isTheWrongFormat() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS,
          text("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel/></rss>")))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("not a Disqus export");
    }

    @Test
    void xmlReadAsTalkback_isMalformedJson() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.TALKBACK, text(disqusHead())))
          .isInstanceOf(ImportException.class)
          .hasMessageStartingWith("line 1")
          .hasMessageContaining("malformed JSON");
    }

    @Test
    void truncatedJsonLines_namesTheLine() {
      String json = "{\"talkback\":\"comments\",\"version\":1,\"site\":\"default\",\"exportedAt\":\"2020-01-01T00:00:00Z\"}\n"
          + "{\"type\":\"thread\",\"key\":\"a\",\"title\":\"A\",\"url\":null,\"closed\":false}\n"
          + "{\"type\":\"comment\",\"id\":\"01890a5d-ac96-774b-bcce-b302099a8057\",\"thread\":\"a\",\"sou";

      assertThatThrownBy(() -> importer.importStream(ImportFormat.TALKBACK, text(json)))
          .isInstanceOf(ImportException.class)
          .hasMessageStartingWith("line 3");
      assertNothingStored();
    }

    @Test
    void jsonWithoutHeader_isTheWrongFormat() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.TALKBACK, text("{\"type\":\"thread\"}\n")))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("not a Talkback export");
    }

    @Test
    void emptyFile_isRefused() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, text("")))
          .isInstanceOf(ImportException.class);
      assertThatThrownBy(() -> importer.importStream(ImportFormat.TALKBACK, text("")))
          .isInstanceOf(ImportException.class);
    }
    @Test
    void truncatedInsideAMultiByteCharacter_namesThePosition() {
      byte[] whole = (disqusHead() + "<post dsq:id=\"2\"><message>caf\u00e9</message>").getBytes(StandardCharsets.UTF_8);
      byte[] cut = java.util.Arrays.copyOf(whole, whole.length - "</message>".length() - 1);

      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, new ByteArrayInputStream(cut)))
          .isInstanceOf(ImportException.class)
          .hasMessageStartingWith("line 5")
          .hasMessageContaining("malformed XML");
      assertNothingStored();
    }

    @Test
    void invalidUtf8_isRefusedWithItsOffset() {
      byte[] head = (disqusHead() + "<post dsq:id=\"2\"><message>caf").getBytes(StandardCharsets.UTF_8);
      byte[] tail = "</message></post></disqus>".getBytes(StandardCharsets.UTF_8);
      byte[] bad = new byte[head.length + 1 + tail.length];
      System.arraycopy(head, 0, bad, 0, head.length);
      bad[head.length] = (byte) 0xE9; // ISO-8859-1's é in a file that says nothing, so UTF-8
      System.arraycopy(tail, 0, bad, head.length + 1, tail.length);

      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, new ByteArrayInputStream(bad)))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("Invalid UTF-8")
          .hasMessageContaining("char #");
      assertNothingStored();
    }

    @Test
    void wrongRootElement_isTheWrongFormat() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.DISQUS, text("<?xml version=\"1.0\"?>\n<feed/>")))
          .isInstanceOf(ImportException.class)
          .hasMessageStartingWith("line 2")
          .hasMessageContaining("not a Disqus export");
    }

    @Test
    void doctypeWithoutInternalSubset_isRefused() {
      assertThatThrownBy(() -> importer.importStream(ImportFormat.WXR, text("<?xml version=\"1.0\"?>\n<!DOCTYPE rss>\n"
          + "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel/></rss>")))
          .isInstanceOf(ImportException.class)
          .hasMessageContaining("DTD");
    }

    @Test
    void truncatedWxr_namesThePosition() {
      String wxr = WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 1),
          WxrText.comment("1").toString(), WxrText.comment("2").toString()).text();
      String cut = wxr.substring(0, wxr.indexOf("<wp:comment_id>2"));

      assertThatThrownBy(() -> importer.importStream(ImportFormat.WXR, text(cut)))
          .isInstanceOf(ImportException.class)
          .hasMessageStartingWith("line ")
          .hasMessageContaining("malformed XML");
      assertNothingStored();
    }
  }

  @Nested
  @DisplayName("small and odd files import what they hold")
  class Small {
    @Test
    void emptyDisqusFile_importsNothing() {
      ImportReport report = importer.importStream(ImportFormat.DISQUS,
          text("<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\"/>"));

      assertThat(report.comments()).isZero();
      assertThat(report.problemCount()).isZero();
    }

    @Test
    void oneCommentDisqusFile() {
      ImportReport report = importer.importStream(ImportFormat.DISQUS, text(disqusHead() + "</disqus>"));

      assertThat(report.comments()).isEqualTo(1);
      assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 1L);
    }

    @Test
    void controlCharactersXmlForbids_areReplacedAndReported() {
      // WordPress's export writes comment text as it is stored, control characters included, which XML 1.0
      // forbids; WordPress's own importer falls back to a lenient parser for such files
      String wxr = WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 1),
          WxrText.comment("1").content("tab\tok, bell\u0007 and escape\u001b here").toString()).text();

      ImportReport report = importer.importStream(ImportFormat.WXR, text(wxr));

      assertThat(report.comments()).isEqualTo(1);
      assertThat(store.find(SiteId.DEFAULT, dev.talkback.comments.io.internal.Ids.derive(SiteId.DEFAULT, "wxr", "1"))
          .orElseThrow().html()).contains("bell").contains("escape  here").doesNotContain("\u0007");
      assertThat(report.problems()).singleElement().satisfies(p ->
          assertThat(p.message()).contains("2 control characters"));
    }

    @Test
    void gzippedWithControlCharacters_isUnpackedThenFiltered() {
      // Disqus mails its export as a .xml.gz, and a gzipped WXR is what a backup plugin keeps: the file is
      // unpacked first, so the control characters inside are still read as spaces
      String wxr = WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 1),
          WxrText.comment("1").content("bell\u0007 inside").toString()).text();

      ImportReport report = importer.importStream(ImportFormat.WXR,
          new java.io.ByteArrayInputStream(CommentoImportTest.gzip(wxr)));

      assertThat(report.comments()).isEqualTo(1);
      assertThat(store.find(SiteId.DEFAULT, dev.talkback.comments.io.internal.Ids.derive(SiteId.DEFAULT, "wxr", "1"))
          .orElseThrow().html()).contains("bell  inside");
      assertThat(report.problems()).singleElement().satisfies(p ->
          assertThat(p.message()).contains("1 control characters"));
    }
  }
}
