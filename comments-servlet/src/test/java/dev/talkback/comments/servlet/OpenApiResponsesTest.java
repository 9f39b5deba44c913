package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.talkback.comments.Comments;
import dev.talkback.comments.servlet.internal.CommentsHandler;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.servlet.support.SimulatedFallbackStore;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description ({@code /api/openapi.json}) against the servlet itself, so neither can drift: it
 * has every {@code /api} route with its methods and no other, and every answer of a real Jetty to a request
 * on every endpoint (successes, refusals, 304, 202 queued, 503 read-only) has a status the description lists
 * for that operation, one of its media types, and a body its schema accepts (networknt json-schema-validator,
 * OpenAPI 3.1 dialect).
 */
@DisplayName("The OpenAPI description matches what the servlet answers")
class OpenApiResponsesTest {
  private static final String DOC = "dev/talkback/comments/servlet/openapi.json";
  private static final String MODERATOR = "X-Test-Moderator";
  /** Who is logged in: a logged-in reader needs no proof of work, so posts are published at once. */
  private static final String USER = "X-Test-User";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
  private final Set<String> answered = new TreeSet<>();
  private JsonNode doc;
  private SimulatedFallbackStore store;
  private JettyContainer container;
  private Http http;
  private CommentsServlet.Builder builder;

  @BeforeEach
  void start() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(DOC)) {
      doc = JSON.readTree(in);
    }
    store = new SimulatedFallbackStore();
    Comments comments = Comments.builder().store(store).build();
    builder = CommentsServlet.builder(comments).secret("openapi-test-secret-0123".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .proofOfWork(true).healthToken("openapi-health-token-0123")
        .moderatorAuthorizer((req, site) -> "yes".equals(req.getHeader(MODERATOR)))
        .identityResolver(req -> java.util.Optional.ofNullable(req.getHeader(USER)).map(u -> Identity.of(u, u)));
    container = new JettyContainer();
    http = new Http(container.start(builder.build()));
  }

  @AfterEach
  void stop() throws Exception {
    container.close();
  }

  @Test
  @DisplayName("the description has every /api route with its methods, and nothing the servlet does not serve")
  void description_coversEveryApiRoute() {
    Map<String, Set<String>> routes = new CommentsHandler(builder.settings()).routes();
    Set<String> served = new TreeSet<>();
    routes.forEach((pattern, methods) -> {
      if (pattern.startsWith("/api/")) {
        methods.forEach(m -> served.add(m + " " + pattern));
      }
    });
    Set<String> described = new TreeSet<>();
    for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
      if (!p.getKey().startsWith("/api/")) {
        continue;
      }
      for (String m : List.of("get", "put", "post", "delete", "patch")) {
        if (p.getValue().has(m)) {
          described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }
      }
    }
    assertThat(described).isEqualTo(served);
  }

  @Test
  @DisplayName("the servlet serves the description itself, cached, as an OpenAPI document")
  void openapiJson_isServedWithItsTypeAndCached() throws Exception {
    Http.Reply r = call("GET", "/api/openapi.json", "/api/openapi.json", null);
    assertThat(r.type()).isEqualTo("application/vnd.oai.openapi+json;version=3.1");
    assertThat(r.header("Cache-Control")).contains("max-age=");
    assertThat(JSON.readTree(r.bytes())).isEqualTo(doc);
    assertThat(http.get("/api/openapi.json", "If-None-Match", r.header("ETag")).status()).isEqualTo(304);
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  @DisplayName("every endpoint's answers, good and bad, are what the description says")
  void everyEndpoint_answersAsDescribed() {
    // reads
    Http.Reply thread = call("GET", "/api/thread?thread=t", "/api/thread", null);
    call("GET", "/api/thread?thread=t", "/api/thread", null, "If-None-Match", thread.header("ETag"));
    call("GET", "/api/thread?thread=t&limit=0&sort=sideways", "/api/thread", null);
    call("GET", "/api/session?lang=de", "/api/session", null);
    call("GET", "/api/challenge", "/api/challenge", null);
    call("GET", "/api/counts?thread=t&thread=u", "/api/counts", null);
    call("GET", "/api/counts", "/api/counts", null);
    call("GET", "/api/recent?limit=5", "/api/recent", null);
    call("GET", "/api/recent?limit=500", "/api/recent", null);
    // writes
    call("POST", "/api/preview", "/api/preview", "{\"text\":\"*hi* https://example.org\",\"format\":\"markdown\"}");
    call("POST", "/api/preview", "/api/preview", "{\"text\":");
    Http.Reply posted = call("POST", "/api/comments", "/api/comments", "{\"thread\":\"t\",\"text\":\"first\"}", USER, "ada");
    Http.Reply held = call("POST", "/api/comments", "/api/comments",
        "{\"thread\":\"t\",\"text\":\"anonymous\",\"name\":\"Bo\",\"website\":\"https://bo.example\"}");
    assertThat(held.json().path("moderationReason").isTextual()).as("no proof of work: held, and why").isTrue();
    String id = posted.json().path("comment").path("id").asText();
    String token = posted.json().path("editToken").asText();
    Http.Reply reply = call("POST", "/api/comments", "/api/comments",
        "{\"thread\":\"t\",\"text\":\"a reply\",\"parentId\":\"" + id + "\",\"format\":\"markdown\"}", USER, "bo");
    call("POST", "/api/comments", "/api/comments", "{\"thread\":\"t\"}");
    call("POST", "/api/comments", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\",\"id\":\"" + id + "\"}", USER, "ada");
    call("POST", "/api/comments", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Origin", "https://evil.example");
    call("GET", "/api/comments/" + id, "/api/comments/{id}", null);
    call("GET", "/api/comments/" + UUID.randomUUID(), "/api/comments/{id}", null);
    call("PUT", "/api/comments/" + id, "/api/comments/{id}", "{\"editToken\":\"" + token + "\",\"text\":\"edited\"}");
    call("PUT", "/api/comments/" + id, "/api/comments/{id}", "{\"text\":\"no token\"}");
    call("POST", "/api/comments/" + id + "/like", "/api/comments/{id}/like", "{}");
    call("POST", "/api/comments/" + id + "/like", "/api/comments/{id}/like", "");
    call("DELETE", "/api/comments/" + id, "/api/comments/{id}", "{}", "X-Edit-Token", token);
    call("DELETE", "/api/comments/" + id, "/api/comments/{id}", "{}");
    call("GET", "/api/thread?thread=t&sort=newest", "/api/thread", null); // the first comment is now a tombstone
    // the database down: queued (202) with a spool, refused (503) without
    store.readOnly(SimulatedFallbackStore.Policy.SPOOL);
    call("POST", "/api/comments", "/api/comments", "{\"thread\":\"q\",\"text\":\"kept for later\"}", USER, "ada");
    call("GET", "/api/thread?thread=q", "/api/thread", null);
    store.readOnly(SimulatedFallbackStore.Policy.REJECT);
    call("POST", "/api/comments", "/api/comments", "{\"thread\":\"q\",\"text\":\"refused\"}", USER, "ada");
    call("GET", "/api/session", "/api/session", null);
    store.readOnly(null);
    // moderation
    call("GET", "/api/moderation/comments?status=deleted", "/api/moderation/comments", null, MODERATOR, "yes");
    call("GET", "/api/moderation/comments", "/api/moderation/comments", null);
    String replyId = reply.json().path("comment").path("id").asText();
    String mod = "/api/moderation/comments/{id}/{action}";
    call("POST", "/api/moderation/comments/" + replyId + "/spam", mod, "{}", MODERATOR, "yes");
    call("POST", "/api/moderation/comments/" + replyId + "/approve", mod, "{}", MODERATOR, "yes");
    call("POST", "/api/moderation/comments/" + replyId + "/block", mod, "{}", MODERATOR, "yes");
    call("POST", "/api/moderation/comments/" + replyId + "/restore", mod, "{}", MODERATOR, "yes");
    call("POST", "/api/moderation/comments/" + replyId + "/frobnicate", mod, "{}", MODERATOR, "yes");
    call("POST", "/api/moderation/comments/" + replyId + "/approve", mod, "{}");
    call("GET", "/health", "/health", null);
    call("GET", "/health", "/health", null, "Authorization", "Bearer openapi-health-token-0123");
    Http.Reply blocked = call("POST", "/api/comments", "/api/comments", "{\"thread\":\"t\",\"text\":\"again\"}", USER, "bo");
    assertThat(blocked.json().path("code").asText()).as("the blocked author is refused").isEqualTo("rejected");

    assertThat(answered).as("the statuses seen").contains("GET /api/thread 200", "GET /api/thread 304",
        "GET /api/thread 422", "POST /api/comments 201", "POST /api/comments 202", "POST /api/comments 503",
        "POST /api/comments 409", "POST /api/comments 403", "POST /api/comments 422", "POST /api/preview 400",
        "DELETE /api/comments/{id} 200", "GET /api/moderation/comments 403", "GET /api/comments/{id} 404",
        "POST /api/moderation/comments/{id}/{action} 200", "POST /api/moderation/comments/{id}/{action} 404");
    assertThat(described2xx()).as("every described operation was answered with a success")
        .allSatisfy(op -> assertThat(answered).anyMatch(a -> a.startsWith(op + " 2")));
  }

  private Set<String> described2xx() {
    Set<String> ops = new LinkedHashSet<>();
    doc.path("paths").properties().forEach(p -> {
      for (String m : List.of("get", "put", "post", "delete")) {
        if (p.getValue().has(m) && !p.getKey().equals("/api/openapi.json")) {
          ops.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }
      }
    });
    return ops;
  }

  /** Sends a request and checks the answer against the operation {@code method pattern} of the description. */
  private Http.Reply call(String method, String path, String pattern, String body, String... headers) {
    Http.Reply r;
    if (body == null) {
      r = http.send(withHeaders(http.request(path).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()),
          headers).build());
    } else {
      r = http.json(method, path, body, headers);
    }
    String where = method + " " + path + " -> " + r;
    answered.add(method + " " + pattern + " " + r.status());
    JsonNode op = doc.path("paths").path(pattern).path(method.toLowerCase(Locale.ROOT));
    assertThat(op.isObject()).as("described: " + method + " " + pattern).isTrue();
    String status = Integer.toString(r.status());
    String key = op.path("responses").has(status) ? status : status.charAt(0) + "XX";
    assertThat(op.path("responses").has(key)).as("status listed for " + where).isTrue();
    String base = "/paths/" + escape(pattern) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + key;
    JsonNode ref = doc.at(base).path("$ref");
    if (ref.isTextual()) {
      base = ref.asText().substring(1); // into components/responses
    }
    JsonNode response = doc.at(base);
    if (!response.has("content")) {
      assertThat(r.bytes()).as("no body: " + where).isEmpty();
      return r;
    }
    String type = r.type() == null ? "" : r.type().split(";")[0].trim();
    assertThat(response.path("content").has(type)).as("media type " + type + " listed for " + where).isTrue();
    String pointer = base + "/content/" + escape(type) + "/schema";
    Schema schema = schemas.getSchema(SchemaLocation.of("classpath:" + DOC + "#" + pointer));
    List<Error> errors = schema.validate(r.json());
    assertThat(errors).as("the body of " + where + " against " + pointer).isEmpty();
    return r;
  }

  private static java.net.http.HttpRequest.Builder withHeaders(java.net.http.HttpRequest.Builder b, String[] headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private static String escape(String s) {
    return s.replace("~", "~0").replace("/", "~1");
  }
}
