package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The WXR export checked against what its two consumers read: Disqus's custom XML import format (every field
 * present, {@code dsq:thread_identifier}, the thread's date in GMT) and the WordPress importer's three parsers
 * (SimpleXML and XML Parser decode the XML; the regex fallback reads lines and takes a text as it stands unless
 * it is CDATA, as WordPress's own export writes it).
 */
class WxrExportTest {
  final InMemoryCommentStore store = new InMemoryCommentStore();

  Comment add(ThreadInfo thread, String id, Author author, String text, Format format, Instant created) {
    Comment c = SampleData.comment(thread.key(), id, null, author, text, format, CommentStatus.APPROVED, created);
    store.insertAll(thread, List.of(c));
    return c;
  }

  ExportedWxr export() {
    return new ExportedWxr(SampleData.export(store, ExportFormat.WXR));
  }

  static ThreadInfo thread(String key, String title) {
    return new ThreadInfo(SiteId.DEFAULT, ThreadKey.of(key), title, "https://blog.example/" + key, false);
  }

  @Test
  void wxrExport_postDateGmt_isTheThreadsEarliestComment() {
    ThreadInfo late = thread("b/late", "Late");
    ThreadInfo early = thread("a/early", "Early");
    // inserted latest first: the item's date comes from the earliest comment, not the first stored
    add(late, "018f0000-0000-7000-8000-0000000000b1", Author.named("Ann"), "later one", Format.PLAIN,
        Instant.parse("2024-03-01T10:00:00.500Z"));
    add(late, "018f0000-0000-7000-8000-0000000000b2", Author.named("Bo"), "earlier one", Format.PLAIN,
        Instant.parse("2024-02-29T23:59:59.999Z"));
    add(early, "018f0000-0000-7000-8000-0000000000a1", Author.named("Cy"), "only one", Format.PLAIN,
        Instant.parse("2023-12-31T23:00:00Z"));

    List<Element> items = export().items();

    assertThat(items).extracting(i -> ExportedWxr.text(i, ExportedWxr.DSQ, "thread_identifier"))
        .containsExactly("a/early", "b/late");
    assertThat(items).extracting(i -> ExportedWxr.text(i, ExportedWxr.WP, "post_date_gmt"))
        .containsExactly("2023-12-31 23:00:00", "2024-02-29 23:59:59");
    Element firstOfLate = ExportedWxr.children(items.get(1), ExportedWxr.WP, "comment").get(0);
    assertThat(ExportedWxr.text(firstOfLate, ExportedWxr.WP, "comment_date_gmt")).isEqualTo("2024-02-29 23:59:59");
  }

  @Test
  void wxrExport_noLocalPostDate_soWordPressMatchesExistingPostsByTitle() {
    // post_exists(title, '', post_date) also compares post_date when it is given: a post's date is never its first
    // comment's, so a post_date would make WordPress create a second post of every title it already has; without
    // it, wp_insert_post derives the blog's local date from post_date_gmt
    add(thread("p", "P"), "018f0000-0000-7000-8000-000000000001", Author.named("Ann"), "hello", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));

    Element item = export().items().get(0);

    assertThat(ExportedWxr.children(item, ExportedWxr.WP, "post_date")).isEmpty();
    assertThat(ExportedWxr.text(item, ExportedWxr.WP, "post_date_gmt")).isEqualTo("2024-01-01 00:00:00");
    assertThat(ExportedWxr.text(item, ExportedWxr.WP, "post_type")).isEqualTo("post");
  }

  @Test
  void wxrExport_textsAreCdata_asWordPressWritesThem() {
    ThreadInfo t = thread("fish", "Fish & chips");
    Comment c = add(t, "018f0000-0000-7000-8000-000000000001", new Author("O'Brien & Co", "ob@example.org",
        "https://ob.example/?a=1&b=2", null), "<b>bold</b> & <i>more</i>\n\nsecond paragraph", Format.HTML,
        Instant.parse("2024-01-01T00:00:00Z"));

    ExportedWxr wxr = export();

    // the regex parser returns a text that is not CDATA as it stands, entities and all
    // the title as it is (WordPress matches an existing post by its exact title), names escaped as WordPress keeps them
    assertThat(wxr.text).contains("<title><![CDATA[Fish & chips]]></title>")
        .contains("<wp:comment_author><![CDATA[O&#039;Brien &amp; Co]]></wp:comment_author>")
        .contains("<wp:comment_author_url><![CDATA[https://ob.example/?a=1&b=2]]></wp:comment_author_url>")
        .contains("<wp:comment_content><![CDATA[" + c.html() + "]]></wp:comment_content>")
        .contains("<content:encoded><![CDATA[]]></content:encoded>");
    // ... and reads the file line by line: the version on one line, <item> and </item> on lines of their own
    List<String> lines = Arrays.stream(wxr.text.split("\n")).map(String::strip).toList();
    assertThat(lines).contains("<wp:wxr_version>1.2</wp:wxr_version>");
    assertThat(lines).filteredOn("<item>"::equals).hasSize(1);
    assertThat(lines).filteredOn("</item>"::equals).hasSize(1);
    // SimpleXML and XML Parser read the same texts
    Element item = wxr.items().get(0);
    assertThat(ExportedWxr.text(item, "", "title")).isEqualTo("Fish & chips");
    Element comment = ExportedWxr.only(item, ExportedWxr.WP, "comment");
    assertThat(ExportedWxr.text(comment, ExportedWxr.WP, "comment_content")).isEqualTo(c.html());
    assertThat(ExportedWxr.text(comment, ExportedWxr.WP, "comment_author_url"))
        .isEqualTo("https://ob.example/?a=1&b=2");
  }

  @Test
  void wxrExport_cdataEndInAKey_isSplitBetweenTwoSections() {
    ThreadInfo t = new ThreadInfo(SiteId.DEFAULT, ThreadKey.of("a]]>b"), "A", null, false);
    add(t, "018f0000-0000-7000-8000-000000000001", Author.named("Ann"), "hello", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));

    ExportedWxr wxr = export();

    // as WordPress's wxr_cdata splits it, and as the regex parser joins it back
    assertThat(wxr.text).contains("<wp:post_name><![CDATA[a]]]]><![CDATA[>b]]></wp:post_name>");
    Element item = wxr.items().get(0);
    assertThat(ExportedWxr.text(item, ExportedWxr.WP, "post_name")).isEqualTo("a]]>b");
    assertThat(ExportedWxr.text(item, ExportedWxr.DSQ, "thread_identifier")).isEqualTo("a]]>b");
    InMemoryCommentStore other = new InMemoryCommentStore();
    ImportReport report = Importer.builder().store(other).build()
        .importStream(ImportFormat.WXR, new ByteArrayInputStream(wxr.text.getBytes(StandardCharsets.UTF_8)));
    assertThat(report.comments()).isEqualTo(1);
    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("a]]>b"));
  }

  /**
   * An author's export holds their comments only: a reply of theirs to someone else's comment has no parent in
   * the file. WordPress's importer keeps a {@code comment_parent} it did not import as it stands, so a number
   * given to the absent parent would attach the reply to whatever comment has that id on the blog: the
   * parent is 0 instead (a top-level comment), and a reply to one of their own comments keeps its parent.
   */
  @Test
  void authorWxrExport_replyToSomeoneElse_hasNoParentNumber() {
    ThreadInfo t = thread("p", "P");
    Author ann = new Author("Ann", "ann@example.org", null, null);
    Comment other = SampleData.comment(t.key(), "018f0000-0000-7000-8000-000000000001", null, Author.named("Bo"),
        "first", Format.PLAIN, CommentStatus.APPROVED, Instant.parse("2024-01-01T00:00:00Z"));
    Comment reply = SampleData.comment(t.key(), "018f0000-0000-7000-8000-000000000002", other, ann, "a reply",
        Format.PLAIN, CommentStatus.APPROVED, Instant.parse("2024-01-02T00:00:00Z"));
    Comment own = SampleData.comment(t.key(), "018f0000-0000-7000-8000-000000000003", reply, ann, "and mine",
        Format.PLAIN, CommentStatus.APPROVED, Instant.parse("2024-01-03T00:00:00Z"));
    store.insertAll(t, List.of(other, reply, own));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    long n = Exporter.builder(store).build().exportAuthor(ExportFormat.WXR,
        dev.talkback.comments.AuthorMatch.email("ann@example.org"), out);

    assertThat(n).isEqualTo(2);
    List<Element> comments = ExportedWxr.children(new ExportedWxr(out.toByteArray()).items().get(0), ExportedWxr.WP,
        "comment");
    assertThat(comments).extracting(c -> ExportedWxr.text(c, ExportedWxr.WP, "comment_parent"))
        .containsExactly("0", ExportedWxr.text(comments.get(0), ExportedWxr.WP, "comment_id"));
  }

  /**
   * Disqus wants an item's {@code link} to be the page's absolute URL. A thread whose URL the host never saved
   * has only its key: with a link base the export makes the URL from it, and a saved URL stays as it is.
   */
  @Test
  void wxrExport_linkBase_makesAbsoluteLinksOfKeys() {
    ThreadInfo saved = thread("posts/saved", "Saved");
    ThreadInfo bare = new ThreadInfo(SiteId.DEFAULT, ThreadKey.of("posts/bare"), "Bare", null, false);
    ThreadInfo rooted = new ThreadInfo(SiteId.DEFAULT, ThreadKey.of("/rooted/"), "Rooted", null, false);
    add(saved, "018f0000-0000-7000-8000-000000000001", Author.named("Ann"), "one", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));
    add(bare, "018f0000-0000-7000-8000-000000000002", Author.named("Bo"), "two", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));
    add(rooted, "018f0000-0000-7000-8000-000000000003", Author.named("Cy"), "three", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    Exporter.builder(store).linkBase("https://blog.example/").build().export(ExportFormat.WXR, out);

    assertThat(new ExportedWxr(out.toByteArray()).items()).extracting(i -> ExportedWxr.text(i, "", "link"))
        .containsExactly("https://blog.example/rooted/", "https://blog.example/posts/bare",
            "https://blog.example/posts/saved");
    assertThat(export().items()).extracting(i -> ExportedWxr.text(i, "", "link"))
        .as("without a base, the key").containsExactly("/rooted/", "posts/bare", "https://blog.example/posts/saved");

    ThreadInfo spaced = new ThreadInfo(SiteId.DEFAULT, ThreadKey.of("my post?#ü"), "Spaced", null, false);
    add(spaced, "018f0000-0000-7000-8000-000000000004", Author.named("Di"), "four", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));
    // a key made from a URL is percent-encoded already (an import encodes paths as a browser does): kept so
    ThreadInfo encoded = new ThreadInfo(SiteId.DEFAULT, ThreadKey.of("/no%20url/100%"), "Encoded", null, false);
    add(encoded, "018f0000-0000-7000-8000-000000000005", Author.named("Ed"), "five", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));
    java.io.ByteArrayOutputStream under = new java.io.ByteArrayOutputStream();
    Exporter.builder(store).linkBase("https://blog.example:8443/blog").build().export(ExportFormat.WXR, under);
    assertThat(new ExportedWxr(under.toByteArray()).items()).extracting(i -> ExportedWxr.text(i, "", "link"))
        .as("a root key from the host, another under the base's path, each percent-encoded as a path")
        .containsExactly("https://blog.example:8443/no%20url/100%25", "https://blog.example:8443/rooted/",
            "https://blog.example:8443/blog/my%20post%3F%23%C3%BC",
            "https://blog.example:8443/blog/posts/bare", "https://blog.example/posts/saved");
  }

  @Test
  void linkBase_notAnAbsoluteHttpUrl_isRefused() {
    for (String bad : List.of("blog.example", "ftp://blog.example/", "https://", "https://blog.example/?q=1",
        "https://blog.example/#top", "https://blog example/", "javascript:alert(1)", "https://user:pw@blog.example/",
        "https://blog.example@evil.example/")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Exporter.builder(store).linkBase(bad))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("the link base must be an absolute http or https URL");
    }
  }

  /**
   * A reply met before its parent (the same second, the reply's id first) gets the higher number, so that
   * WordPress's importer, which inserts comments in number order and keeps a parent number it has not inserted
   * as it stands, has inserted the parent first.
   */
  @Test
  void wxrExport_replyBeforeItsParent_parentGetsTheLowerNumber() {
    ThreadInfo t = thread("p", "P");
    Instant same = Instant.parse("2024-01-01T00:00:00Z");
    Comment parent = SampleData.comment(t.key(), "018f0000-0000-7000-8000-0000000000f2", null, Author.named("Ann"),
        "parent", Format.PLAIN, CommentStatus.APPROVED, same);
    Comment reply = SampleData.comment(t.key(), "018f0000-0000-7000-8000-0000000000f1", parent, Author.named("Bo"),
        "reply", Format.PLAIN, CommentStatus.APPROVED, same);
    store.insertAll(t, List.of(parent, reply));

    List<Element> comments = ExportedWxr.children(export().items().get(0), ExportedWxr.WP, "comment");

    assertThat(ExportedWxr.text(comments.get(0), ExportedWxr.WP, "comment_content")).contains("reply");
    long replyNumber = Long.parseLong(ExportedWxr.text(comments.get(0), ExportedWxr.WP, "comment_id"));
    long parentNumber = Long.parseLong(ExportedWxr.text(comments.get(1), ExportedWxr.WP, "comment_id"));
    assertThat(ExportedWxr.text(comments.get(0), ExportedWxr.WP, "comment_parent")).isEqualTo(String.valueOf(parentNumber));
    assertThat(parentNumber).isLessThan(replyNumber);
  }

  /**
   * XML 1.0 has no U+FFFE or U+FFFF (nor a lone surrogate), which a thread key or a title may hold: they are
   * left out of the WXR file, which would otherwise not be XML at all, and everything else is kept.
   */
  @Test
  void wxrExport_charactersXmlCannotHold_areLeftOut() {
    ThreadInfo t = new ThreadInfo(SiteId.DEFAULT, ThreadKey.of("odd\uFFFEkey"), "Title\uFFFF here \uD83D\uDE00", null,
        false);
    add(t, "018f0000-0000-7000-8000-000000000001", Author.named("Ann\uFFFF"), "fine", Format.PLAIN,
        Instant.parse("2024-01-01T00:00:00Z"));

    Element item = export().items().get(0);

    assertThat(ExportedWxr.text(item, "", "title")).isEqualTo("Title here \uD83D\uDE00");
    assertThat(ExportedWxr.text(item, ExportedWxr.DSQ, "thread_identifier")).isEqualTo("oddkey");
    assertThat(ExportedWxr.text(item, "", "link")).isEqualTo("oddkey");
  }
}
