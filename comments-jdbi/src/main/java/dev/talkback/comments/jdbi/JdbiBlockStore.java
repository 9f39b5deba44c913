package dev.talkback.comments.jdbi;

import dev.talkback.comments.Block;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.spi.BlockStore;
import java.util.Collection;
import java.util.List;

/**
 * {@link JdbiCommentStore#blockStore()}: each call runs on the comment store's engine, so the block store
 * starts (connects, migrates) with it and its failures are sorted the same way.
 */
final class JdbiBlockStore implements BlockStore {
  private final JdbiCommentStore store;

  JdbiBlockStore(JdbiCommentStore store) {
    this.store = store;
  }

  @Override
  public boolean add(SiteId site, Block block) {
    return store.call(e -> e.blocks().add(site, block));
  }

  @Override
  public boolean remove(SiteId site, Block block) {
    return store.call(e -> e.blocks().remove(site, block));
  }

  @Override
  public boolean anyBlocked(SiteId site, Collection<Block> candidates) {
    return store.call(e -> e.blocks().anyBlocked(site, candidates));
  }

  @Override
  public List<Block> list(SiteId site) {
    return store.call(e -> e.blocks().list(site));
  }

  @Override
  public String toString() {
    return "JdbiBlockStore{tablePrefix='" + store.tablePrefix() + "'}";
  }
}
