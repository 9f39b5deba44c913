package dev.talkback.comments.spi;

import dev.talkback.comments.Block;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreUnavailableException;
import java.util.Collection;
import java.util.List;

/**
 * Where a site's blocks are kept. {@code Comments} asks it before accepting a post or an edit, and its
 * moderation view adds and lifts blocks through it. Every call names the site: a block added on one site
 * never matches on another.
 *
 * <p>The in-memory {@link dev.talkback.comments.memory.InMemoryBlockStore} is the default and forgets
 * everything on restart; {@code comments-jdbi} keeps blocks in a table beside the comments, so they survive
 * restarts and are the same on every node.
 *
 * <p>All implementations of this interface must be threadsafe! Failures to reach the backing storage are
 * {@link StoreUnavailableException}s, as for {@link CommentStore}. New methods are added only as
 * {@code default} methods.
 */
public interface BlockStore {
  /**
   * Adds a block to a site. Adding one that is there already changes nothing.
   *
   * @param site the site the block applies to
   * @param block what to block
   * @return whether the block is new
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean add(SiteId site, Block block);

  /**
   * Lifts a block from a site.
   *
   * @param site the site the block applies to
   * @param block what to unblock
   * @return whether there was such a block
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean remove(SiteId site, Block block);

  /**
   * Whether any of these blocks is on the site: one look-up for everything known about an author.
   *
   * @param site the site of the post or edit
   * @param candidates the blocks to look for, usually {@link Block#candidates}; may be empty
   * @return whether at least one of them is on the site
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean anyBlocked(SiteId site, Collection<Block> candidates);

  /**
   * The site's blocks, in no particular order.
   *
   * @param site the site
   * @return a snapshot; empty when nothing is blocked
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  List<Block> list(SiteId site);
}
