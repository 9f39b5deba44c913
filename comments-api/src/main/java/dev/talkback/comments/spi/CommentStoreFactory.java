package dev.talkback.comments.spi;

import java.util.Map;

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
}
