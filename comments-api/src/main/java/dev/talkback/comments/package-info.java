/**
 * Talkback's comment API: the model, and {@link dev.talkback.comments.Comments}, the one entry point a
 * host uses to post, read, count, edit, like and moderate comments.
 *
 * <pre>{@code
 * Comments comments = Comments.builder().store(new InMemoryCommentStore()).build();
 * comments.post(NewComment.builder(ThreadKey.of("hello")).author(Author.named("Ada")).text("Hi!").build());
 * ThreadPage page = comments.thread(SiteId.DEFAULT, ThreadKey.of("hello"), ThreadPageRequest.DEFAULT);
 * }</pre>
 *
 * <p>Storage plugs in through {@link dev.talkback.comments.spi}; the in-memory store is in
 * {@link dev.talkback.comments.memory}.
 */
@NullMarked
package dev.talkback.comments;

import org.jspecify.annotations.NullMarked;
