package dev.talkback.examples.demoblog;

import java.util.List;

/**
 * A blog post of the demo.
 *
 * @param slug the URL segment and, prefixed with {@code posts/}, the Talkback thread key
 * @param title the title
 * @param date the publication date, ISO
 * @param paragraphs the body, one string per paragraph
 */
record Post(String slug, String title, String date, List<String> paragraphs) {
  static final List<Post> ALL = List.of(
      new Post("keep-the-comments", "Keep the comments when the database is down", "2026-01-12", List.of(
          "Comment sections fail in a particular way: the page renders, the comments do not, and whatever a reader "
              + "typed is gone. Talkback keeps serving the last good thread from its cache and queues new comments "
              + "in a durable spool until the database is back.",
          "Try it: post a comment below, reply to one, like one, and edit yours within fifteen minutes.")),
      new Post("markdown-in-comments", "Markdown in comments, safely", "2026-01-05", List.of(
          "Readers may write **bold**, _italic_, links and code. Every comment is rendered and then sanitized with "
              + "one immutable policy, so no script, style or event handler reaches this page.",
          "The widget never puts an untrusted string into innerHTML, and this page runs under a strict "
              + "Content-Security-Policy without 'unsafe-inline'.")),
      new Post("no-javascript", "Comments without JavaScript", "2025-12-20", List.of(
          "Not every reader runs JavaScript. The same thread is available as server-rendered HTML that a template "
              + "includes, with a plain form that posts and redirects back.",
          "Open this post's no-JS version from the link below the article.")));

  String threadKey() {
    return "posts/" + slug;
  }

  static java.util.Optional<Post> bySlug(String slug) {
    return ALL.stream().filter(p -> p.slug().equals(slug)).findFirst();
  }
}
