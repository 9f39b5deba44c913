/**
 * The demo blog: a few posts in an embedded Jetty with Talkback mounted at {@code /comments}, showing the
 * widget, the no-JS fragment, feeds, comment counts and the moderation page behind a demo login.
 */
@NullMarked
package dev.talkback.examples.demoblog;

import org.jspecify.annotations.NullMarked;
