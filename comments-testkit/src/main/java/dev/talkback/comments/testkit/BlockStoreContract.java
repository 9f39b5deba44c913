package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Block;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.spi.BlockStore;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The suite every {@link BlockStore} must pass: the executable form of its Javadoc and of {@link Block}'s.
 * The in-memory store and the JDBI store on H2, PostgreSQL and MariaDB run it; so should yours.
 *
 * <p>Extend it in your test sources and return your store from {@link #createBlockStore()}:
 *
 * <pre>{@code
 * class RedisBlockStoreContractTest extends BlockStoreContract {
 *   private static final RedisBlockStore STORE = new RedisBlockStore(RedisClient.create("redis://localhost"));
 *
 *   @Override
 *   protected BlockStore createBlockStore() {
 *     return STORE; // one store for every test is fine: each test uses its own random sites
 *   }
 * }
 * }</pre>
 *
 * <p>Every test works under a fresh random {@link SiteId} ({@link #site()}, and {@link #randomSite()} for a
 * second one), so tests never see each other's blocks and nothing needs to be cleaned up. The feature
 * groups are {@link Nested} classes, tagged {@code blocks-<group>} under the suite's {@code contract} tag.
 * The concurrency tests call the store from eight threads at once, so a store backed by a connection pool
 * wants at least eight connections.
 */
@Tag("contract")
public abstract class BlockStoreContract {
  /** The deadline of every concurrent test: generous, so a slow CI machine does not fail a correct store. */
  protected static final Duration DEADLINE = Duration.ofSeconds(60);
  /** The longest value a {@link Block} has, which every store must keep. */
  protected static final int MAX_VALUE_LENGTH = Block.MAX_LENGTH;

  private @Nullable BlockStore store;
  private @Nullable SiteId site;

  /**
   * Returns the store under test. Called before each test; may return the same instance every time. Each
   * test uses its own random sites, so blocks never collide.
   *
   * @return the store under test
   */
  protected abstract BlockStore createBlockStore();

  /** Creates the store and a fresh site for each test, before a subclass's own {@code @BeforeEach}. */
  @BeforeEach
  protected final void setUpBlockStoreContract() {
    store = Objects.requireNonNull(createBlockStore(), "createBlockStore() returned null");
    site = randomSite();
  }

  /**
   * The store of the current test, from {@link #createBlockStore()}.
   *
   * @return the store
   */
  protected final BlockStore store() {
    return Objects.requireNonNull(store, "store() is only available while a test runs");
  }

  /**
   * The current test's site: random, so that no other test (or earlier run) has blocks under it.
   *
   * @return the site
   */
  protected final SiteId site() {
    return Objects.requireNonNull(site, "site() is only available while a test runs");
  }

  /**
   * A new random site id, for tests of site isolation.
   *
   * @return a site nobody used before
   */
  protected static SiteId randomSite() {
    return SiteId.of("blocks-" + UUID.randomUUID().toString().substring(0, 13));
  }

  /**
   * Runs tasks on {@code threads} threads, all released at once, and returns their results in order.
   *
   * @param <T> what a task returns
   * @param threads how many threads
   * @param tasks the tasks
   * @return each task's result, in the order of {@code tasks}
   */
  protected static <T> List<T> runConcurrently(int threads, List<Callable<T>> tasks) {
    return Concurrently.run(threads, DEADLINE, tasks);
  }


  private boolean blocked(Block... candidates) {
    return store().anyBlocked(site(), List.of(candidates));
  }

  /** A value of exactly {@code length} UTF-16 units, made of {@code unit} repeated after {@code prefix}. */
  private static String ofLength(String prefix, String unit, int length) {
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() + unit.length() <= length) {
      b.append(unit);
    }
    while (b.length() < length) {
      b.append('x');
    }
    return b.toString();
  }

  // ---- the contract --------------------------------------------------------------------------------------

  @Nested
  @DisplayName("Adding and lifting a block")
  @Tag("blocks-add")
  class AddAndRemove {

    @Test
    @DisplayName("an added block is listed and blocks")
    void add_new_isListedAndBlocks() {
      Block block = Block.authorKey("user:42");

      assertThat(store().add(site(), block)).as("add of a new block").isTrue();

      assertThat(store().list(site())).containsExactly(block);
      assertThat(blocked(block)).isTrue();
    }

    @Test
    @DisplayName("adding the same block again answers false and keeps one block")
    void add_twice_isIdempotent() {
      Block block = Block.ipHash("9f86d081884c7d65");

      assertThat(store().add(site(), block)).isTrue();
      assertThat(store().add(site(), block)).as("second add of the same block").isFalse();
      assertThat(store().add(site(), Block.ipHash("9f86d081884c7d65"))).as("add of an equal block").isFalse();

      assertThat(store().list(site())).containsExactly(block);
    }

    @Test
    @DisplayName("remove lifts a block and answers whether there was one")
    void remove_liftsTheBlock() {
      Block block = Block.email("troll@example.org");
      Block other = Block.email("other@example.org");
      store().add(site(), block);
      store().add(site(), other);

      assertThat(store().remove(site(), block)).as("remove of a block that is there").isTrue();
      assertThat(store().remove(site(), block)).as("remove of a block lifted already").isFalse();

      assertThat(blocked(block)).isFalse();
      assertThat(blocked(other)).as("the other block stays").isTrue();
      assertThat(store().list(site())).containsExactly(other);
    }

    @Test
    @DisplayName("removing a block nobody added answers false")
    void remove_unknown_isFalse() {
      assertThat(store().remove(site(), Block.authorKey("user:nobody"))).isFalse();
      assertThat(store().list(site())).isEmpty();
    }

    @Test
    @DisplayName("a lifted block can be added again")
    void add_afterRemove_blocksAgain() {
      Block block = Block.authorKey("email:again@example.org");
      store().add(site(), block);
      store().remove(site(), block);

      assertThat(store().add(site(), block)).isTrue();

      assertThat(blocked(block)).isTrue();
      assertThat(store().list(site())).containsExactly(block);
    }

    @Test
    @DisplayName("one value under two kinds is two blocks")
    void add_sameValueOtherKind_isAnotherBlock() {
      Block asKey = Block.authorKey("abc123");
      Block asHash = Block.ipHash("abc123");

      assertThat(store().add(site(), asKey)).isTrue();
      assertThat(store().add(site(), asHash)).isTrue();
      assertThat(store().list(site())).containsExactlyInAnyOrder(asKey, asHash);

      store().remove(site(), asKey);
      assertThat(blocked(asKey)).isFalse();
      assertThat(blocked(asHash)).isTrue();
    }
  }

  @Nested
  @DisplayName("Looking up an author's candidates")
  @Tag("blocks-lookup")
  class Lookup {

    @Test
    @DisplayName("anyBlocked is true when one candidate of several is blocked, whichever it is")
    void anyBlocked_oneOfSeveral() {
      Block key = Block.authorKey("user:7");
      Block email = Block.email("seven@example.org");
      Block ip = Block.ipHash("77aa");
      store().add(site(), ip);

      assertThat(store().anyBlocked(site(), List.of(key, email, ip))).isTrue();
      assertThat(store().anyBlocked(site(), List.of(ip, key, email))).isTrue();
      assertThat(store().anyBlocked(site(), List.of(key, email))).isFalse();
    }

    @Test
    @DisplayName("anyBlocked of no candidates is false, also on a site with blocks")
    void anyBlocked_noCandidates() {
      assertThat(store().anyBlocked(site(), List.of())).isFalse();
      store().add(site(), Block.authorKey("user:1"));
      assertThat(store().anyBlocked(site(), List.of())).isFalse();
    }

    @Test
    @DisplayName("a candidate matches only a block of its own kind")
    void anyBlocked_otherKind_doesNotMatch() {
      store().add(site(), Block.authorKey("shared-value"));

      assertThat(blocked(Block.ipHash("shared-value"))).isFalse();
      assertThat(blocked(Block.email("shared-value"))).isFalse();
      assertThat(blocked(Block.authorKey("shared-value"))).isTrue();
    }

    @Test
    @DisplayName("repeated candidates are fine")
    void anyBlocked_repeatedCandidates() {
      Block block = Block.ipHash("ffee");
      assertThat(store().anyBlocked(site(), List.of(block, block, block))).isFalse();
      store().add(site(), block);
      assertThat(store().anyBlocked(site(), List.of(block, block, block))).isTrue();
    }

    @Test
    @DisplayName("a blocked email, key or address refuses an author through Block.candidates")
    void anyBlocked_candidatesOfAnAuthor() {
      Author byEmail = Author.named("Mallory").withEmail("Mallory@Example.ORG");
      Author byUser = Author.named("Eve").withUserId("eve-1");
      Author innocent = Author.named("Alice").withEmail("alice@example.org");

      store().add(site(), Block.email("mallory@example.org"));
      store().add(site(), Block.authorKey("user:eve-1"));
      store().add(site(), Block.ipHash("10.0.0.66#hash"));

      assertThat(store().anyBlocked(site(), Block.candidates(byEmail, null))).as("email").isTrue();
      assertThat(store().anyBlocked(site(), Block.candidates(byUser, null))).as("user id").isTrue();
      assertThat(store().anyBlocked(site(), Block.candidates(innocent, "10.0.0.66#hash"))).as("address").isTrue();
      assertThat(store().anyBlocked(site(), Block.candidates(innocent, "10.0.0.1#hash"))).as("innocent").isFalse();
      assertThat(store().anyBlocked(site(), Block.candidates(Author.named("anonymous"), null))).isFalse();
    }

    @Test
    @DisplayName("a look-up of 250 candidates finds the one blocked among them")
    void anyBlocked_manyCandidates() {
      List<Block> candidates = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        candidates.add(Block.ipHash("hash-" + i));
      }
      assertThat(store().anyBlocked(site(), candidates)).isFalse();

      store().add(site(), candidates.get(249));
      assertThat(store().anyBlocked(site(), candidates)).isTrue();
      store().add(site(), candidates.get(0));
      store().remove(site(), candidates.get(249));
      assertThat(store().anyBlocked(site(), candidates)).isTrue();
    }
  }

  @Nested
  @DisplayName("Values compare exactly; emails case-insensitively")
  @Tag("blocks-values")
  class Values {

    @Test
    @DisplayName("emails compare case-insensitively, on add, look-up and remove")
    void email_isCaseInsensitive() {
      assertThat(store().add(site(), Block.email("Ada.Lovelace@Example.ORG"))).isTrue();

      assertThat(store().add(site(), Block.email("ada.lovelace@example.org"))).as("same email, other case").isFalse();
      assertThat(store().list(site())).containsExactly(Block.email("ada.lovelace@example.org"));
      assertThat(store().list(site()).get(0).value()).isEqualTo("ada.lovelace@example.org");
      assertThat(blocked(Block.email("ADA.LOVELACE@EXAMPLE.ORG"))).isTrue();
      assertThat(store().remove(site(), Block.email("ada.LOVELACE@example.org"))).isTrue();
      assertThat(store().list(site())).isEmpty();
    }

    @Test
    @DisplayName("author keys and IP hashes are case-sensitive")
    void authorKeyAndIpHash_areCaseSensitive() {
      store().add(site(), Block.authorKey("user:Ada"));
      store().add(site(), Block.ipHash("AbCdEf"));

      assertThat(blocked(Block.authorKey("user:ada"))).isFalse();
      assertThat(blocked(Block.authorKey("USER:ADA"))).isFalse();
      assertThat(blocked(Block.ipHash("abcdef"))).isFalse();
      assertThat(store().add(site(), Block.authorKey("user:ada"))).as("another author").isTrue();
      assertThat(store().remove(site(), Block.ipHash("ABCDEF"))).isFalse();
      assertThat(blocked(Block.authorKey("user:Ada"), Block.ipHash("AbCdEf"))).isTrue();
    }

    @Test
    @DisplayName("accented, unaccented and decomposed spellings are three blocks")
    void values_compareByCharacters_notByCollation() {
      Block composed = Block.authorKey(Normalizer.normalize("user:José", Normalizer.Form.NFC));
      Block decomposed = Block.authorKey(Normalizer.normalize("user:José", Normalizer.Form.NFD));
      Block plain = Block.authorKey("user:Jose");
      Block spaced = Block.authorKey("user:Jo  se");

      for (Block b : List.of(composed, decomposed, plain, spaced)) {
        assertThat(store().add(site(), b)).as("add %s", b).isTrue();
      }

      assertThat(store().list(site())).containsExactlyInAnyOrder(composed, decomposed, plain, spaced);
      assertThat(store().remove(site(), composed)).isTrue();
      assertThat(blocked(composed)).isFalse();
      assertThat(blocked(decomposed)).isTrue();
      assertThat(blocked(plain)).isTrue();
    }

    @Test
    @DisplayName("values in any script, with emoji, read back unchanged and match")
    void values_nonAscii_roundTrip() {
      List<Block> blocks = List.of(
          Block.authorKey("user:山田太郎"),
          Block.authorKey("user:Ἀθηνᾶ"),
          Block.authorKey("user:👩🏽‍💻 dev"),
          Block.authorKey("user:مرحبا"),
          Block.email("jörg@bücher.example"),
          Block.ipHash("ħåšħ-𝔘𝔫𝔦𝔠𝔬𝔡𝔢"));
      for (Block b : blocks) {
        assertThat(store().add(site(), b)).as("add %s", b).isTrue();
      }

      assertThat(store().list(site())).containsExactlyInAnyOrderElementsOf(blocks);
      for (Block b : blocks) {
        assertThat(blocked(b)).as("blocked %s", b).isTrue();
      }
      assertThat(blocked(Block.authorKey("user:山田太"))).as("a prefix is another value").isFalse();
    }

    @Test
    @DisplayName("values of the longest length a Block allows, in ASCII, accented and 4-byte characters, are kept whole")
    void values_atTheLengthLimit() {
      List<Block> blocks = List.of(
          Block.authorKey(ofLength("user:", "a", MAX_VALUE_LENGTH)),
          Block.ipHash(ofLength("", "é", MAX_VALUE_LENGTH)),
          Block.email(ofLength("", "😀", MAX_VALUE_LENGTH - 12) + "@example.org"));
      for (Block b : blocks) {
        assertThat(b.value()).hasSize(MAX_VALUE_LENGTH);
        assertThat(store().add(site(), b)).as("add of a %s block", b.kind()).isTrue();
      }

      assertThat(store().list(site())).containsExactlyInAnyOrderElementsOf(blocks);
      for (Block b : blocks) {
        assertThat(blocked(b)).isTrue();
        Block shorter = new Block(b.kind(), b.value().substring(0, MAX_VALUE_LENGTH - 2));
        assertThat(blocked(shorter)).as("a shorter value is another block").isFalse();
      }
      assertThat(store().remove(site(), blocks.get(1))).isTrue();
      assertThat(store().list(site())).hasSize(2);
    }
  }

  @Nested
  @DisplayName("Every site has its own blocks")
  @Tag("blocks-sites")
  class Sites {

    @Test
    @DisplayName("a block on site A never matches on site B")
    void anyBlocked_otherSite_neverMatches() {
      SiteId b = randomSite();
      Block block = Block.authorKey("user:troll");
      store().add(site(), block);

      assertThat(store().anyBlocked(b, List.of(block))).isFalse();
      assertThat(store().list(b)).isEmpty();
      assertThat(store().remove(b, block)).as("site B cannot lift site A's block").isFalse();
      assertThat(blocked(block)).as("still blocked on site A").isTrue();
    }

    @Test
    @DisplayName("the same block on two sites is two blocks, lifted one at a time")
    void add_sameBlockOnTwoSites() {
      SiteId b = randomSite();
      Block block = Block.email("both@example.org");

      assertThat(store().add(site(), block)).isTrue();
      assertThat(store().add(b, block)).as("new on site B").isTrue();
      assertThat(store().remove(site(), block)).isTrue();

      assertThat(blocked(block)).isFalse();
      assertThat(store().anyBlocked(b, List.of(block))).isTrue();
      assertThat(store().list(b)).containsExactly(block);
    }

    @Test
    @DisplayName("list returns only the site's own blocks")
    void list_onlyTheSitesBlocks() {
      SiteId b = randomSite();
      store().add(site(), Block.authorKey("user:a1"));
      store().add(site(), Block.ipHash("a2"));
      store().add(b, Block.authorKey("user:b1"));

      assertThat(store().list(site())).containsExactlyInAnyOrder(Block.authorKey("user:a1"), Block.ipHash("a2"));
      assertThat(store().list(b)).containsExactly(Block.authorKey("user:b1"));
    }
  }

  @Nested
  @DisplayName("Listing a site's blocks")
  @Tag("blocks-list")
  class Listing {

    @Test
    @DisplayName("a site without blocks lists none")
    void list_emptySite() {
      assertThat(store().list(site())).isEmpty();
    }

    @Test
    @DisplayName("every kind is listed with its kind and value")
    void list_everyKind() {
      List<Block> blocks = List.of(Block.email("e@example.org"), Block.authorKey("user:k"), Block.ipHash("h"));
      blocks.forEach(b -> store().add(site(), b));

      assertThat(store().list(site())).containsExactlyInAnyOrderElementsOf(blocks);
    }

    @Test
    @DisplayName("a list is a snapshot: later changes do not show in it")
    void list_isASnapshot() {
      Block first = Block.authorKey("user:first");
      store().add(site(), first);
      List<Block> before = store().list(site());

      store().add(site(), Block.authorKey("user:second"));
      store().remove(site(), first);

      assertThat(before).containsExactly(first);
    }
  }

  @Nested
  @DisplayName("Concurrent use")
  @Tag("blocks-concurrency")
  class Concurrency {

    @Test
    @DisplayName("8 threads adding 50 blocks each: every add answers true and every block is listed")
    void add_distinctBlocksConcurrently() {
      List<Callable<List<Boolean>>> tasks = new ArrayList<>();
      List<Block> all = Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < 8; t++) {
        int thread = t;
        tasks.add(() -> {
          List<Boolean> answers = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            Block b = i % 2 == 0 ? Block.authorKey("user:t" + thread + "-" + i) : Block.ipHash("t" + thread + "-" + i);
            all.add(b);
            answers.add(store().add(site(), b));
          }
          return answers;
        });
      }

      List<List<Boolean>> answers = runConcurrently(8, tasks);

      assertThat(answers).allSatisfy(a -> assertThat(a).hasSize(50).containsOnly(true));
      assertThat(store().list(site())).hasSize(400).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    @DisplayName("the same block added by 8 threads at once: exactly one add answers true")
    void add_sameBlockConcurrently_oneWins() {
      for (int round = 0; round < 10; round++) {
        Block block = Block.authorKey("user:contested-" + round);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          tasks.add(() -> store().add(site(), block));
        }

        List<Boolean> answers = runConcurrently(8, tasks);

        assertThat(answers).as("round %d", round).filteredOn(a -> a).hasSize(1);
        assertThat(store().list(site())).filteredOn(block::equals).hasSize(1);
      }
    }

    @Test
    @DisplayName("the same block removed by 8 threads at once: exactly one remove answers true")
    void remove_sameBlockConcurrently_oneWins() {
      for (int round = 0; round < 5; round++) {
        Block block = Block.ipHash("contested-" + round);
        store().add(site(), block);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          tasks.add(() -> store().remove(site(), block));
        }

        List<Boolean> answers = runConcurrently(8, tasks);

        assertThat(answers).as("round %d", round).filteredOn(a -> a).hasSize(1);
        assertThat(blocked(block)).isFalse();
      }
    }

    @Test
    @DisplayName("look-ups while 4 threads add and lift blocks on 2 sites see each site's own blocks only")
    void lookups_duringConcurrentChanges_stayPerSite() {
      SiteId other = randomSite();
      Block steady = Block.authorKey("user:steady");
      store().add(site(), steady);
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        SiteId target = t % 2 == 0 ? site() : other;
        int thread = t;
        tasks.add(() -> {
          for (int i = 0; i < 25; i++) {
            Block b = Block.ipHash("churn-" + thread + "-" + i);
            store().add(target, b);
            store().remove(target, b);
          }
          return true;
        });
      }
      for (int t = 0; t < 4; t++) {
        tasks.add(() -> {
          boolean ok = true;
          for (int i = 0; i < 25; i++) {
            ok &= store().anyBlocked(site(), List.of(steady));
            ok &= !store().anyBlocked(other, List.of(steady));
          }
          return ok;
        });
      }

      assertThat(runConcurrently(8, tasks)).containsOnly(true);
      assertThat(store().list(site())).containsExactly(steady);
      assertThat(store().list(other)).isEmpty();
    }
  }
}
