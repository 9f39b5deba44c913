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

  @Test
  void importStream_plainPermalinks_oneThreadPerPost() {
    // WordPress links drafts, and every post of a blog with plain permalinks, as /?p=N (pages /?page_id=N,
    // attachments /?attachment_id=N): the path alone is / for all of them
    InputStream in = WxrText.wxr()
        .item(WxrText.post("Draft", "http://blog.example/?p=4", 4), WxrText.comment("1").toString())
        .item(WxrText.post("A page", "http://blog.example/?page_id=5", 5), WxrText.comment("2").toString())
        .item(WxrText.post("Image", "http://blog.example/?attachment_id=6", 6), WxrText.comment("3").toString())
        .item(WxrText.post("Home", "http://blog.example/", 7), WxrText.comment("4").toString())
        .stream();

    ImportReport report = importer.importStream(ImportFormat.WXR, in);

    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("/?p=4"), ThreadKey.of("/?page_id=5"),
        ThreadKey.of("/?attachment_id=6"), ThreadKey.of("/"));
    assertThat(stored("1").thread()).isEqualTo(ThreadKey.of("/?p=4"));
  }

  @Test
  void importStream_itemWithoutLink_takesItsKeyFromTheGuid() {
    InputStream in = WxrText.wxr()
        .item("<title>No link</title><guid isPermaLink=\"false\">http://blog.example/?p=77</guid>"
            + "<wp:post_id>77</wp:post_id><wp:post_name><![CDATA[no-link]]></wp:post_name>",
            WxrText.comment("1").toString())
        .stream();

    ImportReport report = importer.importStream(ImportFormat.WXR, in);

    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("/?p=77"));
  }

  @Test
  void importStream_commentTypes_kindsStatusesAndWhatIsLeftOut() {
    InputStream in = WxrText.wxr()
        .item(WxrText.post("Shop", "http://shop.example/product/kettle/", 9),
            WxrText.comment("1").type("").toString(),
            WxrText.comment("2").type("comment").toString(),
            WxrText.comment("3").type("pingback").toString(),
            WxrText.comment("4").type("trackback").toString(),
            WxrText.comment("5").type("pings").toString(),
            WxrText.comment("6").type("review").toString(),
            WxrText.comment("7").type("order_note").content("Payment received; ship to 1 Main St").toString(),
            WxrText.comment("8").type("webhook_delivery").toString(),
            WxrText.comment("9").type("action_log").toString(),
            WxrText.comment("10").type("note").toString(),
            WxrText.comment("11").type("webmention").toString())
        .stream();

    ImportReport report = importer.importStream(ImportFormat.WXR, in);

    assertThat(report.comments()).isEqualTo(7);
    assertThat(report.skipped()).as("private types: order notes, webhook and action logs, editorial notes")
        .isEqualTo(4);
    assertThat(report.byKind()).containsEntry(CommentKind.COMMENT, 4L).containsEntry(CommentKind.PINGBACK, 2L)
        .containsEntry(CommentKind.TRACKBACK, 1L);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 3L)
        .containsEntry(CommentStatus.PENDING, 1L).containsEntry(CommentStatus.DELETED, 3L);
    assertThat(stored("6").status()).as("a WooCommerce product review is a public comment")
        .isEqualTo(CommentStatus.APPROVED);
    assertThat(CommentKind.of(stored("5"))).isEqualTo(CommentKind.PINGBACK);
    assertThat(stored("11").status()).as("an unknown type waits for a moderator").isEqualTo(CommentStatus.PENDING);
    assertThat(store.find(SiteId.DEFAULT, Ids.derive(SiteId.DEFAULT, "wxr", "7"))).isEmpty();
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.recordId()).isEqualTo("7");
      assertThat(p.message()).contains("order_note").contains("not imported");
    });
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.recordId()).isEqualTo("11");
      assertThat(p.message()).contains("webmention").contains("pending");
    });
  }

  @Test
  void importStream_everyCommentApprovedValue() {
    InputStream in = WxrText.wxr()
        .item(WxrText.post("Trashed post", "http://blog.example/?p=3", 3).replace("publish", "trash"),
            WxrText.comment("1").approved("1").toString(),
            WxrText.comment("2").approved("0").toString(),
            WxrText.comment("3").approved("spam").toString(),
            WxrText.comment("4").approved("trash").toString(),
            WxrText.comment("5").approved("post-trashed").toString(),
            WxrText.comment("6").approved("flagged-by-plugin").toString())
        .stream();

    ImportReport report = importer.importStream(ImportFormat.WXR, in);

    assertThat(report.comments()).isEqualTo(6);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 1L).containsEntry(CommentStatus.PENDING, 2L)
        .containsEntry(CommentStatus.SPAM, 1L).containsEntry(CommentStatus.DELETED, 2L);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("6");
      assertThat(p.message()).contains("flagged-by-plugin");
    });
  }

  @Test
  void importStream_zeroDates_fallBackAndNeverFail() {
    InputStream in = WxrText.wxr()
        .item(WxrText.post("Post", "http://blog.example/a/", 3),
            WxrText.comment("1").dates("2020-05-06 07:08:09", "0000-00-00 00:00:00").toString(),
            WxrText.comment("2").dates("0000-00-00 00:00:00", "0000-00-00 00:00:00").toString())
        .stream();

    ImportReport report = importer.importStream(ImportFormat.WXR, in);

    assertThat(report.comments()).isEqualTo(2);
    assertThat(stored("1").created()).isEqualTo(Instant.parse("2020-05-06T07:08:09Z"));
    assertThat(stored("2").created()).as("the post's date").isEqualTo(Instant.parse("2020-01-01T09:00:00Z"));
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("2");
      assertThat(p.message()).contains("no date");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-8"})
  void importStream_declaredEncoding(String encoding) {
    InputStream in = WxrText.wxr().declaration("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n")
        .item(WxrText.post("Caf\u00e9", "http://blog.example/a/", 3),
            WxrText.comment("1").author("Ren\u00e9e").content("Gr\u00fc\u00dfe").toString())
        .stream(java.nio.charset.Charset.forName(encoding));

    importer.importStream(ImportFormat.WXR, in);

    assertThat(stored("1").author().name()).isEqualTo("Ren\u00e9e");
    assertThat(stored("1").html()).contains("Gr\u00fc\u00dfe");
    assertThat(store.threadInfo(SiteId.DEFAULT, ThreadKey.of("/a/")).orElseThrow().title()).isEqualTo("Caf\u00e9");
  }

  @Test
  void importStream_utf8ByteOrderMark() {
    byte[] body = WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 3),
        WxrText.comment("1").author("Zo\u00eb").toString()).text().getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);

    ImportReport report = importer.importStream(ImportFormat.WXR, new ByteArrayInputStream(withBom));

    assertThat(report.comments()).isEqualTo(1);
    assertThat(stored("1").author().name()).isEqualTo("Zo\u00eb");
  }

  @Test
  void importStream_cdataSplitAroundItsEndMarker_andEntities() {
    // WordPress's wxr_cdata() writes "]]>" inside content as "]]]]><![CDATA[>"
    InputStream in = WxrText.wxr()
        .item("<title>Fish &amp; chips &#8211; &lt;cheap&gt;</title><link>http://blog.example/a/</link>",
            WxrText.comment("1").content("a[0]]]]><![CDATA[> is code").toString())
        .stream();

    importer.importStream(ImportFormat.WXR, in);

    assertThat(stored("1").source()).isEqualTo("<p>a[0]]> is code</p>");
    assertThat(stored("1").html()).contains("a[0]]&gt; is code");
    assertThat(store.threadInfo(SiteId.DEFAULT, ThreadKey.of("/a/")).orElseThrow().title())
        .isEqualTo("Fish & chips \u2013 <cheap>");
  }

  @Test
  void importStream_oneFilePerCall_repliesToCommentsOfAnEarlierFileKeepTheirParents() {
    // a large site exported in several files (by date range or category): a post's later comments, with
    // replies to its earlier ones, can be in the next file
    InputStream first = WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 3),
        WxrText.comment("1").toString(), WxrText.comment("2").parent("1").toString()).stream();
    InputStream second = WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 3),
        WxrText.comment("3").parent("2").toString()).stream();
    importer.importStream(ImportFormat.WXR, first);

    ImportReport dry = importer.dryRun(ImportFormat.WXR, WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 3),
        WxrText.comment("3").parent("2").toString()).stream());
    ImportReport report = importer.importStream(ImportFormat.WXR, second);

    assertThat(dry.orphans()).isZero();
    assertThat(report.orphans()).isZero();
    assertThat(report.problems()).isEmpty();
    assertThat(stored("3").parentId()).contains(stored("2").id());
    assertThat(stored("3").rootId()).isEqualTo(stored("1").id());
    assertThat(store.counts(SiteId.DEFAULT, java.util.List.of(ThreadKey.of("/a/"))))
        .containsEntry(ThreadKey.of("/a/"), 3);
  }

  @Test
  void importStream_parentOfAnotherPostInAnEarlierFile_isStillTopLevel() {
    importer.importStream(ImportFormat.WXR, WxrText.wxr().item(WxrText.post("P", "http://blog.example/a/", 3),
        WxrText.comment("1").toString()).stream());

    ImportReport report = importer.importStream(ImportFormat.WXR, WxrText.wxr()
        .item(WxrText.post("Q", "http://blog.example/b/", 4), WxrText.comment("2").parent("1").toString()).stream());

    assertThat(report.orphans()).isEqualTo(1);
    assertThat(stored("2").isTopLevel()).isTrue();
  }

  @Test
  void importStream_emptyChannelAndOneComment() {
    assertThat(importer.importStream(ImportFormat.WXR, WxrText.wxr().stream()).comments()).isZero();

    ImportReport one = importer.importStream(ImportFormat.WXR, WxrText.wxr()
        .item(WxrText.post("P", "http://blog.example/a/", 3), WxrText.comment("1").toString()).stream());

    assertThat(one.comments()).isEqualTo(1);
    assertThat(one.byStatus()).containsEntry(CommentStatus.APPROVED, 1L);
  }

  @Test
  void importStream_namesAndTitlesWordPressStoredHtmlEscaped_readAsText() {
    // WordPress saves a commenter's name through _wp_specialchars (O'Brien & Co becomes O&#039;Brien &amp; Co)
    // and writes titles through the_title_rss (esc_html, wptexturize's &#8217;): both reach the file escaped
    InputStream in = WxrText.wxr()
        .item("<title>Tom&#038;#8217;s fish &amp;amp; chips</title><link>http://blog.example/a/</link>",
            WxrText.comment("1").author("O&#039;Brien &amp; Co &lt;3").toString(),
            WxrText.comment("2").author("Plain &amp;amp; literal").toString())
        .stream();

    importer.importStream(ImportFormat.WXR, in);

    assertThat(stored("1").author().name()).isEqualTo("O'Brien & Co <3");
    assertThat(stored("2").author().name()).isEqualTo("Plain &amp; literal");
    assertThat(store.threadInfo(SiteId.DEFAULT, ThreadKey.of("/a/")).orElseThrow().title())
        .isEqualTo("Tom\u2019s fish & chips");
  }

  @Test
  void wxrExport_namesAndTitlesWithHtmlCharacters_comeBackTheSame() {
    importer.importStream(ImportFormat.WXR, WxrText.wxr()
        .item("<title>Fish &amp;amp; chips &lt;&#039;quoted&#039;&gt;</title><link>http://blog.example/a/</link>",
            WxrText.comment("1").author("O&#039;Brien &amp; Co &amp;amp;").toString())
        .stream());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Exporter.builder(store).build().export(ExportFormat.WXR, out);
    InMemoryCommentStore other = new InMemoryCommentStore();

    Importer.builder().store(other).build().importStream(ImportFormat.WXR, new ByteArrayInputStream(out.toByteArray()));

    assertThat(stored("1").author().name()).isEqualTo("O'Brien & Co &amp;");
    assertThat(other.threadInfo(SiteId.DEFAULT, ThreadKey.of("/a/")).orElseThrow().title())
        .isEqualTo("Fish & chips <'quoted'>");
    assertThat(other.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 10)).singleElement()
        .satisfies(c -> assertThat(c.author().name()).isEqualTo("O'Brien & Co &amp;"));
  }

  static InputStream resource(String name) {
    InputStream in = WxrImportTest.class.getResourceAsStream(name);
    assertThat(in).isNotNull();
    return in;
  }
}
