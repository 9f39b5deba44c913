package dev.talkback.comments.servlet;

import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.TomcatContainer;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The moderation page's import and export in Tomcat")
class TomcatImportExportTest extends ImportExportContract {
  @Override
  Container container() {
    return new TomcatContainer();
  }
}
