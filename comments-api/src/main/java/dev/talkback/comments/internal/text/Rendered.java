package dev.talkback.comments.internal.text;

/**
 * A comment body after normalization, rendering and sanitizing.
 *
 * @param source the normalized source text (what is stored as {@code Comment.source()})
 * @param html the sanitized HTML
 * @param text the plain text of the HTML
 * @param linkCount the number of links in the HTML
 */
public record Rendered(String source, String html, String text, int linkCount) {}
