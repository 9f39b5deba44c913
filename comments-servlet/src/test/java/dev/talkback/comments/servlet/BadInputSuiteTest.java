package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.servlet.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rerunnable bad-input suite: hostile requests on every endpoint (JSON API, form, feeds, fragment, admin,
 * health, assets, notification links), generated from tables of endpoints, parameters, fields, bodies, methods and headers, sent
 * byte for byte over a socket to a real Jetty. Whatever comes in, the answer is never a 5xx; a refusal is a
 * 4xx that says what to fix (problem+json with a detail, or an HTML page), with no stack trace or internal
 * names; a 405 lists the methods that work in {@code Allow}; a refused no-JS form shows the reader's text
 * again. A case that must be refused says so ({@link Expect#REFUSED}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MOUNT = Container.CONTEXT + "/comments";
  private static final String ORIGIN = "https://blog.example";
  private static final String RETURN = ORIGIN + "/posts/t";
  private static final String KEEP = "KEEP-MY-TEXT-42";
  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");
  /** Text that would show an internal failure: stack frames, exception and package names, SQL. */
  private static final List<String> INTERNAL = List.of("\tat ", "Exception", "java.lang", "jakarta.", "org.eclipse",
      "dev.talkback", "NullPointer", "SQLState", "Caused by");

  /** What a case must get. */
  enum Expect {
    /** Anything but a 5xx: some hostile-looking input is fine (a thread key with {@code <script>} in it). */
    NO_5XX,
    /** A 4xx. */
    REFUSED,
    /** A no-JS form post: a 303 back, or a 4xx HTML page that shows the reader's text again. */
    FORM
  }

  record Case(String name, String method, String target, Map<String, String> headers, byte[] body, Expect expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Container container;
  private Comments comments;
  private RawHttp raw;
  private String commentId;

  @BeforeAll
  void start() throws Exception {
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(java.time.Clock.systemUTC());
    comments = Comments.builder().store(store).build();
    Notifications notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create("bad-input-suite-link-secret-0123456789".getBytes(StandardCharsets.UTF_8),
            java.time.Clock.systemUTC())).build();
    commentId = comments.post(NewComment.builder(ThreadKey.of("t")).author(Author.named("Ada")).text("first")
        .build()).comment().id().toString();
    CommentsServlet servlet = CommentsServlet.builder(comments).allowedOrigins(ORIGIN)
        .secret("bad-input-suite-secret-0123".getBytes(StandardCharsets.UTF_8))
        .healthToken("health-token-0123456789")
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited())
        .actionsPerClient(RateLimit.unlimited())
        .formTimeTrap(Duration.ZERO, Duration.ofDays(1))
        .identityResolver(req -> Optional.empty())
        .moderatorAuthorizer((req, site) -> "yes".equals(req.getHeader("X-Test-Moderator")))
        .notifications(notifications)
        .build();
    container = new JettyContainer();
    raw = new RawHttp(container.start(servlet));
  }

  @AfterAll
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
    if (comments != null) {
      comments.close();
    }
  }

  Stream<Arguments> cases() {
    List<Case> all = new ArrayList<>();
    queryCases(all);
    cursorCases(all);
    jsonFieldCases(all);
    rawBodyCases(all);
    methodCases(all);
    headerCases(all);
    formCases(all);
    return all.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void hostileRequest_isNeverA5xx_andSaysWhatToFix(Case c) throws IOException {
    byte[] body = c.body();
    String target = c.target().replace("{ID}", commentId);
    if (c.expect() == Expect.FORM) {
      body = new String(body, StandardCharsets.ISO_8859_1).replace("{TOKEN}", formToken())
          .getBytes(StandardCharsets.ISO_8859_1);
    }
    RawHttp.Reply r = raw.send(c.method(), target, c.headers(), body);
    String text = r.text();
    assertThat(r.status()).as("%s -> %s", c, r).isBetween(200, 499);
    if (c.expect() == Expect.REFUSED) {
      assertThat(r.status()).as("%s must be refused -> %s", c, r).isBetween(400, 499);
    }
    if (r.status() == 405) {
      assertThat(r.header("Allow")).as("405 without Allow: %s", c).isNotBlank();
    }
    if (r.status() >= 400) {
      for (String s : INTERNAL) {
        assertThat(text).as("%s leaks internals -> %s", c, r).doesNotContain(s);
      }
      String type = String.valueOf(r.header("Content-Type"));
      boolean ours = r.header("X-Content-Type-Options") != null; // every answer of the servlet has it
      if (c.method().equals("HEAD")) {
        assertThat(ours ? r.body() : new byte[0]).as("%s: HEAD has no body", c).isEmpty();
      } else if (ours && type.startsWith("application/problem+json")) {
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.path("status").asInt()).isEqualTo(r.status());
        assertThat(j.path("code").asText()).isNotBlank();
        assertThat(j.path("detail").asText()).as("%s: a detail that says what to fix", c).hasSizeGreaterThan(10);
      } else if (ours) {
        assertThat(type).as("%s -> %s", c, r).startsWith("text/html");
        assertThat(text).as("%s: an HTML error says what happened", c).containsPattern("<h1>[^<]+</h1>")
            .containsPattern("<p[^>]*>[^<]{10,}");
      }
    }
    if (c.expect() == Expect.FORM) {
      if (r.status() >= 400) {
        assertThat(r.header("Content-Type")).as("%s -> %s", c, r).startsWith("text/html");
        if (!c.name().contains(" text=")) {
          assertThat(text).as("%s: the reader's text is kept", c).contains(KEEP);
        }
      } else {
        assertThat(r.status()).as("%s -> %s", c, r).isEqualTo(303);
      }
    }
  }

  // ---- the tables

  /** Query values as they appear in a URL: percent-escapes of bad UTF-8, NUL, CRLF, markup, huge numbers. */
  private static final List<String> QUERY_VALUES = List.of("", "%00", "a%00b", "%C0%80", "%C0%AF", "%ED%A0%80",
      "%ED%B0%80", "%F4%90%80%80", "%FF", "%FE%FF", "%", "%z", "%zz", "%E2%80%AE", "%0D%0AX-Injected:%201",
      "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201%3D1--", "a".repeat(300),
      "x".repeat(5000), "-1", "0", "99999999999999999999", "1e9", "%F0%9F%98%80", "+++", "%20a%20", "NaN",
      "%EF%BB%BF", "javascript:alert(1)");

  private void queryCases(List<Case> all) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("/api/thread?thread=t", List.of("thread", "sort", "limit", "cursor", "site"));
    params.put("/api/counts?thread=t", List.of("thread", "site"));
    params.put("/api/recent?x=1", List.of("limit", "site"));
    params.put("/api/session?x=1", List.of("site"));
    params.put("/api/moderation/comments?x=1", List.of("status", "limit", "site"));
    params.put("/fragment?thread=t", List.of("thread", "lang", "title", "url", "return", "site"));
    params.put("/feed.atom?x=1", List.of("site"));
    params.put("/feed/thread.atom?thread=t", List.of("thread", "site"));
    params.put("/admin?x=1", List.of("view", "done", "error", "site"));
    params.put("/health?x=1", List.of("site"));
    params.put("/notify/confirm?token=t", List.of("token", "lang", "confirm"));
    params.put("/notify/moderate?token=t", List.of("token", "List-Unsubscribe"));
    params.forEach((base, names) -> {
      for (String name : names) {
        for (String v : QUERY_VALUES) {
          String target = MOUNT + base.replace(name + "=t", "x=2") + "&" + name + "=" + v;
          all.add(new Case("GET " + base + " " + name + "=" + abbreviate(v), "GET", target,
              Map.of("X-Test-Moderator", "yes"), new byte[0], Expect.NO_5XX));
        }
      }
    });
    // Malformed query strings as a whole.
    for (String q : List.of("&&&", "=", "==&=", "thread", "thread&thread=", "a=1&".repeat(300) + "thread=t",
        "thread=t&" + "x".repeat(9000))) {
      all.add(new Case("GET /api/thread?" + abbreviate(q), "GET", MOUNT + "/api/thread?" + q, Map.of(), new byte[0],
          Expect.NO_5XX));
    }
  }

  private void cursorCases(List<Case> all) {
    String uuid = "0190f3b2-7c1e-7a4b-9f00-1c2d3e4f5a6b";
    List<String> forged = List.of("2|OLDEST|0|99999999999999999|0|" + uuid, "2|OLDEST|0|-99999999999999999|0|" + uuid,
        "2|OLDEST|0|31556889864403199|999999999|" + uuid, "2|NEWEST|0|9223372036854|999999999|" + uuid,
        "2|OLDEST|0|0|-1|" + uuid, "2|OLDEST|0|0|2000000000|" + uuid, "2|TOP|-5|0|0|" + uuid,
        "2|TOP|99999999999|0|0|" + uuid, "2|OLDEST|0|0|0|not-a-uuid", "2|OLDEST|0|0|0|1-1-1-1-1",
        "2|OLDEST|0|0|0|" + uuid.toUpperCase(java.util.Locale.ROOT), "1|OLDEST|0|0|0|" + uuid, "2|NEWEST|0|0|0|" + uuid,
        "2|OLDEST|0|0|0", "2|OLDEST|0|0|0|" + uuid + "|x", "2|oldest|0|0|0|" + uuid, "2|OLDEST|0|1e3|0|" + uuid,
        "2|OLDEST|0|\u0000|0|" + uuid, "2");
    for (String f : forged) {
      String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(f.getBytes(StandardCharsets.ISO_8859_1));
      all.add(new Case("cursor " + abbreviate(f), "GET", MOUNT + "/api/thread?thread=t&sort=oldest&cursor=" + cursor,
          Map.of(), new byte[0], Expect.REFUSED));
    }
    for (String junk : List.of("====", "%00", "AAAA", "x".repeat(400), "%ED%A0%80", "Mnx8fHw")) {
      all.add(new Case("cursor junk " + abbreviate(junk), "GET", MOUNT + "/api/thread?thread=t&cursor=" + junk,
          Map.of(), new byte[0], Expect.REFUSED));
    }
  }

  /** JSON values: escapes of NUL and lone surrogates, wrong types, markup, numbers JSON cannot hold. */
  private static final List<String> JSON_VALUES = List.of("\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"",
      "\"\\ud800\"", "\"x\\udc00y\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u202e\"", "\"\\r\\n\"",
      "\"<script>alert(1)</script>\"", "\"javascript:alert(1)\"", "\"" + "a".repeat(300) + "\"",
      "\"" + "b".repeat(20_000) + "\"", "null", "true", "123", "-1e999", "1e309", "[]", "{}", "[\"a\"]",
      "\"https://blog.example/\\u0000\"", "\"https://blog.example/\\ud800\"", "\"https://blog.example/a b\"",
      "\"http://\"", "\"%00\"", "\"\\uFFFE\\uFFFF\"", "\"00000000-0000-0000-0000-000000000000\"");

  private void jsonFieldCases(List<Case> all) {
    Map<String, String> post = new LinkedHashMap<>();
    post.put("thread", "\"t\"");
    post.put("text", "\"hello\"");
    post.put("name", "\"Ada\"");
    for (String field : List.of("thread", "text", "format", "parentId", "id", "threadTitle", "threadUrl", "name",
        "email", "website", "notifyReplies", "notifyThread")) {
      for (String v : JSON_VALUES) {
        Map<String, String> b = new LinkedHashMap<>(post);
        b.put(field, v);
        all.add(jsonCase("POST /api/comments " + field + "=" + abbreviate(v), "POST", "/api/comments", b,
            mustRefuse(field, v)));
      }
    }
    for (String field : List.of("text", "format")) {
      for (String v : JSON_VALUES) {
        Map<String, String> b = new LinkedHashMap<>(Map.of("text", "\"hello\""));
        b.put(field, v);
        all.add(jsonCase("POST /api/preview " + field + "=" + abbreviate(v), "POST", "/api/preview", b, Expect.NO_5XX));
      }
    }
    for (String field : List.of("editToken", "text")) {
      for (String v : JSON_VALUES) {
        Map<String, String> b = new LinkedHashMap<>(Map.of("editToken", "\"token\"", "text", "\"new\""));
        b.put(field, v);
        all.add(jsonCase("PUT /api/comments/{ID} " + field + "=" + abbreviate(v), "PUT", "/api/comments/{ID}", b,
            Expect.REFUSED)); // no valid edit token in this suite
      }
    }
  }

  /** The inputs that finding 4 saw answered 500; they must be refused, never stored. */
  private static Expect mustRefuse(String field, String v) {
    boolean badChars = v.contains("\\u0000") || v.contains("\\ud800") || v.contains("\\udc00\\ud800")
        || v.contains("x\\udc00y");
    return badChars && List.of("thread", "threadUrl").contains(field) ? Expect.REFUSED : Expect.NO_5XX;
  }

  private Case jsonCase(String name, String method, String path, Map<String, String> fields, Expect expect) {
    StringBuilder b = new StringBuilder("{");
    fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return new Case(name, method, MOUNT + path, Map.of("Content-Type", "application/json"),
        b.append('}').toString().getBytes(StandardCharsets.UTF_8), expect);
  }

  private void rawBodyCases(List<Case> all) {
    String ok = "{\"thread\":\"t\",\"text\":\"hi\",\"editToken\":\"x\"}";
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("trailing garbage", (ok + " garbage").getBytes(StandardCharsets.UTF_8));
    bodies.put("two objects", (ok + ok).getBytes(StandardCharsets.UTF_8));
    bodies.put("trailing bracket", (ok + "]").getBytes(StandardCharsets.UTF_8));
    bodies.put("trailing NUL", bytes(ok.getBytes(StandardCharsets.UTF_8), new byte[] {0}));
    bodies.put("array", "[]".getBytes(StandardCharsets.UTF_8));
    bodies.put("string", "\"str\"".getBytes(StandardCharsets.UTF_8));
    bodies.put("number", "1e99999".getBytes(StandardCharsets.UTF_8));
    bodies.put("blank", "   ".getBytes(StandardCharsets.UTF_8));
    bodies.put("open brace", "{".getBytes(StandardCharsets.UTF_8));
    bodies.put("unfinished", "{\"text\":".getBytes(StandardCharsets.UTF_8));
    bodies.put("deep nesting", ("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}").getBytes(StandardCharsets.UTF_8));
    bodies.put("overlong slash", utf8Broken(new byte[] {(byte) 0xC0, (byte) 0xAF}));
    bodies.put("overlong NUL", utf8Broken(new byte[] {(byte) 0xC0, (byte) 0x80}));
    bodies.put("overlong 3-byte", utf8Broken(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}));
    bodies.put("encoded surrogate", utf8Broken(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    bodies.put("beyond U+10FFFF", utf8Broken(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
    bodies.put("byte FF", utf8Broken(new byte[] {(byte) 0xFF}));
    bodies.put("truncated sequence", utf8Broken(new byte[] {(byte) 0xE2, (byte) 0x82}));
    bodies.put("UTF-16", ok.getBytes(StandardCharsets.UTF_16));
    bodies.put("huge", ("{\"text\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    bodies.put("duplicate keys", "{\"text\":\"a\",\"text\":\"b\",\"thread\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    bodies.put("comments", "{/* x */\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8));
    bodies.put("single quotes", "{'text':'a'}".getBytes(StandardCharsets.UTF_8));
    for (String[] e : new String[][] {{"POST", "/api/comments"}, {"POST", "/api/preview"},
        {"PUT", "/api/comments/{ID}"}, {"DELETE", "/api/comments/{ID}"}, {"POST", "/api/comments/{ID}/like"}}) {
      bodies.forEach((name, body) -> all.add(new Case(e[0] + " " + e[1] + " body " + name, e[0], MOUNT + e[1],
          Map.of("Content-Type", "application/json"), body, Expect.REFUSED)));
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/jsonx", "",
          "application/json; charset=\u00ff")) {
        all.add(new Case(e[0] + " " + e[1] + " Content-Type " + type, e[0], MOUNT + e[1],
            Map.of("Content-Type", type), ok.getBytes(StandardCharsets.UTF_8), Expect.REFUSED));
      }
      all.add(new Case(e[0] + " " + e[1] + " no Content-Type", e[0], MOUNT + e[1], Map.of(),
          ok.getBytes(StandardCharsets.UTF_8), Expect.REFUSED));
      all.add(new Case(e[0] + " " + e[1] + " short Content-Length", e[0], MOUNT + e[1],
          Map.of("Content-Type", "application/json", "Content-Length", "5"), ok.getBytes(StandardCharsets.UTF_8),
          Expect.REFUSED));
      all.add(new Case(e[0] + " " + e[1] + " Content-Length not a number", e[0], MOUNT + e[1],
          Map.of("Content-Type", "application/json", "Content-Length", "abc"), ok.getBytes(StandardCharsets.UTF_8),
          Expect.REFUSED));
      all.add(new Case(e[0] + " " + e[1] + " bad chunk", e[0], MOUNT + e[1],
          Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"),
          "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8), Expect.REFUSED));
    }
  }

  private static byte[] utf8Broken(byte[] bad) {
    return bytes("{\"thread\":\"t\",\"text\":\"a".getBytes(StandardCharsets.UTF_8), bad,
        "b\",\"editToken\":\"x\"}".getBytes(StandardCharsets.UTF_8));
  }

  private void methodCases(List<Case> all) {
    List<String> paths = List.of("/api/thread?thread=t", "/api/session", "/api/counts?thread=t", "/api/recent",
        "/api/preview", "/api/comments", "/api/comments/{ID}", "/api/comments/{ID}/like",
        "/api/comments/not-an-id", "/api/moderation/comments", "/api/moderation/comments/{ID}/approve", "/embed.js",
        "/embed.css", "/assets/x/embed.js", "/health", "/fragment?thread=t", "/form", "/feed.atom",
        "/feed/thread.atom?thread=t", "/admin", "/nothing", "/api/nothing", "/", "/api/comments/{ID}/", "//api//thread",
        "/notify/confirm?token=x", "/notify/unsubscribe", "/notify/moderate?token=x.y");
    for (String p : paths) {
      for (String m : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "FOO")) {
        all.add(new Case(m + " " + p, m, MOUNT + p, Map.of("X-Test-Moderator", "yes"), new byte[0], Expect.NO_5XX));
      }
    }
  }

  private void headerCases(List<Case> all) {
    List<String[]> headers = List.of(new String[] {"Origin", "null"}, new String[] {"Origin", "https://evil.example"},
        new String[] {"Origin", "https://blog.example.evil"}, new String[] {"Origin", "https://blog.example:99999"},
        new String[] {"Origin", "http://[::1"}, new String[] {"Origin", "x".repeat(4000)},
        new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Cookie", "=; ;; a=\"b"},
        new String[] {"If-None-Match", "\"".repeat(500)}, new String[] {"If-None-Match", "*"},
        new String[] {"If-None-Match", "W/"}, new String[] {"Authorization", "Bearer"},
        new String[] {"Authorization", "Bearer " + "x".repeat(5000)}, new String[] {"Authorization", "Basic ???"},
        new String[] {"X-Edit-Token", "\u00ff\u00fe"}, new String[] {"X-Edit-Token", " "},
        new String[] {"Accept-Encoding", "gzip;q=NaN, *;q=-1"}, new String[] {"Accept-Language", "\u00ff-\u00fe"},
        new String[] {"X-Forwarded-For", "1.2.3.4, <script>"}, new String[] {"Content-Type", "application/json;;;"});
    for (String[] target : new String[][] {{"GET", "/api/thread?thread=t"}, {"GET", "/health"},
        {"GET", "/embed.js"}, {"DELETE", "/api/comments/{ID}"}, {"POST", "/api/comments"}, {"OPTIONS", "/api/comments"},
        {"GET", "/admin"}, {"POST", "/notify/unsubscribe?token=x"}}) {
      for (String[] h : headers) {
        byte[] body = target[0].equals("POST") || target[0].equals("DELETE")
            ? "{\"thread\":\"t\",\"text\":\"from a header case\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        Map<String, String> hs = new LinkedHashMap<>();
        if (body.length > 0) {
          hs.put("Content-Type", "application/json");
        }
        hs.put(h[0], h[1]);
        all.add(new Case(target[0] + " " + target[1] + " " + h[0] + ": " + abbreviate(h[1]), target[0],
            MOUNT + target[1], hs, body, Expect.NO_5XX));
      }
    }
  }

  /** Form values as a browser would percent-encode them, and worse. */
  private static final List<String> FORM_VALUES = List.of("%00", "a%00b", "%ED%A0%80", "%C0%80", "%FF",
      "https://blog.example/%00", "x".repeat(5000), "%3Cscript%3E", "", "%E2%80%AE");

  private void formCases(List<Case> all) {
    List<String> fields = List.of("thread", "url", "title", "name", "email", "website", "text", "return", "token",
        "homepage", "notifyReplies", "notifyThread");
    for (String field : fields) {
      for (String v : FORM_VALUES) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("thread", "t");
        f.put("return", RETURN);
        f.put("token", "{TOKEN}");
        f.put("url", RETURN);
        f.put("title", "A%20post");
        f.put("name", "Ada");
        f.put("text", KEEP + "%20and%20more");
        f.put(field, v);
        StringBuilder b = new StringBuilder();
        f.forEach((k, x) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=').append(x));
        all.add(new Case("POST /form " + field + "=" + abbreviate(v), "POST", MOUNT + "/form",
            Map.of("Content-Type", "application/x-www-form-urlencoded", "Origin", ORIGIN),
            b.toString().getBytes(StandardCharsets.ISO_8859_1), Expect.FORM));
      }
    }
    // The whole body not UTF-8, or not a form.
    byte[] badText = bytes(("thread=t&return=" + RETURN + "&token={TOKEN}&text=" + KEEP).getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC0, (byte) 0x80});
    all.add(new Case("POST /form raw overlong UTF-8", "POST", MOUNT + "/form",
        Map.of("Content-Type", "application/x-www-form-urlencoded", "Origin", ORIGIN), badText, Expect.FORM));
    all.add(new Case("POST /form too many fields", "POST", MOUNT + "/form",
        Map.of("Content-Type", "application/x-www-form-urlencoded", "Origin", ORIGIN),
        ("text=" + KEEP + "&" + "a=1&".repeat(300)).getBytes(StandardCharsets.UTF_8), Expect.FORM));
  }

  // ---- helpers

  private String formToken() throws IOException {
    RawHttp.Reply r = raw.send("GET", MOUNT + "/fragment?thread=t&return=" + RETURN, Map.of(), new byte[0]);
    Matcher m = TOKEN.matcher(r.text());
    assertThat(m.find()).as("a token in %s", r).isTrue();
    return m.group(1);
  }

  private static byte[] bytes(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  private static String abbreviate(String s) {
    String t = s.replace("\u0000", "\\0");
    return t.length() > 40 ? t.substring(0, 20) + "...(" + t.length() + ")" : t;
  }
}
