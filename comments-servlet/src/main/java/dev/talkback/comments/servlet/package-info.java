/**
 * Talkback over HTTP: {@link dev.talkback.comments.servlet.CommentsServlet} serves the JSON API, the embed
 * widget, the no-JS fragment and form, Atom feeds, the moderation page and health under one mount path. A
 * host plugs in who is logged in ({@link dev.talkback.comments.servlet.IdentityResolver}) and who may
 * moderate ({@link dev.talkback.comments.servlet.ModeratorAuthorizer}, nobody by default). See
 * {@code docs/servlet.md} for the routes.
 */
@NullMarked
package dev.talkback.comments.servlet;

import org.jspecify.annotations.NullMarked;
