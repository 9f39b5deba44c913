package dev.talkback.comments.servlet;

import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.JettyContainer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The moderation page's import and export in Jetty 12")
class JettyImportExportTest extends ImportExportContract {
  @Override
  Container container() {
    return new JettyContainer();
  }
}
