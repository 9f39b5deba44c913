package dev.talkback.comments;

/**
 * A comment rendered but not stored, for a live preview.
 *
 * @param html the sanitized HTML, exactly as it would be stored
 * @param text the plain text
 * @param linkCount how many links it holds
 */
public record Preview(String html, String text, int linkCount) {}
