package dev.talkback.comments.internal;

import static dev.talkback.comments.internal.Fixtures.comment;
import static dev.talkback.comments.internal.Fixtures.reply;
import static dev.talkback.comments.internal.Fixtures.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.CommentStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeAssemblerTest {
  private final TreeAssembler assembler = new TreeAssembler(5);

  @Test
  void assemble_keepsRootOrderAndSortsRepliesOldestFirst() {
    Comment a = root(1);
    Comment b = root(2);
    Comment late = reply(30, a);
    Comment early = reply(10, a);
    List<CommentNode> tree = assembler.assemble(List.of(b, a), List.of(late, early));

    assertThat(tree).extracting(n -> n.comment().id()).containsExactly(b.id(), a.id());
    assertThat(tree.get(1).replies()).extracting(n -> n.comment().id()).containsExactly(early.id(), late.id());
    assertThat(tree.get(1).replies()).allSatisfy(n -> assertThat(n.depth()).isEqualTo(1));
  }

  @Test
  void assemble_attachesRepliesBeyondTheCapAtTheCap() {
    TreeAssembler capped = new TreeAssembler(2);
    Comment r = root(1);
    Comment d1 = reply(2, r);
    Comment d2 = reply(3, d1);
    Comment d3 = reply(4, d2);
    Comment d4 = reply(5, d3);
    Comment d2b = reply(6, d1);

    List<CommentNode> tree = capped.assemble(List.of(r), List.of(d4, d3, d2, d1, d2b));
    CommentNode level1 = tree.get(0).replies().get(0);
    assertThat(level1.comment().id()).isEqualTo(d1.id());
    assertThat(level1.replies()).extracting(n -> n.comment().id())
        .containsExactly(d2.id(), d3.id(), d4.id(), d2b.id());
    assertThat(level1.replies()).allSatisfy(n -> {
      assertThat(n.depth()).isEqualTo(2);
      assertThat(n.replies()).isEmpty();
    });
  }

  @Test
  void assemble_keepsDeletedCommentWithRepliesAsBlankTombstone() {
    Comment deleted = comment(1, null, CommentStatus.DELETED);
    Comment answer = reply(2, deleted);

    List<CommentNode> tree = assembler.assemble(List.of(deleted), List.of(answer));
    assertThat(tree).hasSize(1);
    CommentNode tomb = tree.get(0);
    assertThat(tomb.tombstone()).isTrue();
    assertThat(tomb.comment().html()).isEmpty();
    assertThat(tomb.comment().source()).isEmpty();
    assertThat(tomb.comment().author().name()).isEmpty();
    assertThat(tomb.comment().editTokenHash()).isEmpty();
    assertThat(tomb.replies()).extracting(n -> n.comment().id()).containsExactly(answer.id());
  }

  @Test
  void assemble_dropsHiddenCommentsWithoutVisibleReplies() {
    Comment deleted = comment(1, null, CommentStatus.DELETED);
    Comment spamReply = comment(2, deleted, CommentStatus.SPAM);
    Comment kept = root(3);
    Comment spamOnKept = comment(4, kept, CommentStatus.SPAM);

    List<CommentNode> tree = assembler.assemble(List.of(deleted, kept), List.of(spamReply, spamOnKept));
    assertThat(tree).extracting(n -> n.comment().id()).containsExactly(kept.id());
    assertThat(tree.get(0).replies()).isEmpty();
  }

  @Test
  void assemble_hangsOrphanedReplyUnderItsRoot() {
    Comment r = root(1);
    Comment missingParent = reply(2, r);
    Comment orphan = reply(3, missingParent);

    List<CommentNode> tree = assembler.assemble(List.of(r), List.of(orphan));
    assertThat(tree.get(0).replies()).extracting(n -> n.comment().id()).containsExactly(orphan.id());
  }

  @Test
  void assemble_thousandCommentsKeepsEveryOneOnce() {
    List<Comment> roots = new ArrayList<>();
    List<Comment> replies = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Comment r = root(i * 10);
      roots.add(r);
      Comment parent = r;
      for (int j = 1; j < 10; j++) {
        Comment c = reply(i * 10 + j, parent);
        replies.add(c);
        parent = c;
      }
    }
    List<CommentNode> tree = assembler.assemble(roots, replies);
    assertThat(tree.stream().mapToInt(CommentNode::size).sum()).isEqualTo(1000);
  }

  @Test
  void constructor_rejectsDepthBelowOne() {
    assertThatThrownBy(() -> new TreeAssembler(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDepth");
  }
}
