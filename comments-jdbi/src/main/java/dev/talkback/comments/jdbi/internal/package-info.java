/**
 * How {@link dev.talkback.comments.jdbi.JdbiCommentStore} works: its SQL per dialect, row mapping,
 * transactions with retry on write conflicts, Flyway migrations, and the sorting of database failures into
 * "unavailable" and the rest ({@link dev.talkback.comments.jdbi.internal.Failures}). Public only because the
 * store's package needs it; not API, and it may change in any release.
 */
@NullMarked
package dev.talkback.comments.jdbi.internal;

import org.jspecify.annotations.NullMarked;
