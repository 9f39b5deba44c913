package dev.talkback.comments.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link CommentStore} from named string settings: the bridge for hosts that configure Talkback in
 * text rather than code, such as a servlet declared in {@code web.xml}. The host names the implementing class
 * in its configuration ({@code CommentsServlet} reads the init parameter {@code talkback.store-factory}); it
 * is loaded by that name and instantiated with its public no-argument constructor. Nothing is discovered from
 * the class path.
 *
 * <p>{@code comments-jdbi} ships one, {@code dev.talkback.comments.jdbi.JdbiStoreFactory}, which builds a
 * JDBI store on a JNDI data source or a JDBC URL.
 *
 * <p>Starting must not depend on the database: a factory builds its store without requiring a connection, and
 * reports a database that is down at startup by logging, not by throwing (the store's calls fail, and a
 * {@code FallbackCommentStore} takes over, until it is back).
 *
 * <p><b>All implementations of this interface must be threadsafe!</b> New methods are added only as
 * {@code default} methods.
 */
@FunctionalInterface
public interface CommentStoreFactory {

  /**
   * Builds a store from the host's settings.
   *
   * @param settings the settings by name, unmodifiable; for {@code CommentsServlet}, every init parameter
   *     and context parameter whose name starts with {@code talkback.} (an init parameter wins over a context
   *     parameter of the same name), except the servlet's secret. Which names a factory reads is part of its
   *     documentation.
   * @return a new store; if it is {@link AutoCloseable}, closing the {@code Comments} built on it closes it
   * @throws IllegalArgumentException if a setting is missing or invalid; the message names the setting and
   *     says what to set
   */
  CommentStore create(Map<String, String> settings);

  /**
   * The bus that carries cache invalidations between the app nodes sharing {@code store}'s database, when the
   * settings ask for several nodes ({@code comments-jdbi}'s factory: {@code talkback.cluster=postgres}). The
   * caller gives it to {@code Comments}, which starts it, and closes it (if it is {@link AutoCloseable}) after
   * {@code Comments}. The default gives none: a single node.
   *
   * @param store the store {@link #create} returned for the same settings
   * @param settings the same settings
   * @return the bus; empty (the default) when the settings ask for none
   * @throws IllegalArgumentException if the settings ask for one this factory cannot make (the message says what
   *     to set)
   */
  default Optional<InvalidationBus> invalidationBus(CommentStore store, Map<String, String> settings) {
    return Optional.empty();
  }

  /**
   * Where the rate limits' token buckets are kept so that every node on {@code store}'s database takes from the
   * same ones, when the settings ask for several nodes. The default gives none: each node counts in its own
   * memory.
   *
   * @param store the store {@link #create} returned for the same settings
   * @param settings the same settings
   * @return the shared buckets; empty (the default) when the settings ask for none
   * @throws IllegalArgumentException if the settings ask for them and this factory cannot make them
   */
  default Optional<RateLimitStore> rateLimitStore(CommentStore store, Map<String, String> settings) {
    return Optional.empty();
  }

  /**
   * The read replicas of {@code store}'s database, where reads go while the store is read-only, in order, when
   * the settings name some ({@code comments-jdbi}'s factory: {@code talkback.fallback.replicas}). The caller
   * adds them to the read-only fallback around the store. The default gives none.
   *
   * @param settings the same settings {@link #create} had
   * @return the replicas, in the order reads should try them; empty (the default) when the settings name none.
   *     A replica that is {@link AutoCloseable} is closed with the store.
   * @throws IllegalArgumentException if a replica setting is invalid (the message names it)
   */
  default List<CommentReader> replicas(Map<String, String> settings) {
    return List.of();
  }
}
