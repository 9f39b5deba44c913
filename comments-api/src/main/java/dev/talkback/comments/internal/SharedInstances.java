package dev.talkback.comments.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Makes the comments of one thread share their site, their thread key and the ids they point to (root,
 * parent) instead of each holding equal copies: a database store reads every row into new objects, and a
 * cached page would otherwise keep a site, a thread key and up to three ids per comment. A comment that
 * shares them already is returned as it is, so comments that share a store's objects stay shared.
 */
@SuppressWarnings("ReferenceEquality") // the point is which instance a comment holds, not its value
public final class SharedInstances {
  private SharedInstances() {}

  /**
   * Returns {@code c}, or a copy of it that uses the given instances, if it holds equal but other ones.
   *
   * @param c a comment of the thread {@code (site, key)}
   * @param site the instance of the comment's site to use
   * @param key the instance of the comment's thread key to use
   * @param ids the instance to use for an id (the id itself if there is none)
   * @return {@code c} or its copy
   */
  public static Comment share(Comment c, SiteId site, ThreadKey key, UnaryOperator<CommentId> ids) {
    SiteId s = c.site() == site || !c.site().equals(site) ? c.site() : site;
    ThreadKey k = c.thread() == key || !c.thread().equals(key) ? c.thread() : key;
    CommentId root = c.isTopLevel() ? c.id() : ids.apply(c.rootId());
    @Nullable CommentId parent = c.parentId().map(ids).orElse(null);
    if (s == c.site() && k == c.thread() && root == c.rootId() && parent == c.parentId().orElse(null)) {
      return c;
    }
    return c.toBuilder().site(s).thread(k).rootId(root).parentId(parent).build();
  }

  /**
   * The comments of a page.
   *
   * @param roots its top-level comments
   * @param replies their replies
   */
  public record Page(List<Comment> roots, List<Comment> replies) {}

  /**
   * The comments of one page, sharing the first one's site and thread key and each other's ids.
   *
   * @param roots the page's top-level comments
   * @param replies their replies
   * @return the same comments in the same order, shared
   */
  public static Page page(List<Comment> roots, List<Comment> replies) {
    @Nullable Comment first = !roots.isEmpty() ? roots.get(0) : replies.isEmpty() ? null : replies.get(0);
    if (first == null) {
      return new Page(roots, replies);
    }
    Map<CommentId, CommentId> ids = new HashMap<>(Math.max(16, (roots.size() + replies.size()) * 2));
    for (Comment c : roots) {
      ids.putIfAbsent(c.id(), c.id());
    }
    for (Comment c : replies) {
      ids.putIfAbsent(c.id(), c.id());
    }
    UnaryOperator<CommentId> canonical = id -> ids.getOrDefault(id, id);
    return new Page(shareAll(roots, first.site(), first.thread(), canonical),
        shareAll(replies, first.site(), first.thread(), canonical));
  }

  private static List<Comment> shareAll(List<Comment> cs, SiteId site, ThreadKey key,
      UnaryOperator<CommentId> ids) {
    @Nullable List<Comment> out = null;
    for (int i = 0; i < cs.size(); i++) {
      Comment c = cs.get(i);
      Comment s = share(c, site, key, ids);
      if (s != c && out == null) {
        out = new ArrayList<>(cs);
      }
      if (out != null) {
        out.set(i, s);
      }
    }
    return out == null ? cs : out;
  }
}
