package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ErasureMode;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Erasing a person's data ({@code eraseAuthor}, GDPR article 17): removal with tombstones where others'
 * replies stay, anonymization, approved counts, likes, the author index, site isolation, and the log.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-erasure}). Implement this interface in a
 * {@code @Nested} class of a {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-erasure")
@DisplayName("Erasing an author's data")
@ExtendWith(ContractExtension.class)
public interface ErasureContract {

  /** The person the tests erase. */
  Author ZOE = new Author("Zoë", "zoe@example.org", "https://zoe.example", "u-42");

  /**
   * DELETE removes the person's comments, keeps tombstones under others' replies, and logs it.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("DELETE removes an author's comments, leaves tombstones where others' replies stay, and logs it")
  default void delete_removesAndTombstones(ContractContext kit) {
    ThreadKey t = kit.newThread();
    Comment lone = kit.insert(kit.commentBuilder(t).author(ZOE).build());
    kit.store().like(kit.site(), lone.id(), "client-1");
    Comment answered = kit.insert(kit.commentBuilder(t).author(ZOE.withUserId(null)).build());
    Comment answer = kit.insert(kit.reply(answered)); // by Ada: stays
    Comment chainTop = kit.insert(kit.commentBuilder(t).author(ZOE).status(CommentStatus.PENDING).build());
    Comment chainReply = kit.insert(kit.replyBuilder(chainTop).author(ZOE.withEmail(null)).build()); // own reply
    Comment other = kit.insert(kit.newComment(t));
    SiteId elsewhere = kit.randomSite();
    Comment otherSite = kit.newComment(t).toBuilder().site(elsewhere).author(ZOE).build();
    kit.store().insert(new ThreadInfo(elsewhere, t, "t", null, false), otherSite);
    assertThat(kit.store().counts(kit.site(), List.of(t))).isEqualTo(Map.of(t, 5));

    ErasureRequest request = new ErasureRequest(UUID.randomUUID(), kit.site(),
        new AuthorMatch("ZOE@example.org", "u-42"), ErasureMode.DELETE, "moderator:ada", kit.now());
    ErasureRecord r = kit.store().eraseAuthor(request);

    assertThat(r.deleted()).isEqualTo(3);
    assertThat(r.tombstoned()).isEqualTo(1);
    assertThat(r.anonymized()).isZero();
    assertThat(kit.store().find(kit.site(), lone.id())).isEmpty();
    assertThat(kit.store().find(kit.site(), chainTop.id())).isEmpty();
    assertThat(kit.store().find(kit.site(), chainReply.id())).isEmpty();
    Comment tombstone = kit.reload(answered);
    assertThat(tombstone.status()).isEqualTo(CommentStatus.DELETED);
    assertThat(tombstone.author()).isEqualTo(Author.named(""));
    assertThat(tombstone.source()).isEmpty();
    assertThat(tombstone.html()).isEmpty();
    assertThat(tombstone.ipHash()).isEmpty();
    assertThat(tombstone.editTokenHash()).isEmpty();
    assertThat(kit.reload(answer)).isEqualTo(answer);
    assertThat(kit.reload(other)).isEqualTo(other);
    assertThat(kit.store().find(elsewhere, otherSite.id())).isPresent();
    assertThat(kit.store().counts(kit.site(), List.of(t))).isEqualTo(Map.of(t, 2));
    assertThat(kit.store().authorComments(kit.site(), AuthorMatch.userId("u-42"), null, 10)).isEmpty();
    assertThat(kit.store().byAuthor(kit.site(), "user:u-42", 10)).isEmpty();
    assertThat(kit.store().hasApproved(kit.site(), "user:u-42")).isFalse();

    List<ErasureRecord> log = kit.store().erasures(kit.site(), 10);
    assertThat(log).containsExactly(r);
    assertThat(r.id()).isEqualTo(request.id());
    assertThat(r.actor()).isEqualTo("moderator:ada");
    assertThat(r.at()).isEqualTo(kit.micros(request.at()));
    assertThat(r.byEmail()).isTrue();
    assertThat(r.byUserId()).isTrue();
    assertThat(r.toString()).doesNotContain("zoe").doesNotContain("u-42");
    assertThat(kit.store().erasures(elsewhere, 10)).isEmpty();
  }

  /**
   * ANONYMIZE keeps text and status and drops the author's data.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("ANONYMIZE keeps the comments' text and status and drops name, email, website, user id and hashes")
  default void anonymize_keepsText(ContractContext kit) {
    ThreadKey t = kit.newThread();
    Comment c = kit.insert(kit.commentBuilder(t).author(ZOE).ipHash("ip-hash").editTokenHash("token-hash").build());
    Comment pending = kit.insert(kit.commentBuilder(t).author(ZOE).status(CommentStatus.PENDING).build());

    ErasureRecord r = kit.store().eraseAuthor(new ErasureRequest(UUID.randomUUID(), kit.site(),
        AuthorMatch.email("zoe@example.org"), ErasureMode.ANONYMIZE, "cli:root", kit.now()));

    assertThat(r.anonymized()).isEqualTo(2);
    assertThat(r.deleted() + r.tombstoned()).isZero();
    assertThat(r.byUserId()).isFalse();
    Comment now = kit.reload(c);
    assertThat(now.author()).isEqualTo(Author.named(""));
    assertThat(now.source()).isEqualTo(c.source());
    assertThat(now.html()).isEqualTo(c.html());
    assertThat(now.status()).isEqualTo(CommentStatus.APPROVED);
    assertThat(now.ipHash()).isEmpty();
    assertThat(now.editTokenHash()).isEmpty();
    assertThat(now.version()).isEqualTo(c.version() + 1);
    assertThat(kit.reload(pending).status()).isEqualTo(CommentStatus.PENDING);
    assertThat(kit.store().counts(kit.site(), List.of(t))).isEqualTo(Map.of(t, 1));
    assertThat(kit.store().authorComments(kit.site(), AuthorMatch.email("zoe@example.org"), null, 10)).isEmpty();
    assertThat(kit.store().erasures(kit.site(), 10)).containsExactly(r);
  }

  /**
   * A second erasure finds nothing and is logged too, newest first.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("erasing again finds nothing left and is logged too, newest first")
  default void eraseTwice_logsBoth(ContractContext kit) {
    kit.insert(kit.commentBuilder(kit.newThread()).author(ZOE).build());
    ErasureRecord first = kit.store().eraseAuthor(new ErasureRequest(UUID.randomUUID(), kit.site(),
        AuthorMatch.userId("u-42"), ErasureMode.DELETE, "moderator:ada", kit.now()));
    ErasureRecord second = kit.store().eraseAuthor(new ErasureRequest(UUID.randomUUID(), kit.site(),
        AuthorMatch.userId("u-42"), ErasureMode.DELETE, "moderator:ada", kit.now()));

    assertThat(first.total()).isEqualTo(1);
    assertThat(second.total()).isZero();
    assertThat(kit.store().erasures(kit.site(), 10)).containsExactly(second, first);
    assertThat(kit.store().erasures(kit.site(), 1)).containsExactly(second);
  }

  /**
   * An email is the same person's in any case, as Java lower-cases it ({@link AuthorMatch#matches}), beyond
   * ASCII: databases lower-case Greek, Turkish and other capitals their own way (PostgreSQL's C locale only
   * ASCII; final sigma), and finding fewer comments than Java would leaves personal data after an erasure.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("an email matches in any case as Java lower-cases it, beyond ASCII (Greek, Turkish, German capitals)")
  default void byEmail_nonAsciiCapitals_areFoundAndErased(ContractContext kit) {
    ThreadKey t = kit.newThread();
    Comment greek = kit.insert(kit.commentBuilder(t)
        .author(new Author("Odysseus", "ΟΔΥΣΣΕΥΣ@example.gr", null, null)).build());
    Comment turkish = kit.insert(kit.commentBuilder(t).author(new Author("İnci", "İnci@Example.org", null, null))
        .build());
    Comment signedIn = kit.insert(kit.commentBuilder(t)
        .author(new Author("Ülrich", "ÜLRICH@Example.org", null, "u-7")).build());
    // mixed case beyond ASCII on a comment with a user id (so no email author key): under the C locale a
    // database's LOWER and UPPER leave the É and the é as they are
    Comment mixed = kit.insert(kit.commentBuilder(t)
        .author(new Author("Émilie", "Émilie.Bérénice@x.fr", null, "u-9")).build());
    kit.insert(kit.newComment(t));

    assertThat(ids(kit, AuthorMatch.email("ΟΔΥΣΣΕΥΣ@example.gr"))).containsExactly(greek.id().toString());
    assertThat(ids(kit, AuthorMatch.email("οδυσσευς@EXAMPLE.gr"))).containsExactly(greek.id().toString());
    assertThat(ids(kit, AuthorMatch.email("İnci@Example.org"))).containsExactly(turkish.id().toString());
    assertThat(ids(kit, AuthorMatch.email("İNCI@EXAMPLE.ORG"))).containsExactly(turkish.id().toString());
    assertThat(ids(kit, AuthorMatch.email("ülrich@example.org"))).containsExactly(signedIn.id().toString());
    assertThat(ids(kit, AuthorMatch.email("émilie.bérénice@x.fr"))).containsExactly(mixed.id().toString());
    assertThat(ids(kit, AuthorMatch.email("EMILIE.BERENICE@x.fr"))).isEmpty(); // accents are not case

    ErasureRecord r = kit.store().eraseAuthor(new ErasureRequest(UUID.randomUUID(), kit.site(),
        AuthorMatch.email("ΟΔΥΣΣΕΥΣ@example.gr"), ErasureMode.DELETE, "moderator:ada", kit.now()));
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(kit.store().find(kit.site(), greek.id())).isEmpty();
    assertThat(kit.store().eraseAuthor(new ErasureRequest(UUID.randomUUID(), kit.site(),
        AuthorMatch.email("ülrich@EXAMPLE.org"), ErasureMode.ANONYMIZE, "moderator:ada", kit.now())).anonymized())
        .isEqualTo(1);
    assertThat(kit.reload(signedIn).author().email()).isNull();
  }

  /**
   * Pages of an author's comments are full until the last: a row the database matches and Java does not (here
   * an upper-case look-alike that Java lower-cases with a final sigma) does not end the walk early, so an
   * erasure of more than a page reaches every comment.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a look-alike the database matches and Java does not neither shortens a page nor ends an erasure early")
  default void erase_pastALookAlike_reachesEveryComment(ContractContext kit) {
    ThreadKey first = ThreadKey.of("a-first");
    ThreadKey hers = ThreadKey.of("b-hers");
    Comment lookAlike = kit.insert(kit.commentBuilder(first)
        .author(new Author("Odysseus", "ΟΔΥΣΣΕΥΣ@x.gr", null, null)).build());
    Author penelope = new Author("Penelope", "οδυσσευσ@x.gr", null, null); // σ, not the final ς
    int n = 10_101;
    List<Comment> comments = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      comments.add(kit.commentBuilder(hers).author(penelope).build());
    }
    kit.store().insertAll(kit.threadInfo(hers), comments);
    AuthorMatch her = AuthorMatch.email("οδυσσευσ@x.gr");

    assertThat(kit.store().authorComments(kit.site(), her, null, 10_000)).hasSize(10_000);
    ErasureRecord r = kit.store().eraseAuthor(new ErasureRequest(UUID.randomUUID(), kit.site(), her,
        ErasureMode.ANONYMIZE, "moderator:ada", kit.now()));

    assertThat(r.anonymized()).isEqualTo(n);
    assertThat(kit.store().authorComments(kit.site(), her, null, 10_000)).isEmpty();
    assertThat(kit.reload(lookAlike)).isEqualTo(lookAlike);
  }

  private static List<String> ids(ContractContext kit, AuthorMatch author) {
    return kit.store().authorComments(kit.site(), author, null, 100).stream().map(c -> c.id().toString()).toList();
  }
}
