package dev.talkback.comments.servlet;

import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.TomcatContainer;

/** The notification links in Tomcat 10.1. */
class TomcatNotificationLinksTest extends NotificationLinksContract {
  @Override
  Container container() {
    return new TomcatContainer();
  }
}
