package dev.talkback.examples.springbootblog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Spring's {@code http.server.requests} names Talkback's routes ({@code uri=/comments/api/thread}, {@code
 * /comments/api/comments/{id}/like}) instead of {@code UNKNOWN}, in a real server: the starter's filter sets
 * the observation's path pattern the way Spring MVC does for its own handlers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:blog-routes;DB_CLOSE_DELAY=-1",
    "talkback.fallback.spool=target/blog-routes-test.spool"})
class RouteNamesTest {
  @Autowired Environment env;
  @Autowired MeterRegistry registry;

  @Test
  void httpServerRequests_areTaggedWithTalkbacksRoutes() throws Exception {
    String base = "http://127.0.0.1:" + env.getProperty("local.server.port");
    HttpClient http = HttpClient.newHttpClient();
    assertThat(send(http, HttpRequest.newBuilder(URI.create(base + "/comments/api/thread?thread=hello-world")).GET()))
        .isEqualTo(200);
    assertThat(send(http, HttpRequest.newBuilder(URI.create(base + "/comments/api/comments/" + UUID.randomUUID() + "/like"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")))).isEqualTo(404);
    assertThat(send(http, HttpRequest.newBuilder(URI.create(base + "/comments/no-such-page")).GET())).isEqualTo(404);

    Set<String> uris = awaitUris(Set.of("/comments/api/thread", "/comments/api/comments/{id}/like", "NOT_FOUND"));
    assertThat(uris).contains("/comments/api/thread", "/comments/api/comments/{id}/like", "NOT_FOUND")
        .doesNotContain("UNKNOWN").noneMatch(u -> u.contains("hello-world") || u.matches(".*[0-9a-f]{8}-.*"));
  }

  private static int send(HttpClient http, HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The {@code uri} tags recorded so far, once all of {@code wanted} are (the timer stops after the response). */
  private Set<String> awaitUris(Set<String> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Set<String> uris = new TreeSet<>();
      for (Timer t : registry.find("http.server.requests").timers()) {
        uris.add(t.getId().getTag("uri"));
      }
      if (uris.containsAll(wanted) || System.nanoTime() > deadline) {
        return uris;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
