package dev.talkback.comments.servlet;

import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.TomcatContainer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("CommentsServlet in Tomcat 10.1")
class TomcatServletTest extends ServletContract {
  @Override
  Container container() {
    return new TomcatContainer();
  }
}
