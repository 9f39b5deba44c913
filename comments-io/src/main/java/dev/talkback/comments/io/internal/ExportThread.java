package dev.talkback.comments.io.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.ThreadInfo;
import java.util.List;

/**
 * One thread to export: its info and its comments, oldest first (ties by id).
 *
 * @param info the thread
 * @param comments its comments
 */
public record ExportThread(ThreadInfo info, List<Comment> comments) {}
