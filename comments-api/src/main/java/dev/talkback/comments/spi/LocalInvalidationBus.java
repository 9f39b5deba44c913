package dev.talkback.comments.spi;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.util.function.BiConsumer;

/** The single-node bus: nothing to carry. */
enum LocalInvalidationBus implements InvalidationBus {
  INSTANCE;

  @Override
  public void publish(SiteId site, ThreadKey thread) {}

  @Override
  public void subscribe(BiConsumer<SiteId, ThreadKey> receiver) {}
}
