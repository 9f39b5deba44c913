/**
 * The SQL comment store: {@link dev.talkback.comments.jdbi.JdbiCommentStore}, a
 * {@link dev.talkback.comments.spi.CommentStore} on Jdbi for PostgreSQL, MariaDB/MySQL and embedded H2,
 * built with {@link dev.talkback.comments.jdbi.JdbiCommentStore#builder(javax.sql.DataSource)}, and its
 * {@link dev.talkback.comments.jdbi.JdbiCommentStore#blockStore() blockStore()}, the sites' blocklists in
 * the same database. Its tables are created and upgraded by Flyway with a history table of its own, or by
 * the host from the SQL files of {@link dev.talkback.comments.jdbi.Dialect#migrationsLocation()}. See
 * {@code docs/jdbi.md}.
 */
@NullMarked
package dev.talkback.comments.jdbi;

import org.jspecify.annotations.NullMarked;
