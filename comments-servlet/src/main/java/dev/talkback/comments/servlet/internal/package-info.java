/**
 * The transport-neutral request handling behind {@code CommentsServlet}: a {@link
 * dev.talkback.comments.servlet.internal.Request} goes in, a {@link
 * dev.talkback.comments.servlet.internal.Response} with ready bytes comes out. Public only so the servlet
 * adapter and tests can reach it; not API, and it may change in any release.
 */
@NullMarked
package dev.talkback.comments.servlet.internal;

import org.jspecify.annotations.NullMarked;
