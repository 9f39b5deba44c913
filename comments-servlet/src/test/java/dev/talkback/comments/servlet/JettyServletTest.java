package dev.talkback.comments.servlet;

import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.JettyContainer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("CommentsServlet in Jetty 12")
class JettyServletTest extends ServletContract {
  @Override
  Container container() {
    return new JettyContainer();
  }
}
