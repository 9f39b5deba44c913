package dev.talkback.comments.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Block;
import dev.talkback.comments.Comment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.jdbi.testing.Fixtures;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * H2 serves every hot query from the index meant for it, rather than scanning a whole site: H2 uses an IN
 * list only on an index's first column, which once made each page's reply query and each import chunk's
 * id lookup read every comment of the site (found loading 1,000,000 comments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2QueryPlanTest {
  private TestDatabase db;
  private final Sql sql = new Sql(Dialect.H2, "tb_");

  /** A few thousand comments over many threads, sites and authors, then ANALYZE: plans as in production. */
  @BeforeAll
  void migrateAndFill() throws SQLException {
    db = TestDatabase.h2();
    JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).tablePrefix("tb_").build();
    Random random = new Random(3);
    for (int s = 0; s < 2; s++) {
      SiteId site = Fixtures.randomSite();
      for (int t = 0; t < 40; t++) {
        ThreadInfo thread = Fixtures.thread(site, "thread-" + t);
        List<Comment> comments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          Instant created = Fixtures.T0.plusSeconds(t * 1_000L + i);
          Comment.Builder b = comments.isEmpty() || random.nextBoolean()
              ? Fixtures.comment(thread, created) : Fixtures.reply(comments.get(random.nextInt(comments.size())), created);
          b.status(random.nextInt(10) == 0 ? CommentStatus.PENDING : CommentStatus.APPROVED)
              .author(new Author("A", "a" + random.nextInt(300) + "@example.org", null, null));
          comments.add(b.build());
        }
        store.insertAll(thread, comments);
      }
      for (int b = 0; b < 200; b++) {
        store.blockStore().add(site, b % 2 == 0 ? Block.ipHash("hash-" + b) : Block.authorKey("user:" + b));
      }
    }
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("ANALYZE");
    }
  }

  @AfterAll
  void drop() {
    db.close();
  }

  @Test
  void findComments_looksUpEachIdInThePrimaryKey() throws SQLException {
    assertThat(plan(sql.findComments(3))).contains("PRIMARY_KEY").contains("IN(ROW");
  }

  @Test
  void replies_lookUpEachRootInTheRepliesIndex() throws SQLException {
    assertThat(plan(sql.replies(3, 2))).contains("TB_COMMENTS_REPLIES_IX: IN(ROW");
  }

  @Test
  void counts_lookUpEachThreadInThePrimaryKey() throws SQLException {
    assertThat(plan(sql.counts(3))).contains("PRIMARY_KEY").contains("IN(ROW");
  }

  @Test
  void roots_readTheThreadsRootsIndexInOrder() throws SQLException {
    assertThat(plan(sql.roots(CommentSort.OLDEST, true, 2))).contains("TB_COMMENTS_ROOTS_TIME_IX")
        .contains("THREAD_KEY = ?");
    // TOP: H2 reads the thread's roots by either roots index and sorts them by likes (it does not take the
    // descending index's order); bounded by the thread, not the site.
    assertThat(plan(sql.roots(CommentSort.TOP, true, 2))).containsPattern("TB_COMMENTS_ROOTS_(TIME|TOP)_IX: .*THREAD_KEY = \\?");
  }

  @Test
  void anyBlocked_looksUpEachCandidateInThePrimaryKey() throws SQLException {
    assertThat(plan(Blocks.anyStored(Dialect.H2, Blocks.table("tb_"), 3))).containsPattern("PRIMARY_KEY_\\w*: IN\\(ROW");
  }

  @Test
  void queues_readTheStatusAndAuthorIndexes() throws SQLException {
    assertThat(plan(sql.byStatus)).contains("TB_COMMENTS_STATUS_IX");
    assertThat(plan(sql.byAuthor)).contains("TB_COMMENTS_AUTHOR_IX");
  }

  /** H2's plan for a statement of the store, its named parameters turned into positional ones. */
  private String plan(String statement) throws SQLException {
    String positional = statement.replaceAll(":[A-Za-z][A-Za-z0-9]*", "?");
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement p = c.prepareStatement("EXPLAIN " + positional);
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getString(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
  }
}
