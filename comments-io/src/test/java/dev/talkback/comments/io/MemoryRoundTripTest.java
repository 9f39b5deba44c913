package dev.talkback.comments.io;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;

class MemoryRoundTripTest extends RoundTripContract {
  @Override
  CommentStore newStore(String name) {
    return new InMemoryCommentStore();
  }
}
