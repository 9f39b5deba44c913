/**
 * Akismet as a {@link dev.talkback.comments.spi.SpamCheck}: {@link dev.talkback.comments.akismet.Akismet}
 * asks Akismet's comment-check when a comment is posted, within a deadline, and reports a moderator's
 * decisions with submit-spam and submit-ham. It uses the JDK's {@code java.net.http.HttpClient} and no other
 * library, so it lives in {@code comments-api}.
 */
@NullMarked
package dev.talkback.comments.akismet;

import org.jspecify.annotations.NullMarked;
