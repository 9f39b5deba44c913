package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.testing.FaultyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommentsTest {
  private static final SiteId SITE = SiteId.DEFAULT;
  private static final ThreadKey POST = ThreadKey.of("posts/hello");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00.123456789Z"));
  private final FaultyStore store = new FaultyStore();

  private CommentsBuilder builder() {
    return Comments.builder().store(store).clock(clock);
  }

  private final Comments comments = builder().build();

  private static NewComment.Builder comment(String text) {
    return NewComment.builder(POST).threadTitle("Hello").author(Author.named("Ada").withEmail("ada@example.org"))
        .text(text);
  }

  private PostResult post(Comments c, String text) {
    return c.post(comment(text).build());
  }

  @Nested
  @DisplayName("Posting")
  class Posting {
    @Test
    void post_publishesStoresAndReturnsAnEditToken() {
      PostResult r = post(comments, "Hello there");

      assertThat(r.outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
      assertThat(r.editToken()).isPresent();
      assertThat(r.comment().editTokenHash()).isPresent().get().isNotEqualTo(r.editToken().get());
      assertThat(r.comment().created()).isEqualTo(Instant.parse("2026-05-01T10:00:00.123456Z"));
      assertThat(store.find(SITE, r.comment().id())).contains(r.comment());
      assertThat(comments.threadInfo(SITE, POST)).get().extracting(ThreadInfo::title).isEqualTo("Hello");
    }

    @Test
    void post_escapesMarkup() {
      PostResult r = post(comments, "<script>alert(1)</script>");
      assertThat(r.comment().html()).doesNotContain("<script");
    }

    @Test
    void post_emptyTextIsRefusedOnTheTextField() {
      assertThatThrownBy(() -> post(comments, "   "))
          .isInstanceOfSatisfying(CommentValidationException.class,
              e -> assertThat(e.violations()).extracting(CommentValidationException.Violation::field)
                  .contains("text"));
      assertThat(store.size()).isZero();
    }

    @Test
    void post_sameIdTwiceStoresOneCommentAndGivesNoSecondToken() {
      CommentId id = CommentId.parse("018f0000-0000-7000-8000-000000000001");
      PostResult first = comments.post(comment("once").id(id).build());
      PostResult again = comments.post(comment("once").id(id).build());

      assertThat(again.comment()).isEqualTo(first.comment());
      assertThat(again.editToken()).isEmpty();
      assertThat(comments.counts(SITE, List.of(POST))).containsEntry(POST, 1);
    }

    @Test
    void post_sameIdOnAnotherThreadIsRefused() {
      CommentId id = CommentId.parse("018f0000-0000-7000-8000-000000000002");
      comments.post(comment("once").id(id).build());
      assertThatThrownBy(() -> comments.post(NewComment.builder(ThreadKey.of("other")).text("x").id(id).build()))
          .isInstanceOfSatisfying(CommentIdConflictException.class, e -> assertThat(e.code()).isEqualTo("id_conflict"));
    }

    @Test
    void post_idOfAHiddenCommentRevealsNothing() {
      CommentId spam = CommentId.parse("018f0000-0000-7000-8000-000000000003");
      comments.post(comment("secret spam text").id(spam).build());
      comments.moderation().markSpam(SITE, spam);
      CommentId deleted = CommentId.parse("018f0000-0000-7000-8000-000000000004");
      comments.post(comment("removed by a moderator").id(deleted).build());
      comments.moderation().remove(SITE, deleted);
      String unknownThreadMessage = null;
      for (CommentId id : List.of(spam, deleted)) {
        // the attack: the public id with any other text, another author, or another thread
        for (NewComment probe : List.of(
            comment("x").id(id).build(),
            NewComment.builder(POST).author(Author.named("Eve")).text("secret spam text").id(id).build(),
            NewComment.builder(ThreadKey.of("other")).text("x").id(id).build())) {
          assertThatThrownBy(() -> comments.post(probe))
              .isInstanceOfSatisfying(CommentIdConflictException.class, e -> {
                assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("removed").doesNotContain("Ada")
                    .doesNotContain("spam").doesNotContain("other");
              });
        }
        String message = catchMessage(() -> comments.post(comment("x").id(id).build()));
        assertThat(unknownThreadMessage == null || unknownThreadMessage.equals(message)).isTrue();
        unknownThreadMessage = message;
      }
      assertThat(store.find(SITE, spam)).get().extracting(Comment::status).isEqualTo(CommentStatus.SPAM);
    }

    @Test
    void post_sameSubmissionOfAPendingCommentGetsItBack() {
      Comments moderated = builder().moderation(ModerationMode.ALL).build();
      CommentId id = CommentId.parse("018f0000-0000-7000-8000-000000000005");
      PostResult first = moderated.post(comment("held").id(id).build());
      PostResult again = moderated.post(comment("held").id(id).build());
      assertThat(again.comment()).isEqualTo(first.comment());
      assertThat(again.outcome()).isEqualTo(PostResult.Outcome.PENDING);
      assertThat(again.editToken()).isEmpty();
    }

    @Test
    void post_replyToUnknownParentIsRefused() {
      CommentId ghost = CommentId.parse("018f0000-0000-7000-8000-00000000dead");
      assertThatThrownBy(() -> comments.post(comment("hi").replyTo(ghost).build()))
          .isInstanceOfSatisfying(CommentValidationException.class,
              e -> assertThat(e.violations().get(0).field()).isEqualTo("parentId"));
    }

    @Test
    void post_replyToParentInAnotherThreadIsRefused() {
      PostResult elsewhere = comments.post(NewComment.builder(ThreadKey.of("other")).text("x").build());
      assertThatThrownBy(() -> comments.post(comment("hi").replyTo(elsewhere.comment().id()).build()))
          .isInstanceOf(CommentValidationException.class).hasMessageContaining("parentId");
    }

    @Test
    void post_replyToPendingParentIsRefused() {
      Comments moderated = builder().moderation(ModerationMode.ALL).build();
      PostResult pending = post(moderated, "wait for me");
      assertThatThrownBy(() -> moderated.post(comment("hi").replyTo(pending.comment().id()).build()))
          .isInstanceOf(CommentValidationException.class).hasMessageContaining("not visible");
    }

    @Test
    void post_replyGetsTheRootOfItsParent() {
      PostResult root = post(comments, "root");
      PostResult r1 = comments.post(comment("r1").replyTo(root.comment().id()).build());
      PostResult r2 = comments.post(comment("r2").replyTo(r1.comment().id()).build());
      assertThat(r2.comment().rootId()).isEqualTo(root.comment().id());
    }

    @Test
    void post_closedThreadIsRefused() {
      post(comments, "first");
      comments.saveThread(comments.threadInfo(SITE, POST).orElseThrow().withClosed(true));
      assertThatThrownBy(() -> post(comments, "too late")).isInstanceOf(ThreadClosedException.class)
          .extracting(e -> ((CommentsException) e).code()).isEqualTo("thread_closed");
      assertThat(comments.thread(SITE, POST, ThreadPageRequest.DEFAULT).closed()).isTrue();
    }

    @Test
    void post_blockedAuthorIsRejected() {
      comments.moderation().block(SITE, Block.email("ADA@example.org"));
      assertThatThrownBy(() -> post(comments, "hi")).isInstanceOf(CommentRejectedException.class);
      assertThat(store.size()).isZero();
    }

    @Test
    void post_storeReadsDownStillStoresWhatCanBeChecked() {
      PostResult root = post(comments, "root");
      comments.thread(SITE, POST, ThreadPageRequest.DEFAULT); // the page is cached
      store.failReads(true);

      PostResult top = post(comments, "a new top-level comment while reads fail");
      PostResult reply = comments.post(comment("a reply found via the cache").replyTo(root.comment().id()).build());
      assertThat(top.outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
      assertThat(reply.comment().rootId()).isEqualTo(root.comment().id());

      CommentId uncached = CommentId.parse("018f0000-0000-7000-8000-0000000000aa");
      assertThatThrownBy(() -> comments.post(comment("reply to the unknown").replyTo(uncached).build()))
          .isInstanceOf(StoreUnavailableException.class);
      store.recover();
      assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void post_storeReadsDownHoldsFirstTimeAuthorsForModeration() {
      Comments c = builder().moderation(ModerationMode.FIRST_TIME).build();
      c.moderation().approve(SITE, post(c, "first").comment().id());
      store.failReads(true);
      assertThat(post(c, "trust cannot be checked").outcome()).isEqualTo(PostResult.Outcome.PENDING);
    }

    @Test
    void post_listenerFailureDoesNotFailTheWrite() {
      List<Comment> heard = new CopyOnWriteArrayList<>();
      Comments c = builder()
          .listener(new CommentListener() {
            @Override
            public void onPosted(Comment comment) {
              throw new IllegalStateException("mail server down");
            }
          })
          .listener(new CommentListener() {
            @Override
            public void onPosted(Comment comment) {
              heard.add(comment);
            }
          })
          .build();
      PostResult r = post(c, "hello");
      assertThat(heard).containsExactly(r.comment());
      assertThat(store.size()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("Moderation")
  class Moderation {
    @Test
    void moderation_allHoldsEveryComment() {
      Comments c = builder().moderation(ModerationMode.ALL).build();
      PostResult r = post(c, "hello");
      assertThat(r.outcome()).isEqualTo(PostResult.Outcome.PENDING);
      assertThat(c.moderation().pending(SITE, 10)).containsExactly(r.comment());
      assertThat(c.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).isEmpty();
      assertThat(c.counts(SITE, List.of(POST))).containsEntry(POST, 0);

      c.moderation().approve(SITE, r.comment().id());
      assertThat(c.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(1);
      assertThat(c.counts(SITE, List.of(POST))).containsEntry(POST, 1);
    }

    @Test
    void moderation_firstTimeTrustsAnAuthorWithAnApprovedComment() {
      Comments c = builder().moderation(ModerationMode.FIRST_TIME).build();
      PostResult first = post(c, "first");
      assertThat(first.outcome()).isEqualTo(PostResult.Outcome.PENDING);
      assertThat(post(c, "second").outcome()).isEqualTo(PostResult.Outcome.PENDING);
      c.moderation().approve(SITE, first.comment().id());
      assertThat(post(c, "third").outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
    }

    @Test
    void moderation_firstTimeNeverTrustsAnAnonymousAuthorWithoutEmail() {
      Comments c = builder().moderation(ModerationMode.FIRST_TIME).build();
      PostResult first = c.post(NewComment.builder(POST).author(Author.named("anon")).text("a").build());
      c.moderation().approve(SITE, first.comment().id());
      assertThat(c.post(NewComment.builder(POST).author(Author.named("anon")).text("b").build()).outcome())
          .isEqualTo(PostResult.Outcome.PENDING);
    }

    @Test
    void moderation_linksHoldsOnlyCommentsWithLinks() {
      Comments c = builder().moderation(ModerationMode.LINKS).build();
      assertThat(post(c, "no link here").outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
      assertThat(c.post(comment("<a href=\"https://spam.example\">cheap</a>").format(Format.HTML).build()).outcome())
          .isEqualTo(PostResult.Outcome.PENDING);
    }

    @Test
    void spamCheck_moderateHoldsWithItsReason() {
      Comments c = builder().spamCheck(SpamChecks.maxLinks(0)).build();
      PostResult r = c.post(comment("<a href=\"https://a.example\">a</a>").format(Format.HTML).build());
      assertThat(r.outcome()).isEqualTo(PostResult.Outcome.PENDING);
      assertThat(r.moderationReason()).get().asString().contains("links");
    }

    @Test
    void spamCheck_blockedWordRejects() {
      Comments c = builder().spamCheck(SpamChecks.blockedWords(List.of("casino"))).build();
      assertThatThrownBy(() -> post(c, "Best CASINO deals")).isInstanceOf(CommentRejectedException.class);
      assertThat(post(c, "occasional visitor").outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
    }

    @Test
    void spamCheck_duplicateWithinWindowRejectsUntilTheWindowPasses() {
      Comments c = builder().spamCheck(SpamChecks.duplicateWithin(Duration.ofMinutes(10), clock)).build();
      post(c, "Buy now");
      assertThatThrownBy(() -> post(c, "buy   NOW")).isInstanceOf(CommentRejectedException.class);
      clock.advance(Duration.ofMinutes(11));
      assertThat(post(c, "Buy now").outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
    }

    @Test
    void markSpamThenRestore_followsCountsAndTree() {
      PostResult r = post(comments, "hello");
      comments.moderation().markSpam(SITE, r.comment().id());
      assertThat(comments.counts(SITE, List.of(POST))).containsEntry(POST, 0);
      assertThat(comments.moderation().byStatus(SITE, CommentStatus.SPAM, 10)).extracting(Comment::id).containsExactly(r.comment().id());
      comments.moderation().restore(SITE, r.comment().id());
      assertThat(comments.counts(SITE, List.of(POST))).containsEntry(POST, 1);
    }

    @Test
    void approve_unknownCommentIsNotFound() {
      assertThatThrownBy(() -> comments.moderation().approve(SITE, CommentId.parse("018f0000-0000-7000-8000-000000000009")))
          .isInstanceOf(CommentNotFoundException.class);
    }
  }

  @Nested
  @DisplayName("Authors' edits and deletes")
  class AuthorsChanges {
    @Test
    void edit_withTokenInsideWindowChangesTextAndVersion() {
      PostResult r = post(comments, "typo");
      clock.advance(Duration.ofMinutes(5));
      Comment edited = comments.edit(SITE, r.comment().id(), r.editToken().orElseThrow(), "fixed");
      assertThat(edited.source()).isEqualTo("fixed");
      assertThat(edited.html()).contains("fixed");
      assertThat(edited.version()).isEqualTo(r.comment().version() + 1);
      assertThat(edited.edited()).isPresent();
      assertThat(comments.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments().get(0).comment().source())
          .isEqualTo("fixed");
    }

    @Test
    void edit_wrongTokenIsForbidden() {
      PostResult r = post(comments, "mine");
      assertThatThrownBy(() -> comments.edit(SITE, r.comment().id(), "not-the-token", "yours"))
          .isInstanceOfSatisfying(EditNotAllowedException.class,
              e -> assertThat(e.code()).isEqualTo("edit_token_invalid"));
    }

    @Test
    void edit_afterWindowIsForbidden() {
      PostResult r = post(comments, "mine");
      clock.advance(Duration.ofMinutes(15).plusSeconds(1));
      assertThatThrownBy(() -> comments.edit(SITE, r.comment().id(), r.editToken().orElseThrow(), "late"))
          .isInstanceOfSatisfying(EditNotAllowedException.class,
              e -> assertThat(e.code()).isEqualTo("edit_window_expired"));
    }

    @Test
    void delete_withRepliesLeavesATombstone() {
      PostResult r = post(comments, "regret");
      comments.post(comment("answer").replyTo(r.comment().id()).build());
      comments.delete(SITE, r.comment().id(), r.editToken().orElseThrow());

      ThreadPage page = comments.thread(SITE, POST, ThreadPageRequest.DEFAULT);
      assertThat(page.comments()).hasSize(1);
      assertThat(page.comments().get(0).tombstone()).isTrue();
      assertThat(page.comments().get(0).comment().source()).isEmpty();
      assertThat(page.totalCount()).isEqualTo(1);
    }

    @Test
    void delete_twiceIsNotFound() {
      PostResult r = post(comments, "gone");
      comments.delete(SITE, r.comment().id(), r.editToken().orElseThrow());
      assertThatThrownBy(() -> comments.delete(SITE, r.comment().id(), r.editToken().orElseThrow()))
          .isInstanceOf(CommentNotFoundException.class);
    }
  }

  @Nested
  @DisplayName("Reading, likes and the cache")
  class Reading {
    @Test
    void thread_repeatedReadIsServedFromTheCache() {
      post(comments, "hello");
      ThreadPage a = comments.thread(SITE, POST, ThreadPageRequest.DEFAULT);
      ThreadPage b = comments.thread(SITE, POST, ThreadPageRequest.DEFAULT);
      assertThat(b).isSameAs(a);
      assertThat(comments.health().cache().hits()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void thread_writeInvalidatesTheCachedPage() {
      post(comments, "one");
      assertThat(comments.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(1);
      post(comments, "two");
      ThreadPage page = comments.thread(SITE, POST, ThreadPageRequest.DEFAULT);
      assertThat(page.comments()).hasSize(2);
      assertThat(page.totalCount()).isEqualTo(2);
    }

    @Test
    void thread_storeDownServesTheLastPageMarkedStale() {
      post(comments, "one");
      comments.thread(SITE, POST, ThreadPageRequest.DEFAULT);
      comments.counts(SITE, List.of(POST));
      post(comments, "two"); // outdates the cached page
      store.failReads(true);

      ThreadPage page = comments.thread(SITE, POST, ThreadPageRequest.DEFAULT);
      assertThat(page.stale()).isTrue();
      assertThat(page.comments()).hasSize(1);
      assertThat(comments.counts(SITE, List.of(POST))).containsEntry(POST, 1);
      assertThat(comments.health().cache().staleServed()).isGreaterThanOrEqualTo(2);

      store.recover();
      assertThat(comments.thread(SITE, POST, ThreadPageRequest.DEFAULT).stale()).isFalse();
    }

    @Test
    void thread_storeDownWithNothingCachedFails() {
      store.failReads(true);
      assertThatThrownBy(() -> comments.thread(SITE, POST, ThreadPageRequest.DEFAULT))
          .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void thread_pagesWithTheCursorReachEveryCommentOnce() {
      for (int i = 0; i < 23; i++) {
        post(comments, "comment " + i);
        clock.advance(Duration.ofSeconds(1));
      }
      for (CommentSort sort : CommentSort.values()) {
        Set<CommentId> seen = new HashSet<>();
        List<CommentId> order = new ArrayList<>();
        ThreadPageRequest req = ThreadPageRequest.first(sort, 5);
        int pages = 0;
        while (true) {
          ThreadPage page = comments.thread(SITE, POST, req);
          page.comments().forEach(n -> {
            assertThat(seen.add(n.comment().id())).isTrue();
            order.add(n.comment().id());
          });
          pages++;
          if (page.nextCursor().isEmpty()) {
            break;
          }
          req = req.after(page.nextCursor().get());
        }
        assertThat(seen).hasSize(23);
        assertThat(pages).isEqualTo(5);
        if (sort == CommentSort.NEWEST) {
          assertThat(order).isSortedAccordingTo((x, y) -> y.compareTo(x));
        }
      }
    }

    @Test
    void thread_forgedCursorIsRefused() {
      assertThatThrownBy(() -> comments.thread(SITE, POST, ThreadPageRequest.DEFAULT.after("bogus")))
          .isInstanceOf(CommentValidationException.class).hasMessageContaining("cursor");
    }

    @Test
    void like_countsOncePerClientAndReordersTop() {
      PostResult a = post(comments, "a");
      clock.advance(Duration.ofSeconds(1));
      PostResult b = post(comments, "b");
      assertThat(comments.like(SITE, b.comment().id(), "client-1")).isEqualTo(1);
      assertThat(comments.like(SITE, b.comment().id(), "client-1")).isEqualTo(1);
      assertThat(comments.like(SITE, b.comment().id(), "client-2")).isEqualTo(2);

      ThreadPage top = comments.thread(SITE, POST, ThreadPageRequest.first(CommentSort.TOP, 10));
      assertThat(top.comments()).extracting(n -> n.comment().id()).containsExactly(b.comment().id(), a.comment().id());
      assertThat(top.comments().get(0).comment().likes()).isEqualTo(2);
    }

    @Test
    void like_pendingCommentIsNotFound() {
      Comments c = builder().moderation(ModerationMode.ALL).build();
      PostResult r = post(c, "wait");
      assertThatThrownBy(() -> c.like(SITE, r.comment().id(), "k")).isInstanceOf(CommentNotFoundException.class);
    }

    @Test
    void counts_manyThreadsInOneCall() {
      post(comments, "one");
      comments.post(NewComment.builder(ThreadKey.of("b")).text("x").build());
      comments.post(NewComment.builder(ThreadKey.of("b")).text("y").build());
      assertThat(comments.counts(SITE, List.of(POST, ThreadKey.of("b"), ThreadKey.of("none"))))
          .containsEntry(POST, 1).containsEntry(ThreadKey.of("b"), 2).containsEntry(ThreadKey.of("none"), 0);
    }

    @Test
    void recent_newestFirstAndInvalidatedByPosts() {
      post(comments, "older");
      clock.advance(Duration.ofSeconds(1));
      assertThat(comments.recent(SITE, 5)).hasSize(1);
      post(comments, "newer");
      assertThat(comments.recent(SITE, 5)).extracting(Comment::source).containsExactly("newer", "older");
    }

    @Test
    void invalidationBus_changeOnOneNodeOutdatesTheOthersCache() {
      List<BiConsumer<SiteId, ThreadKey>> receivers = new CopyOnWriteArrayList<>();
      InvalidationBus bus = new InvalidationBus() {
        @Override
        public void publish(SiteId site, ThreadKey thread) {
          receivers.forEach(r -> r.accept(site, thread));
        }

        @Override
        public void subscribe(BiConsumer<SiteId, ThreadKey> receiver) {
          receivers.add(receiver);
        }
      };
      Comments nodeA = builder().invalidationBus(bus).build();
      Comments nodeB = builder().invalidationBus(bus).build();
      post(nodeA, "one");
      assertThat(nodeB.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(1);
      post(nodeA, "two");
      assertThat(nodeB.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(2);
    }

    @Test
    void invalidationBus_flushOutdatesEveryPageAndKeepsThemForStaleReads() {
      List<Runnable> flushes = new CopyOnWriteArrayList<>();
      InvalidationBus lossy = new InvalidationBus() { // a bus that lost its connection: nothing arrives
        @Override
        public void publish(SiteId site, ThreadKey thread) {}

        @Override
        public void subscribe(BiConsumer<SiteId, ThreadKey> receiver) {}

        @Override
        public void subscribeToFlushes(Runnable flushAll) {
          flushes.add(flushAll);
        }
      };
      Comments nodeA = builder().build();
      Comments nodeB = builder().invalidationBus(lossy).build();
      assertThat(flushes).hasSize(1);
      post(nodeA, "one");
      ThreadKey other = ThreadKey.of("posts/other");
      assertThat(nodeB.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(1);
      assertThat(nodeB.thread(SITE, other, ThreadPageRequest.DEFAULT).comments()).isEmpty();
      assertThat(nodeB.counts(SITE, List.of(POST, other))).containsEntry(POST, 1).containsEntry(other, 0);
      post(nodeA, "two");
      nodeA.post(NewComment.builder(other).author(Author.named("Ada")).text("elsewhere").build());
      assertThat(nodeB.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(1); // missed: cached
      assertThat(nodeB.counts(SITE, List.of(POST, other))).containsEntry(POST, 1).containsEntry(other, 0);

      flushes.get(0).run();
      store.failReads(true); // the database went away with the bus's connection: the old pages are served stale
      ThreadPage stale = nodeB.thread(SITE, POST, ThreadPageRequest.DEFAULT);
      assertThat(stale.stale()).isTrue();
      assertThat(stale.comments()).hasSize(1);
      store.failReads(false);
      assertThat(nodeB.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(2);
      assertThat(nodeB.thread(SITE, other, ThreadPageRequest.DEFAULT).comments()).hasSize(1);
      assertThat(nodeB.counts(SITE, List.of(POST, other))).containsEntry(POST, 2).containsEntry(other, 1);
    }
  }

  @Nested
  @DisplayName("Configuration")
  class Configuration {
    @Test
    void build_withoutStoreSaysWhatIsMissing() {
      assertThatThrownBy(() -> Comments.builder().build()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("store");
    }

    @Test
    void maxDepth_outOfRangeIsRefusedAtOnce() {
      assertThatThrownBy(() -> Comments.builder().maxDepth(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void editWindow_negativeIsRefusedAtOnce() {
      assertThatThrownBy(() -> Comments.builder().editWindow(Duration.ofMinutes(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static String catchMessage(Runnable r) {
    try {
      r.run();
    } catch (CommentsException e) {
      return String.valueOf(e.getMessage());
    }
    throw new AssertionError("no exception");
  }
}
