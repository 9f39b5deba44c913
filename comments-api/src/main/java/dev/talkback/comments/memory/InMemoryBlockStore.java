package dev.talkback.comments.memory;

import dev.talkback.comments.Block;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.spi.BlockStore;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Blocks kept in memory, per site: the default {@link BlockStore}. Thread-safe. Blocks are lost on restart
 * and are not shared between nodes; a host that needs either uses the table in {@code comments-jdbi}.
 */
public final class InMemoryBlockStore implements BlockStore {
  private final ConcurrentMap<SiteId, Set<Block>> bySite = new ConcurrentHashMap<>();

  /** An empty block store. */
  public InMemoryBlockStore() {}

  private Set<Block> of(SiteId site) {
    return bySite.computeIfAbsent(Objects.requireNonNull(site, "site"), s -> ConcurrentHashMap.newKeySet());
  }

  @Override
  public boolean add(SiteId site, Block block) {
    return of(site).add(Objects.requireNonNull(block, "block"));
  }

  @Override
  public boolean remove(SiteId site, Block block) {
    Set<Block> blocks = bySite.get(Objects.requireNonNull(site, "site"));
    return blocks != null && blocks.remove(Objects.requireNonNull(block, "block"));
  }

  @Override
  public boolean anyBlocked(SiteId site, Collection<Block> candidates) {
    Set<Block> blocks = bySite.get(Objects.requireNonNull(site, "site"));
    if (blocks == null) {
      return false;
    }
    for (Block b : candidates) {
      if (blocks.contains(b)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Block> list(SiteId site) {
    Set<Block> blocks = bySite.get(Objects.requireNonNull(site, "site"));
    return blocks == null ? List.of() : List.copyOf(blocks);
  }
}
