package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.WebXmlHost;
import jakarta.servlet.UnavailableException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

@DisplayName("CommentsServlet from init parameters in Jetty 12, with a HashLoginService and BASIC login")
class JettyWebXmlTest extends WebXmlContract {
  @Override
  WebXmlHost host(Path webRoot) {
    return WebXmlHost.jetty(webRoot);
  }

  /**
   * Jetty keeps the web application running without the servlet, which it holds as permanently unavailable
   * with the servlet's message, and answers its requests without calling {@code init()} again.
   */
  @Override
  void assertConfigurationError(Map<String, String> params, String message) throws Exception {
    Http http = start(params);
    assertThat(host.contextRunning()).isTrue();
    UnavailableException failure = host.servletFailure();
    assertThat(failure).isNotNull();
    assertThat(failure.isPermanent()).isTrue();
    assertThat(stackTrace(failure)).contains(message).doesNotContain("hunter2").doesNotContain("unreachable");
    int status = http.get("/api/thread?thread=t").status();
    assertThat(status).isIn(404, 503);
    assertThat(http.get("/api/thread?thread=t").status()).isEqualTo(status);
    assertThat(host.servletFailure()).as("not initialised again").isSameAs(failure);
  }

  static String stackTrace(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
