package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.RateLimit;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import dev.talkback.comments.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The Atom feeds, parsed back as XML. */
class FeedsTest {
  private final Comments comments = Comments.builder().store(new InMemoryCommentStore()).build();
  private final CommentsHandler handler = new CommentsHandler(new Settings(comments, SiteId.DEFAULT, Set.of(),
      new Secrets("0123456789abcdef".getBytes(StandardCharsets.UTF_8)), 4096, RateLimit.unlimited(),
      RateLimit.unlimited(), RateLimit.unlimited(), Duration.ofSeconds(3), Duration.ofDays(1), null, null));

  @AfterEach
  void tearDown() {
    comments.close();
  }

  @Test
  void site_markupInNamesAndTitles_isEscapedAndParsesBack() throws Exception {
    comments.post(NewComment.builder(ThreadKey.of("k")).threadTitle("Tom & \"Jerry\" <3")
        .threadUrl("https://blog.example/k?a=1&b=2").author(Author.named("Ada </name><x>")).text("a < b & c").build());
    for (String path : new String[] {"/feed.atom", "/feed/thread.atom"}) {
      Response r = handler.handle(new CommentsHandlerTest.TestRequest("GET", path, "thread=k", Map.of(), new byte[0]));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("application/atom+xml;charset=utf-8");
      assertThat(r.bodyText()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">");
      Document d = parse(r.body());
      Element entry = (Element) d.getElementsByTagName("entry").item(0);
      assertThat(entry.getElementsByTagName("name").item(0).getTextContent()).isEqualTo("Ada </name><x>");
      assertThat(entry.getElementsByTagName("title").item(0).getTextContent())
          .isEqualTo("Ada </name><x> on Tom & \"Jerry\" <3");
      assertThat(((Element) entry.getElementsByTagName("link").item(0)).getAttribute("href"))
          .startsWith("https://blog.example/k?a=1&b=2#comment-");
      assertThat(entry.getElementsByTagName("content").item(0).getTextContent()).contains("a &lt; b &amp; c");
    }
  }

  @Test
  void entries_haveTheirRelativeTimeInTheReadersLanguage_atomDatesStayRfc3339() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    Comments timed = Comments.builder().store(new InMemoryCommentStore()).clock(clock).build();
    try {
      CommentsHandler h = new CommentsHandler(new Settings(timed, SiteId.DEFAULT, Set.of(),
          new Secrets("0123456789abcdef".getBytes(StandardCharsets.UTF_8)), 4096, RateLimit.unlimited(),
          RateLimit.unlimited(), RateLimit.unlimited(), Duration.ofSeconds(3), Duration.ofDays(1), null, null));
      timed.post(NewComment.builder(ThreadKey.of("k")).author(Author.named("Ada")).text("Hello").build());
      clock.advance(Duration.ofHours(3));
      for (String path : new String[] {"/feed.atom", "/feed/thread.atom"}) {
        Element entry = (Element) parse(h.handle(new CommentsHandlerTest.TestRequest("GET", path, "thread=k",
            Map.of("Accept-Language", "de-DE,de;q=0.9"), new byte[0])).body()).getElementsByTagName("entry").item(0);
        assertThat(entry.getElementsByTagName("published").item(0).getTextContent()).isEqualTo("2026-11-26T09:00:00Z");
        String html = entry.getElementsByTagName("content").item(0).getTextContent();
        assertThat(html).startsWith("<p class=\"tb-meta\"><time datetime=\"2026-11-26T09:00:00Z\" title=\"26. November 2026")
            .contains(">vor 3 Stunden</time></p>").endsWith("<p>Hello</p>");
        String en = parse(h.handle(new CommentsHandlerTest.TestRequest("GET", path, "thread=k&lang=en", Map.of(),
            new byte[0])).body()).getElementsByTagName("content").item(0).getTextContent();
        assertThat(en).contains("title=\"November 26, 2026, 9:00 AM UTC\"").contains(">3 hours ago</time>");
      }
    } finally {
      timed.close();
    }
  }

  @Test
  void xml_dropsWhatXmlCannotCarry() {
    assertThat(Feeds.xml("a\u0000b\u0001c\td\ne\uFFFEf\uD800g\uD83D\uDE00")).isEqualTo("abc\td\nefg\uD83D\uDE00");
    assertThat(Feeds.xml("plain")).isEqualTo("plain");
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
