package dev.talkback.comments.jdbi;

import static dev.talkback.comments.jdbi.testing.Fixtures.T0;
import static dev.talkback.comments.jdbi.testing.Fixtures.comment;
import static dev.talkback.comments.jdbi.testing.Fixtures.randomSite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.spi.StorableText;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jspecify.annotations.Nullable;

/**
 * The property behind "refused before queued" (issue 14, finding 3): whatever {@link StorableText} accepts,
 * this database stores and reads back unchanged, for every text column, with generated text full of the
 * characters databases treat differently (controls, NUL, lone and paired surrogates, noncharacters, BOMs,
 * combining marks, the last code point) and at the length limits. Seeded, so a failure can be replayed; each
 * subclass runs it on one database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorableTextTest {
  private static final long SEED = Long.getLong("talkback.storable.seed", 0x5EED_14L);
  private static final int ROUNDS = 300;
  /** Code points that databases, drivers and encoders handle differently; lone surrogates are chars here. */
  private static final int[] TRICKY = {0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xAD, 0xFF, 0x100,
      0x301, 0x2028, 0x202E, 0x200D, 0xE000, 0xFDD0, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600, 0x1F1E9, 0xE0001,
      0x10FFFF, 0x20000, '\'', '"', '\\', '%', '_', ' '};
  /** What no store keeps: NUL and lone surrogates. */
  private static final int[] BAD = {0x00, 0xD800, 0xDBFF, 0xDC00, 0xDFFF};

  TestDatabase db;
  JdbiCommentStore store;

  abstract TestDatabase createDatabase();

  @BeforeAll
  void openDatabase() {
    db = createDatabase();
    store = JdbiCommentStore.builder(db.dataSource()).tablePrefix("tbst_").build();
    store.initialize();
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void whateverStorableTextAccepts_isStoredAndReadBackUnchanged() {
    SplittableRandom random = new SplittableRandom(SEED);
    SiteId site = randomSite();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < ROUNDS; i++) {
      String key = i + "-" + text(random, random.nextInt(30)); // distinct: the thread's title and URL stay its first
      ThreadKey threadKey;
      try {
        threadKey = ThreadKey.of(key);
      } catch (IllegalArgumentException e) {
        threadKey = ThreadKey.of("k-" + i + "-" + key.codePoints().filter(c -> c > 0x20 && c < 0x7F)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append));
      }
      ThreadInfo thread = new ThreadInfo(site, threadKey, text(random, random.nextInt(40)),
          random.nextBoolean() ? null : "https://blog.example/" + text(random, random.nextInt(40)), false);
      Comment c = comment(thread, T0)
          .author(new Author(text(random, random.nextInt(20)), random.nextBoolean() ? null : text(random, 12) + "@x.org",
              random.nextBoolean() ? null : text(random, 20), random.nextBoolean() ? null : text(random, 10)))
          .source(text(random, random.nextInt(200))).html("<p>" + text(random, random.nextInt(200)) + "</p>")
          .ipHash(random.nextBoolean() ? null : text(random, 16)).build();
      if (check(thread, c)) {
        accepted++;
      } else {
        refused++;
      }
    }
    assertThat(accepted).as("the generator must give mostly storable text to prove anything").isGreaterThan(ROUNDS / 4);
    assertThat(refused).as("and some that is not, to prove the check refuses").isGreaterThan(ROUNDS / 10);
  }

  @Test
  void atTheLengthLimits_acceptedTextIsStored_andOneMoreIsRefused() {
    SiteId site = randomSite();
    String ascii = "a".repeat(StorableText.MAX_TEXT_BYTES);
    String fourByte = "\uD83D\uDE00".repeat(StorableText.MAX_TEXT_BYTES / 4); // 65,532 bytes
    assertThat(check(new ThreadInfo(site, ThreadKey.of("title-limit"), ascii, null, false), null)).isTrue();
    assertThat(check(new ThreadInfo(site, ThreadKey.of("title-over"), ascii + "a", null, false), null)).isFalse();
    assertThat(check(new ThreadInfo(site, ThreadKey.of("url-limit"), "", "https://x/" + fourByte, false), null))
        .isFalse(); // 65,542 bytes
    assertThat(check(new ThreadInfo(site, ThreadKey.of("name-limit"), "", null, false), byAuthor(fourByte))).isTrue();
    assertThat(check(new ThreadInfo(site, ThreadKey.of("key-limit-" + "\uD83D\uDE00".repeat(100)), "", null, false),
        null)).isTrue();
    ThreadInfo big = new ThreadInfo(site, ThreadKey.of("long-text"), "", null, false);
    assertThat(check(big, comment(big, T0).source("s".repeat(StorableText.MAX_LONG_TEXT_CHARS))
        .html("\uD83D\uDE00".repeat(StorableText.MAX_LONG_TEXT_CHARS / 2)).build())).isTrue();
    ThreadInfo over = new ThreadInfo(site, ThreadKey.of("long-text-over"), "", null, false);
    assertThat(check(over, comment(over, T0).source("s".repeat(StorableText.MAX_LONG_TEXT_CHARS + 1)).build()))
        .isFalse();
  }

  private static Comment byAuthor(String name) {
    return comment(ThreadInfo.of(SiteId.DEFAULT, ThreadKey.of("x"), ""), T0).author(Author.named(name)).build();
  }

  /** Stores the thread (with a comment) if StorableText accepts it and checks the round trip; its verdict. */
  private boolean check(ThreadInfo thread, @Nullable Comment maybe) {
    Comment c = maybe == null ? comment(thread, T0).build()
        : maybe.toBuilder().site(thread.site()).thread(thread.key()).build();
    List<Violation> v = StorableText.violations(thread, c);
    if (!v.isEmpty()) {
      return false;
    }
    store.insert(thread, c);
    ThreadInfo readThread = store.threadInfo(thread.site(), thread.key()).orElseThrow();
    assertThat(readThread.title()).isEqualTo(thread.title());
    assertThat(readThread.url()).isEqualTo(thread.url());
    Comment read = store.find(c.site(), c.id()).orElseThrow();
    assertThat(read.thread()).isEqualTo(c.thread());
    assertThat(read.author()).isEqualTo(c.author());
    assertThat(read.source()).isEqualTo(c.source());
    assertThat(read.html()).isEqualTo(c.html());
    assertThat(read.ipHash()).isEqualTo(c.ipHash());
    return true;
  }

  /** Text of {@code n} characters, mostly ordinary, with a tricky code point now and then. */
  private static String text(SplittableRandom random, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(1000);
      if (r < 1) {
        sb.append((char) BAD[random.nextInt(BAD.length)]); // NUL or a lone surrogate
      } else if (r < 60) {
        sb.appendCodePoint(TRICKY[random.nextInt(TRICKY.length)]);
      } else if (r < 200) {
        sb.appendCodePoint(0x4E00 + random.nextInt(500));
      } else {
        sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString();
  }
}
