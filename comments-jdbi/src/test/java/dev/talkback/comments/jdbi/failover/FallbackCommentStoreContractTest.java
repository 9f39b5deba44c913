package dev.talkback.comments.jdbi.failover;

import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.testkit.CommentStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A healthy {@link FallbackCommentStore} is a {@link CommentStore} like any other: it passes the contract
 * in front of an in-memory primary (with the same store as its replica), passing every result and every
 * exception through unchanged.
 */
class FallbackCommentStoreContractTest extends CommentStoreContract {
  private static final FallbackCommentStore STORE;

  static {
    InMemoryCommentStore primary = new InMemoryCommentStore();
    try {
      STORE = FallbackCommentStore.builder()
          .primary(primary)
          .replica(primary)
          .spool(FileWriteSpool.open(Files.createTempDirectory("talkback-contract-").resolve("spool.log")))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CommentStore createStore() {
    return STORE;
  }
}
