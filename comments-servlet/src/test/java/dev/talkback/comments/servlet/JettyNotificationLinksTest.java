package dev.talkback.comments.servlet;

import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.JettyContainer;

/** The notification links in Jetty 12. */
class JettyNotificationLinksTest extends NotificationLinksContract {
  @Override
  Container container() {
    return new JettyContainer();
  }
}
