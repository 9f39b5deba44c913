package dev.talkback.comments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.CommentStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of tree assembly over random reply forests. */
class TreeAssemblerProperties {

  @Property(tries = 300)
  void everyVisibleCommentAppearsExactlyOnceUnderAnAncestor(
      @ForAll @IntRange(min = 1, max = 400) int size,
      @ForAll @IntRange(min = 1, max = 8) int maxDepth,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<Comment> all = new ArrayList<>();
    List<Comment> roots = new ArrayList<>();
    List<Comment> replies = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      CommentStatus status = random.nextInt(10) < 8 ? CommentStatus.APPROVED
          : List.of(CommentStatus.DELETED, CommentStatus.SPAM).get(random.nextInt(2));
      Comment parent = all.isEmpty() || random.nextInt(4) == 0 ? null : all.get(random.nextInt(all.size()));
      Comment c = Fixtures.comment(i, parent, status);
      all.add(c);
      (parent == null ? roots : replies).add(c);
    }
    Collections.shuffle(replies, random);
    Map<CommentId, Comment> byId = new HashMap<>();
    all.forEach(c -> byId.put(c.id(), c));

    List<CommentNode> tree = new TreeAssembler(maxDepth).assemble(roots, replies);

    Map<CommentId, Integer> seen = new HashMap<>();
    Set<CommentId> emitted = new HashSet<>();
    for (CommentNode root : tree) {
      walk(root, null, 0, maxDepth, byId, seen, emitted);
    }
    for (Comment c : all) {
      if (c.status() == CommentStatus.APPROVED) {
        assertThat(seen.get(c.id())).as("approved %s appears once", c.id()).isEqualTo(1);
      }
    }
    assertThat(seen.values()).allMatch(n -> n == 1);
  }

  private static void walk(CommentNode node, CommentNode parent, int depth, int maxDepth,
      Map<CommentId, Comment> byId, Map<CommentId, Integer> seen, Set<CommentId> emitted) {
    Comment original = byId.get(node.comment().id());
    assertThat(node.depth()).isEqualTo(Math.min(depth, maxDepth)).isLessThanOrEqualTo(maxDepth);
    if (original.status() != CommentStatus.APPROVED) {
      assertThat(node.tombstone()).isTrue();
      assertThat(node.replies()).as("a tombstone has visible replies").isNotEmpty();
      assertThat(node.comment().html()).isEmpty();
    } else {
      assertThat(node.tombstone()).isFalse();
    }
    if (parent != null) {
      // the node hangs under one of its real ancestors, which was emitted before it
      assertThat(isAncestor(parent.comment().id(), original, byId)).isTrue();
      assertThat(emitted).contains(parent.comment().id());
    }
    seen.merge(node.comment().id(), 1, Integer::sum);
    emitted.add(node.comment().id());
    for (CommentNode r : node.replies()) {
      walk(r, node, depth + 1, maxDepth, byId, seen, emitted);
    }
  }

  private static boolean isAncestor(CommentId candidate, Comment c, Map<CommentId, Comment> byId) {
    Comment cur = c;
    while (cur.parentId().isPresent()) {
      CommentId p = cur.parentId().get();
      if (p.equals(candidate)) {
        return true;
      }
      cur = byId.get(p);
    }
    return false;
  }
}
