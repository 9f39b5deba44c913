package dev.talkback.comments.testkit;

import dev.talkback.comments.spi.CommentStore;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Supplies the store the contract tests run against: implemented by the test class of a store, the one
 * class a store implementation writes. {@link CommentStoreContract} implements it; so may any test class
 * that composes contract groups itself, or that holds them as {@code @Nested} classes:
 *
 * <pre>{@code
 * class ReadMostlyStoreContractTest implements StoreFixture {
 *   private static final ReadMostlyStore STORE = new ReadMostlyStore();
 *
 *   @Override
 *   public CommentStore createStore() {
 *     return STORE;
 *   }
 *
 *   @Nested
 *   class Pages implements PaginationContract {}
 *
 *   @Nested
 *   class Counting implements CountsContract {}
 * }
 * }</pre>
 *
 * <p>The contract groups find the nearest enclosing test instance that is a {@code StoreFixture} and ask it
 * for the store before each test, through a {@link ContractContext} parameter. Tests of the class's own, and
 * its {@code @BeforeEach} methods, may take a {@code ContractContext} too: this interface registers the
 * resolver.
 */
@ExtendWith(ContractExtension.class)
@FunctionalInterface
public interface StoreFixture {

  /**
   * The store under test. Called before each contract test; may return the same instance every time, since
   * every test writes under its own random site and nothing needs cleaning up.
   *
   * @return the store, never null
   */
  CommentStore createStore();
}
