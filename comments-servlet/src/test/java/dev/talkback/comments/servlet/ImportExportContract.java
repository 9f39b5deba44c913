package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.Http.Reply;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.ForwardingCommentStore;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The moderation page's import (upload, dry run, import in the background, kept across reloads) and its
 * streamed export, over real HTTP in each supported container. The upload is a plain
 * {@code multipart/form-data} form, as a browser without script sends it.
 */
abstract class ImportExportContract {
  static final String DISQUS = """
      <?xml version="1.0" encoding="utf-8"?>
      <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
        <thread dsq:id="t1"><link>https://blog.example/posts/one/</link><title>One</title></thread>
        <thread dsq:id="t2"><link>https://blog.example/posts/two/</link><title>Two</title></thread>
        <post dsq:id="p1"><message><![CDATA[<p>First <script>alert(1)</script>comment</p>]]></message>
          <createdAt>2014-09-26T20:11:04Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
          <author><name>Ada</name><email>ada@example.org</email></author><thread dsq:id="t1"/></post>
        <post dsq:id="p3"><message><![CDATA[<p>A reply that comes before its parent</p>]]></message>
          <createdAt>2014-09-26T20:13:04Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
          <author><name>Grace</name></author><thread dsq:id="t1"/><parent dsq:id="p2"/></post>
        <post dsq:id="p2"><message><![CDATA[<p>Second</p>]]></message>
          <createdAt>2014-09-26T20:12:04Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
          <author><name>Linus</name></author><thread dsq:id="t1"/><parent dsq:id="p1"/></post>
        <post dsq:id="p4"><message><![CDATA[<p>Buy things</p>]]></message>
          <createdAt>2014-09-27T20:11:04Z</createdAt><isDeleted>false</isDeleted><isSpam>true</isSpam>
          <author><name>Spammer</name></author><thread dsq:id="t2"/></post>
        <post dsq:id="p5"><message><![CDATA[<p>Lost reply</p>]]></message>
          <createdAt>2014-09-28T20:11:04Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
          <author><name>Ken</name></author><thread dsq:id="t2"/><parent dsq:id="gone"/></post>
      </disqus>
      """;
  static final String MOD = "X-Test-Moderator";
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  Container container;
  Comments comments;
  Http http;
  volatile CountDownLatch gate = new CountDownLatch(0);

  abstract Container container();

  void start(Consumer<CommentsServlet.Builder> config) throws Exception {
    InMemoryCommentStore memory = new InMemoryCommentStore();
    // a store whose batch inserts can be held, to keep an import running while the test looks at it
    ForwardingCommentStore store = new ForwardingCommentStore(memory) {
      @Override
      public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> list) {
        try {
          if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return super.insertAll(thread, list);
      }
    };
    comments = Comments.builder().store(store).build();
    CommentsServlet.Builder b = CommentsServlet.builder(comments)
        .allowedOrigins("https://blog.example")
        .secret("0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8))
        .moderatorAuthorizer((req, site) -> "yes".equals(req.getHeader(MOD)));
    config.accept(b);
    container = container();
    http = new Http(container.start(b.build()));
  }

  @AfterEach
  void stop() throws Exception {
    gate.countDown();
    if (container != null) {
      container.close();
    }
    if (comments != null) {
      comments.close();
    }
  }

  /** The import page as a moderator; its CSRF token. */
  String csrf() {
    Reply page = http.get("/admin/import", MOD, "yes");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(m.find()).as(page.body()).isTrue();
    return m.group(1);
  }

  /** A multipart/form-data upload as a browser sends it: the token first, then format, rules, file. */
  Reply upload(String csrf, String format, String filename, byte[] file, String... headers) {
    String boundary = "----talkbackTestBoundary7MA4YWxkTrZu0gW";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "csrf", null, csrf.getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "format", null, format.getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "map", null, "https://blog.example/=\r\n".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "strip", null, "yes".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "file", filename, file);
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder r = http.request("/admin/import").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary);
    for (int i = 0; i < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    return http.send(r.build());
  }

  private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, byte[] value) {
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: application/xml")
        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(value);
    out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  /** Reloads the page, as its refresh does, until the job is in {@code state}; fails after the deadline. */
  Reply awaitState(Http client, String state) {
    Reply[] last = new Reply[1];
    Await.until(DEADLINE, "the import page shows the job " + state, () -> {
      last[0] = client.get("/admin/import", MOD, "yes");
      return last[0].body().contains("data-state=\"" + state + "\"");
    });
    return last[0];
  }

  @Test
  @DisplayName("the import and author data pages speak German to a browser that asks for it, English to others")
  void pages_inGerman_forAcceptLanguageDe() throws Exception {
    start(b -> {});
    String[] de = {MOD, "yes", "Accept-Language", "de-DE,de;q=0.9,en;q=0.5"};
    Reply page = http.get("/admin/import", de);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"de\"").contains("<h1>Import und Export</h1>")
        .contains("Zurück zur Moderation").contains("Eine Datei zum Importieren hochladen")
        .contains("An der Datei erkennen").contains("Disqus-XML-Export").contains("Hochladen und prüfen")
        .contains("Als Talkback-JSON-Lines herunterladen").contains("Als WXR herunterladen")
        .doesNotContain("Upload and check").doesNotContain("Download as").doesNotContain("Back to moderation");
    assertThat(http.get("/admin/import", MOD, "yes").body()).as("no Accept-Language: English")
        .contains("<html lang=\"en\"").contains("Upload and check");
    Reply denied = http.get("/admin/import", "Accept-Language", "de");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.body()).contains("Nur für Moderatoren");

    Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).isTrue();
    Reply uploaded = upload(csrf.group(1), "auto", "disqus.xml", DISQUS.getBytes(StandardCharsets.UTF_8), de);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(303);
    Reply[] last = new Reply[1];
    Await.until(DEADLINE, "the dry run is shown in German", () -> {
      last[0] = http.get("/admin/import", de);
      return last[0].body().contains("data-state=\"checked\"");
    });
    assertThat(last[0].body()).contains("Probelauf beendet").contains("Was die Datei enthält")
        .containsPattern("Kommentare</th><td>5<").containsPattern("Spam</th><td>1<")
        .contains("5 Kommentare importieren").contains("Diese Datei verwerfen")
        .containsPattern("Zeile \\d+, Spalte \\d+: Eintrag p5: ").doesNotContain("Dry run finished");
    Matcher action = Pattern.compile("action=\"([^\"]*/admin/import/[^\"]+)\"").matcher(last[0].body());
    assertThat(action.find()).isTrue();
    String path = action.group(1).replace("&amp;", "&").substring(action.group(1).indexOf("/admin/"));
    Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(last[0].body());
    assertThat(token.find()).isTrue();
    assertThat(http.form(path, "csrf=" + token.group(1) + "&action=import", de).status()).isEqualTo(303);
    Await.until(DEADLINE, "the import is shown done in German", () -> {
      last[0] = http.get("/admin/import", de);
      return last[0].body().contains("data-state=\"done\"");
    });
    assertThat(last[0].body()).contains("Importiert: 5 neue Kommentare gespeichert, 0 waren schon gespeichert.")
        .contains("Was importiert wurde");

    Reply author = http.get("/admin/authors?email=ada@example.org", de);
    assertThat(author.status()).as(author.body()).isEqualTo(200);
    assertThat(author.body()).contains("<html lang=\"de\"").contains("<h1>Die Daten einer Person</h1>")
        .contains("Ihre Kommentare suchen").contains("1 Kommentar auf dieser Website").contains("freigegeben")
        .contains("Ihre Daten herunterladen").contains("Ihre Daten löschen").contains("Löschprotokoll")
        .contains("Auf dieser Website wurde nichts gelöscht.").doesNotContain("Erase").doesNotContain("comments on");
    assertThat(http.get("/admin/authors?email=ada@example.org", MOD, "yes").body())
        .contains("1 comment on this site").contains("Erasure log");
  }

  @Test
  @DisplayName("a moderator uploads a file, reads the dry run, imports it in the background; a reload finds it")
  void upload_dryRun_import() throws Exception {
    start(b -> {});
    Reply uploaded = upload(csrf(), "auto", "disqus.xml", DISQUS.getBytes(StandardCharsets.UTF_8), MOD, "yes");
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(303);
    assertThat(uploaded.header("Location")).endsWith("/admin/import?site=default");

    Reply checked = awaitState(http, "checked");
    assertThat(checked.body()).contains("Dry run finished").contains("disqus.xml").contains("disqus")
        .containsPattern("Comments</th><td>5<").containsPattern("spam</th><td>1<")
        .containsPattern("Replies without their parent \\(imported top-level\\)</th><td>1<")
        .contains("Import 5 comments");
    assertThat(checked.body()).containsPattern("line \\d+, column \\d+: record p5: a reply whose parent is not in");
    assertThat(comments.thread(dev.talkback.comments.SiteId.DEFAULT, dev.talkback.comments.ThreadKey.of("posts/one"),
        dev.talkback.comments.ThreadPageRequest.DEFAULT).totalCount()).as("a dry run stores nothing").isZero();

    // another browser (no cookie of this page) finds the same job: it is kept on the server, by site
    Http other = new Http(http.base());
    Reply elsewhere = other.get("/admin/import", MOD, "yes");
    assertThat(elsewhere.body()).contains("data-state=\"checked\"").contains("disqus.xml");

    Matcher action = Pattern.compile("action=\"([^\"]*/admin/import/[^\"]+)\"").matcher(checked.body());
    assertThat(action.find()).isTrue();
    String path = action.group(1).replace("&amp;", "&").substring(action.group(1).indexOf("/admin/"));
    Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(checked.body());
    assertThat(token.find()).isTrue();
    gate = new CountDownLatch(1);
    Reply go = http.form(path, "csrf=" + token.group(1) + "&action=import", MOD, "yes");
    assertThat(go.status()).as(go.body()).isEqualTo(303);
    Reply running = awaitState(other, "importing");
    assertThat(running.body()).contains("http-equiv=\"refresh\"").contains("<progress");
    gate.countDown();
    Reply done = awaitState(other, "done");
    assertThat(done.body()).contains("Imported: 5 new comments stored").doesNotContain("http-equiv=\"refresh\"");
    var page = comments.thread(dev.talkback.comments.SiteId.DEFAULT, dev.talkback.comments.ThreadKey.of("posts/one"),
        dev.talkback.comments.ThreadPageRequest.DEFAULT);
    assertThat(page.totalCount()).isEqualTo(3);
    assertThat(http.get("/api/thread?thread=posts/one").body()).doesNotContain("<script").contains("First");
    assertThat(http.get("/api/thread?thread=posts/two").body()).doesNotContain("Buy things").contains("Lost reply");
  }

  @Test
  @DisplayName("a second upload while an import runs is refused politely, with a page that says why")
  void upload_whileRunning_refused() throws Exception {
    start(b -> {});
    assertThat(upload(csrf(), "disqus", "a.xml", DISQUS.getBytes(StandardCharsets.UTF_8), MOD, "yes").status())
        .isEqualTo(303);
    Reply checked = awaitState(http, "checked");
    Matcher action = Pattern.compile("action=\"[^\"]*(/admin/import/[^\"]+)\"").matcher(checked.body());
    assertThat(action.find()).isTrue();
    String token = csrf(); // from a page loaded before the import started (say, another tab)
    gate = new CountDownLatch(1);
    assertThat(http.form(action.group(1).replace("&amp;", "&"), "csrf=" + token + "&action=import", MOD, "yes")
        .status()).isEqualTo(303);
    Reply running = awaitState(http, "importing");
    assertThat(running.body()).as("no upload form while a file is being read").doesNotContain("multipart/form-data");
    Reply second = upload(token, "disqus", "b.xml", DISQUS.getBytes(StandardCharsets.UTF_8), MOD, "yes");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.header("X-Talkback-Error")).isEqualTo("import_running");
    assertThat(second.type()).startsWith("text/html");
    assertThat(second.body()).contains("a.xml is being imported").contains("wait until it has finished");
    gate.countDown();
    awaitState(http, "done");
    assertThat(upload(csrf(), "disqus", "b.xml", DISQUS.getBytes(StandardCharsets.UTF_8), MOD, "yes").status())
        .as("once it has finished, the next file is taken").isEqualTo(303);
  }

  @Test
  @DisplayName("a malformed file is refused by the dry run, with the line and column; nothing is stored")
  void upload_badFile_namesPosition() throws Exception {
    start(b -> {});
    String bad = "<?xml version=\"1.0\"?>\n<disqus>\n  <thread dsq:id=\"t1\">\n  <post></thread>\n";
    assertThat(upload(csrf(), "disqus", "bad.xml", bad.getBytes(StandardCharsets.UTF_8), MOD, "yes").status())
        .isEqualTo(303);
    Reply failed = awaitState(http, "failed");
    assertThat(failed.body()).contains("The file was refused").containsPattern("line \\d+, column \\d+");
    assertThat(failed.body()).as("the upload form is back for the next try").contains("enctype=\"multipart/form-data\"");
  }

  @Test
  @DisplayName("an upload over the limit is answered 413 with a page naming the limit and the command line")
  void upload_tooLarge() throws Exception {
    start(b -> b.maxImportBytes(4096));
    byte[] big = ("<disqus>" + "<!-- padding -->".repeat(2000) + "</disqus>").getBytes(StandardCharsets.UTF_8);
    Reply r = upload(csrf(), "disqus", "big.xml", big, MOD, "yes");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("X-Talkback-Error")).isEqualTo("upload_too_large");
    assertThat(r.body()).contains("larger than the upload limit of 4 KiB").contains("talkback.jar import");
  }

  @Test
  @DisplayName("uploads need a moderator, the page's CSRF token and its own origin; a file of no known format is named")
  void upload_guarded() throws Exception {
    start(b -> {});
    String csrf = csrf();
    byte[] file = DISQUS.getBytes(StandardCharsets.UTF_8);
    assertThat(upload(csrf, "auto", "x.xml", file).status()).isEqualTo(403);
    Reply forged = upload("forged", "auto", "x.xml", file, MOD, "yes");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.header("X-Talkback-Error")).isEqualTo("csrf_failed");
    Reply foreign = upload(csrf, "auto", "x.xml", file, MOD, "yes", "Origin", "https://evil.example");
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.header("X-Talkback-Error")).isEqualTo("origin_not_allowed");
    Reply unknown = upload(csrf, "auto", "notes.txt", "just some notes".getBytes(StandardCharsets.UTF_8), MOD, "yes");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("could not tell the format of notes.txt");
    assertThat(http.get("/admin/import", MOD, "yes").body()).doesNotContain("data-state=");
  }

  @Test
  @DisplayName("the export is streamed (no Content-Length), in both formats, to moderators only")
  void export_streamed() throws Exception {
    start(b -> {});
    for (int i = 0; i < 30; i++) {
      comments.post(dev.talkback.comments.NewComment.builder(dev.talkback.comments.ThreadKey.of("posts/" + (i % 3)))
          .threadTitle("Post " + (i % 3)).author(dev.talkback.comments.Author.named("Ada").withEmail("ada@example.org"))
          .text("Comment " + i).build());
    }
    assertThat(http.get("/admin/export?format=talkback").status()).isEqualTo(403);
    Reply jsonl = http.get("/admin/export?format=talkback", MOD, "yes");
    assertThat(jsonl.status()).isEqualTo(200);
    assertThat(jsonl.header("Content-Length")).isNull();
    assertThat(jsonl.header("Content-Disposition")).contains("attachment").contains(".jsonl");
    assertThat(jsonl.body().lines()).hasSize(1 + 3 + 30);
    assertThat(jsonl.body()).contains("\"talkback\":\"comments\"").contains("ada@example.org");
    Reply wxr = http.get("/admin/export?format=wxr", MOD, "yes");
    assertThat(wxr.status()).isEqualTo(200);
    assertThat(wxr.type()).startsWith("application/xml");
    assertThat(wxr.body()).contains("<wp:comment>").contains("Comment 29");
    assertThat(http.get("/admin/export?format=csv", MOD, "yes").status()).isEqualTo(400);
    assertThat(http.get("/admin/import", MOD, "yes").body()).contains("/admin/export?site=default&amp;format=wxr");
    Optional<String> link = Optional.ofNullable(http.get("/admin", MOD, "yes").body())
        .filter(b -> b.contains("/admin/import?site=default"));
    assertThat(link).as("the moderation page links to import and export").isPresent();
  }

  @Test
  @DisplayName("a WXR export given the site's address links threads without a saved URL absolutely; a bad address is a 400 that says why")
  void export_wxrLinkBase() throws Exception {
    start(b -> {});
    comments.post(dev.talkback.comments.NewComment.builder(dev.talkback.comments.ThreadKey.of("posts/bare"))
        .threadTitle("Bare").author(dev.talkback.comments.Author.named("Ada")).text("No URL saved").build());
    assertThat(http.get("/admin/import", MOD, "yes").body()).contains("name=\"linkBase\"");

    Reply plain = http.get("/admin/export?format=wxr", MOD, "yes");
    assertThat(plain.body()).contains("<link>posts/bare</link>");
    Reply based = http.get("/admin/export?site=default&format=wxr&linkBase=https%3A%2F%2Fblog.example%2F", MOD, "yes");
    assertThat(based.status()).isEqualTo(200);
    assertThat(based.body()).contains("<link>https://blog.example/posts/bare</link>");
    Reply blank = http.get("/admin/export?site=default&format=wxr&linkBase=", MOD, "yes");
    assertThat(blank.body()).as("an empty field is no base").contains("<link>posts/bare</link>");

    Reply bad = http.get("/admin/export?site=default&format=wxr&linkBase=javascript%3Aalert(1)", MOD, "yes");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.header("X-Talkback-Error")).isEqualTo("invalid_link_base");
    assertThat(bad.body()).contains("absolute http or https URL").doesNotContain("Exception");
    Reply markup = http.get("/admin/export?site=default&format=wxr&linkBase=https%3A%2F%2Fa%22%3E%3Cb%3Ex", MOD, "yes");
    assertThat(markup.status()).isEqualTo(400);
    assertThat(markup.body()).as("the address is shown escaped").contains("https://a&quot;&gt;&lt;b&gt;x")
        .doesNotContain("\"><b>x");
  }
}
