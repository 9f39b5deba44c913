package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talkback.comments.jdbi.JdbiStoreFactory;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.WebXmlHost;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CommentsServlet} declared as in {@code web.xml} (by class name, init parameters, load-on-startup) in a
 * real container with the container's own login: every kind of init parameter takes effect, the container's
 * user is the commenter and its role the moderator, and a configuration error (no JDBC driver, a URL no driver
 * takes, no secret) stops the servlet with a message that says so, never "database unreachable".
 */
abstract class WebXmlContract {
  static final String SECRET = "web-xml-secret-0123456789";

  @TempDir Path tmp;
  WebXmlHost host;

  /** The container, with {@code webRoot} as the web application's root. */
  abstract WebXmlHost host(Path webRoot);

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.close();
    }
  }

  Http start(Map<String, String> params) throws Exception {
    Path web = Files.createDirectories(tmp.resolve("webapp"));
    Files.createDirectories(web.resolve("WEB-INF"));
    Files.writeString(web.resolve("WEB-INF/talkback-form.html"), "<!doctype html><html><head><title>"
        + "<!--talkback-title--> · Web.xml Blog</title></head><body><header>The Web.xml Blog</header>"
        + "<main><!--talkback--></main></body></html>", StandardCharsets.UTF_8);
    host = host(web);
    URI base = host.start(params);
    return new Http(base);
  }

  /** An H2 store through {@link JdbiStoreFactory}, as a web.xml host would configure it. */
  Map<String, String> h2(String name) {
    Map<String, String> p = new HashMap<>();
    p.put("talkback.store-factory", JdbiStoreFactory.class.getName());
    p.put("talkback.jdbc.url", "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    p.put("talkback.jdbc.driver", "org.h2.Driver");
    p.put("talkback.secret", SECRET);
    return p;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("the builder's settings, given as init parameters, shape what the servlet answers")
  void initParameters_areApplied() throws Exception {
    Map<String, String> p = h2("params");
    p.put("talkback.site", "blog-two");
    p.put("talkback.site-name", "The Web.xml Blog");
    p.put("talkback.max-body-size", "2KB");
    p.put("talkback.body-timeout", "30s");
    p.put("talkback.rate-limit.actions-per-client.burst", "2");
    p.put("talkback.rate-limit.actions-per-client.period", "1h");
    p.put("talkback.time-trap.min", "0s");
    p.put("talkback.time-trap.max-age", "2h");
    p.put("talkback.form-page-template", "/WEB-INF/talkback-form.html");
    p.put("talkback.moderation", "links");
    p.put("talkback.edit-window", "0s");
    p.put("talkback.fallback.write-policy", "reject");
    p.put("talkback.fallback.read-deadline", "3s");
    p.put("talkback.health-token", "web-xml-health-0123456789");
    Http http = start(p);

    Http.Reply posted = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"in the default site\"}");
    assertThat(posted.status()).isEqualTo(201);
    assertThat(http.get("/api/session").json().path("editWindowSeconds").asInt()).as("edit-window 0s").isZero();
    assertThat(http.get("/api/thread?thread=t&site=blog-two").json().path("totalCount").asInt()).isEqualTo(1);
    assertThat(http.get("/api/thread?thread=t&site=default").json().path("totalCount").asInt()).isZero();
    assertThat(http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"see https://example.org\"}")
        .json().path("outcome").asText()).as("moderation=links").isEqualTo("pending");
    assertThat(http.get("/feed.atom").body()).contains("Comments on The Web.xml Blog");

    assertThat(http.json("POST", "/api/preview", "{\"text\":\"" + "x".repeat(3000) + "\"}").status())
        .as("max-body-size=2KB").isEqualTo(413);
    assertThat(http.json("POST", "/api/preview", "{\"text\":\"a\"}").status()).isEqualTo(200);
    assertThat(http.json("POST", "/api/preview", "{\"text\":\"b\"}").status()).isEqualTo(200);
    assertThat(http.json("POST", "/api/preview", "{\"text\":\"c\"}").status()).as("2 actions an hour").isEqualTo(429);

    Http.Reply failed = http.form("/form", "thread=t&text=no+token");
    assertThat(failed.status()).isBetween(400, 499);
    assertThat(failed.body()).as("the host's page template from WEB-INF").contains("<header>The Web.xml Blog</header>");

    JsonNode health = http.get("/health", "Authorization", "Bearer web-xml-health-0123456789").json();
    assertThat(health.path("store").path("mode").asText()).isEqualTo("READ_WRITE");
    assertThat(health.path("store").path("databases").size()).as("wrapped in the read-only fallback").isEqualTo(1);
  }

  @Test
  @DisplayName("the container's logged-in user comments as itself; its role decides who moderates")
  void containerLogin_isTheIdentityAndTheRoleTheModerator() throws Exception {
    Map<String, String> p = h2("login");
    p.put("talkback.identity", "container");
    p.put("talkback.moderator-role", "moderator");
    Http http = start(p);

    Http.Reply ada = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"hi\",\"name\":\"Mallory\"}",
        "Authorization", basic("ada", "ada-pass"));
    assertThat(ada.status()).isEqualTo(201);
    assertThat(ada.json().path("comment").path("author").path("name").asText()).isEqualTo("ada");
    assertThat(ada.json().path("comment").path("author").path("member").asBoolean()).isTrue();
    Http.Reply anonymous = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"hi\",\"name\":\"Eve\"}");
    assertThat(anonymous.json().path("comment").path("author").path("name").asText()).isEqualTo("Eve");
    assertThat(anonymous.json().path("comment").path("author").path("member").asBoolean()).isFalse();

    assertThat(http.get("/api/session", "Authorization", basic("bob", "bob-pass")).json().path("user").path("name")
        .asText()).isEqualTo("bob");
    assertThat(http.get("/api/moderation/comments?status=approved", "Authorization", basic("ada", "ada-pass"))
        .status()).isEqualTo(200);
    assertThat(http.get("/api/moderation/comments?status=approved", "Authorization", basic("bob", "bob-pass"))
        .status()).isEqualTo(403);
    assertThat(http.get("/api/moderation/comments?status=approved").status()).isEqualTo(403);
    assertThat(http.get("/api/moderation/comments", "Authorization", basic("ada", "wrong")).status())
        .as("wrong credentials are no moderator").isIn(401, 403);
  }

  /** Asserts that the servlet did not start because of {@code message}; each container shows it its own way. */
  abstract void assertConfigurationError(Map<String, String> params, String message) throws Exception;

  @Test
  @DisplayName("a JDBC driver class that is not on the class path is a configuration error")
  void driverNotOnTheClassPath_isAConfigurationError() throws Exception {
    Map<String, String> p = h2("nodriver");
    p.put("talkback.jdbc.driver", "org.example.NoSuchDriver");
    assertConfigurationError(p, "talkback.jdbc.driver names the JDBC driver org.example.NoSuchDriver, which is not"
        + " on the class path. The driver's jar goes in the web application's WEB-INF/lib");
  }

  @Test
  @DisplayName("a URL no driver on the class path takes is a configuration error, not an unreachable database")
  void urlWithoutDriver_isAConfigurationError() throws Exception {
    Map<String, String> p = h2("nourl");
    p.remove("talkback.jdbc.driver");
    p.put("talkback.jdbc.url", "jdbc:sqlserver://db.example;password=hunter2");
    assertConfigurationError(p, "no JDBC driver on the class path accepts talkback.jdbc.url (jdbc:sqlserver:...)");
  }

  @Test
  @DisplayName("a missing secret is a configuration error that says how to make one")
  void missingSecret_isAConfigurationError() throws Exception {
    Map<String, String> p = h2("nosecret");
    p.remove("talkback.secret");
    assertConfigurationError(p, "talkback.secret is not set");
  }
}
