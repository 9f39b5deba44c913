package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.ALL_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.InsertResult.Outcome;
import dev.talkback.comments.spi.InsertResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every field of a comment reads back exactly as inserted: Unicode in any script (CJK, RTL, combining
 * marks left decomposed, 4-byte emoji and ZWJ sequences), a 10,000-character body, every optional field set or
 * empty, instants to the microsecond; a healthy store reports {@code READ_WRITE}.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-insert}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-insert")
@DisplayName("Inserting and finding a comment")
@ExtendWith(ContractExtension.class)
public interface InsertAndFindContract {

  /**
   * An insert answers CREATED with the comment as given, and find returns it.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("an insert answers CREATED with the comment as given, and find returns it")
  default void insert_newComment_isCreatedAndFound(ContractContext kit) {
    Comment c = kit.newComment(kit.newThread());

    InsertResult result = kit.store().insert(kit.threadInfo(c.thread()), c);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    kit.assertStoredExactly(result.comment(), c);
    kit.assertStoredExactly(kit.reload(c), c);
  }

  /**
   * A comment with every optional field set reads back exactly.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a comment with every optional field set reads back exactly")
  default void insert_everyFieldSet_readsBackExactly(ContractContext kit) {
    Comment root = kit.insert(kit.newComment(kit.newThread()));
    Comment c = kit.replyBuilder(root)
        .author(new Author("Grace Hopper", "Grace@Example.ORG", "https://grace.example/blog?x=1&y=2", "user-42"))
        .source("**Markdown** with a [link](https://example.org)")
        .format(Format.MARKDOWN)
        .html("<p><strong>Markdown</strong> with a <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">"
            + "link</a></p>")
        .status(CommentStatus.PENDING)
        .created(Instant.parse("2024-02-29T23:59:59.999999Z"))
        .edited(Instant.parse("2024-03-01T00:00:00.000001Z"))
        .editTokenHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .ipHash("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2")
        .build();

    kit.assertStoredExactly(kit.insert(c), c);
    kit.assertStoredExactly(kit.reload(c), c);
  }

  /**
   * A comment with every optional field empty reads back with them empty.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a comment with every optional field empty reads back with them empty")
  default void insert_everyOptionalFieldEmpty_readsBackEmpty(ContractContext kit) {
    Comment c = kit.commentBuilder(kit.newThread())
        .author(new Author("", null, null, null))
        .source("")
        .html("")
        .build();

    Comment found = kit.reload(kit.insert(c));

    kit.assertStoredExactly(found, c);
    assertThat(found.parentId()).isEmpty();
    assertThat(found.edited()).isEmpty();
    assertThat(found.editTokenHash()).isEmpty();
    assertThat(found.ipHash()).isEmpty();
    assertThat(found.author().email()).isNull();
    assertThat(found.author().website()).isNull();
    assertThat(found.author().userId()).isNull();
  }

  /**
   * Text in any script, with combining marks and emoji sequences, reads back unchanged.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("text in any script, with combining marks and emoji sequences, reads back unchanged")
  default void insert_unicode_readsBackUnchanged(ContractContext kit) {
    String cjk = "漢字とかな、한국어, 中文评论";
    String rtl = "مرحبا بالعالم — שלום עולם";
    String combining = "Cafe\u0301 nai\u0308ve Z\u0324\u0354\u0367\u0311\u0313"; // decomposed: must stay so
    String emoji = "😀 𝄞 𠜎 👩‍👩‍👧‍👦 👨🏽‍💻 🏳️‍🌈 🇯🇵";
    String text = cjk + "\n" + rtl + "\n" + combining + "\n" + emoji;
    ThreadKey thread = ThreadKey.of("ブログ/最初の投稿-🎉");
    ThreadInfo info = new ThreadInfo(kit.site(), thread, "日本語のブログ 🇯🇵 " + rtl, "https://例え.jp/ブログ", false);
    Comment c = kit.commentBuilder(thread)
        .author(new Author("Zoë 李 👩‍💻 " + rtl, "zoë@例え.jp", "https://例え.jp/", "ユーザー"))
        .source(text)
        .html("<p>" + text.replace("\n", "<br>") + "</p>")
        .build();

    kit.store().insert(info, c);

    Comment found = kit.reload(c);
    kit.assertStoredExactly(found, c);
    assertThat(found.source()).contains("e\u0301").doesNotContain("é");
    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(info);
    assertThat(kit.ids(kit.page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES).roots())).containsExactly(c.id());
    assertThat(kit.store().byAuthor(kit.site(), "user:ユーザー", 10)).containsExactly(found);
  }

  /**
   * A 10,000-character body reads back whole.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a 10,000-character body reads back whole")
  default void insert_longBody_readsBackWhole(ContractContext kit) {
    StringBuilder body = new StringBuilder();
    while (body.length() < 10_000) {
      body.append("Lorem ipsum dolor sit amet, 漢字 😀 مرحبا ").append(body.length()).append(". ");
    }
    body.setLength(10_000);
    if (Character.isHighSurrogate(body.charAt(9_999))) {
      body.setCharAt(9_999, '.');
    }
    Comment c = kit.commentBuilder(kit.newThread()).source(body.toString()).html("<p>" + body + "</p>").build();

    Comment found = kit.reload(kit.insert(c));

    assertThat(found.source()).hasSize(10_000).isEqualTo(c.source());
    assertThat(found.html()).hasSize(10_007).isEqualTo(c.html());
  }

  /**
   * Instants keep their microseconds.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("instants keep their microseconds")
  default void insert_instants_keepMicroseconds(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    List<Instant> instants = List.of(
        Instant.parse("2024-02-29T23:59:59.999999Z"),
        Instant.parse("2024-03-31T01:30:00.000001Z"),
        Instant.parse("2024-10-27T00:59:59.500000Z"),
        Instant.parse("2001-01-01T00:00:00Z"),
        Instant.parse("2038-01-19T03:14:08.654321Z"));
    for (Instant instant : instants) {
      Comment c = kit.commentBuilder(thread).created(instant).edited(instant.plus(1, ChronoUnit.MICROS)).build();

      Comment found = kit.reload(kit.insert(c));

      assertThat(found.created()).isEqualTo(instant);
      assertThat(found.edited()).contains(instant.plus(1, ChronoUnit.MICROS));
    }
  }

  /**
   * A reply keeps its parent and root at any depth.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a reply keeps its parent and root at any depth")
  default void insert_replies_keepParentAndRoot(ContractContext kit) {
    Comment root = kit.insert(kit.newComment(kit.newThread()));
    Comment child = kit.insert(kit.reply(root));
    Comment grandchild = kit.insert(kit.reply(child));

    Comment found = kit.reload(grandchild);

    assertThat(found.parentId()).contains(child.id());
    assertThat(found.rootId()).isEqualTo(root.id());
    assertThat(found.isTopLevel()).isFalse();
    assertThat(kit.reload(child).parentId()).contains(root.id());
  }

  /**
   * Find of an id nobody stored is empty.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("find of an id nobody stored is empty")
  default void find_unknownId_isEmpty(ContractContext kit) {
    kit.insert(kit.newComment(kit.newThread()));

    assertThat(kit.store().find(kit.site(), kit.newId())).isEmpty();
  }

  /**
   * A healthy store reports READ_WRITE.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a healthy store reports READ_WRITE")
  default void health_healthyStore_isReadWrite(ContractContext kit) {
    assertThat(kit.store().health().mode()).isEqualTo(StoreMode.READ_WRITE);
  }
}
