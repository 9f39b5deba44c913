package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.SitePosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walking a whole site: {@code siteComments} pages every comment of a site, any status, in site order
 * (thread key by code point, created, id) without gaps or repeats; {@code authorComments} pages one
 * person's comments (email ignoring case, or host user id).
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-site-walk}). Implement this interface in a
 * {@code @Nested} class of a {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-site-walk")
@DisplayName("Walking a site and an author's comments")
@ExtendWith(ContractExtension.class)
public interface SiteWalkContract {

  /**
   * SiteComments pages a site in site order, every status, nothing of other sites.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("siteComments pages every comment of a site in (thread key, created, id) order, any status")
  default void siteComments_pagesInSiteOrder(ContractContext kit) {
    ThreadKey b = ThreadKey.of("b-" + kit.newThread().value());
    ThreadKey a = ThreadKey.of("a-" + kit.newThread().value());
    ThreadKey accented = ThreadKey.of("\u00e9-" + kit.newThread().value()); // after every ASCII key
    List<Comment> expected = new ArrayList<>();
    Comment b1 = kit.insert(kit.newComment(b));
    expected.add(b1);
    expected.add(kit.insert(kit.replyBuilder(b1).status(CommentStatus.SPAM).build()));
    Comment a1 = kit.insert(kit.commentBuilder(a).status(CommentStatus.PENDING).build());
    expected.add(a1);
    expected.add(kit.insert(kit.reply(a1)));
    expected.add(kit.insert(kit.commentBuilder(a).status(CommentStatus.DELETED).build()));
    expected.add(kit.insert(kit.newComment(accented)));
    for (int i = 0; i < 5; i++) {
      expected.add(kit.insert(kit.newComment(b)));
    }
    SiteId other = kit.randomSite();
    kit.store().insert(new ThreadInfo(other, a, "other", null, false),
        kit.newComment(a).toBuilder().site(other).build());
    expected.sort(SitePosition.SITE_ORDER);

    List<Comment> walked = new ArrayList<>();
    SitePosition after = null;
    for (int pages = 0; pages < 100; pages++) {
      List<Comment> page = kit.store().siteComments(kit.site(), after, 3);
      assertThat(page.size()).isLessThanOrEqualTo(3);
      if (page.isEmpty()) {
        break;
      }
      walked.addAll(page);
      after = SitePosition.of(page.get(page.size() - 1));
    }
    assertThat(kit.ids(walked)).containsExactlyElementsOf(kit.ids(expected));
    assertThat(walked.get(0).thread()).isEqualTo(a);
    assertThat(walked.get(walked.size() - 1).thread()).isEqualTo(accented);
    assertThat(kit.store().siteComments(kit.randomSite(), null, 10)).isEmpty();
  }

  /**
   * AuthorComments finds a person's comments by email (any case) or by host user id.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("authorComments finds a person by email ignoring case, or by host user id, in any status")
  default void authorComments_byEmailOrUserId(ContractContext kit) {
    ThreadKey t = kit.newThread();
    Comment anonymous = kit.insert(kit.commentBuilder(t)
        .author(new Author("Zoë", "Zoe@Example.org", null, null)).build());
    Comment loggedIn = kit.insert(kit.commentBuilder(kit.newThread()).status(CommentStatus.PENDING)
        .author(new Author("Zoë", "zoe@example.org", null, "u-42")).build());
    Comment userOnly = kit.insert(kit.commentBuilder(t).author(new Author("Z", null, null, "u-42")).build());
    kit.insert(kit.commentBuilder(t).author(new Author("Other", "other@example.org", null, "u-43")).build());
    kit.insert(kit.newComment(t));

    assertThat(kit.ids(kit.store().authorComments(kit.site(), AuthorMatch.email("ZOE@example.ORG"), null, 10)))
        .containsExactlyInAnyOrderElementsOf(kit.ids(List.of(anonymous, loggedIn)));
    assertThat(kit.ids(kit.store().authorComments(kit.site(), AuthorMatch.userId("u-42"), null, 10)))
        .containsExactlyInAnyOrderElementsOf(kit.ids(List.of(loggedIn, userOnly)));
    List<Comment> both = kit.store().authorComments(kit.site(), new AuthorMatch("zoe@example.org", "u-42"), null, 2);
    List<Comment> rest = kit.store().authorComments(kit.site(), new AuthorMatch("zoe@example.org", "u-42"),
        SitePosition.of(both.get(1)), 2);
    assertThat(both).hasSize(2);
    assertThat(kit.ids(concat(both, rest)))
        .containsExactlyInAnyOrderElementsOf(kit.ids(List.of(anonymous, loggedIn, userOnly)));
    assertThat(kit.store().authorComments(kit.randomSite(), AuthorMatch.userId("u-42"), null, 10)).isEmpty();
  }

  private static List<Comment> concat(List<Comment> a, List<Comment> b) {
    List<Comment> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
