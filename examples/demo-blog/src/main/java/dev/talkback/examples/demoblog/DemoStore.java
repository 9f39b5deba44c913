package dev.talkback.examples.demoblog;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where the demo keeps its comments. */
final class DemoStore {
  private DemoStore() {}

  /** The store under {@code dir}. */
  static CommentStore open(Path dir) {
    return new InMemoryCommentStore();
  }

  /** The demo's server secret; a real blog reads its own from configuration. */
  static byte[] secret() {
    return "talkback-demo-blog-secret-change-me".getBytes(StandardCharsets.UTF_8);
  }
}
