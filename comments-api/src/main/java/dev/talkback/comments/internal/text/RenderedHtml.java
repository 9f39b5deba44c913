package dev.talkback.comments.internal.text;

/**
 * A comment body after normalization, rendering and sanitizing, without its plain text
 * ({@link TextPipeline#renderHtml}).
 *
 * @param source the normalized source text (what is stored as {@code Comment.source()})
 * @param html the sanitized HTML
 */
public record RenderedHtml(String source, String html) {}
