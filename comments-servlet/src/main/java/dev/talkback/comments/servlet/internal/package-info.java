/**
 * The transport-neutral request handling behind {@code CommentsServlet}: a {@link
 * dev.talkback.comments.servlet.internal.Request} goes in, a {@link
 * dev.talkback.comments.servlet.internal.Response} with ready bytes comes out. {@code CommentsHandler} works
 * out the caller ({@code Caller}) and dispatches through the route table ({@code Routes}) to the read and
 * write APIs, the moderation API and page, the no-JS fragment and form, the feeds, the assets and health.
 * HTML goes through {@code HtmlWriter}, Atom through StAX, texts through {@code Messages}. Public only so the
 * servlet adapter and tests can reach it; not API, and it may change in any release.
 */
@NullMarked
package dev.talkback.comments.servlet.internal;

import org.jspecify.annotations.NullMarked;
