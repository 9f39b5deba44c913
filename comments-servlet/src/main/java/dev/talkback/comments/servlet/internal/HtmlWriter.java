package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes HTML that is safe by construction. Element and attribute names must be plain lower-case names;
 * text and attribute values are always escaped; the only markup that passes unescaped is a comment's
 * sanitized body ({@link #sanitizedBody}) and Talkback's own stylesheet ({@link #inlineStyle}). Elements are closed in order by {@link #end()}, so the nesting
 * cannot go wrong either. Not thread-safe; one writer per page.
 *
 * <pre>{@code
 * w.tag("a").attr("class", "tb-author").attr("href", website).text(name).end();
 * }</pre>
 */
final class HtmlWriter {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Set<String> VOID = Set.of("br", "hr", "img", "input", "link", "meta");
  private final StringBuilder b;
  private final Deque<String> open = new ArrayDeque<>();
  private boolean inStartTag;

  HtmlWriter(int capacity) {
    this.b = new StringBuilder(capacity);
  }

  /** {@code <!doctype html>} */
  HtmlWriter doctype() {
    finishStartTag();
    b.append("<!doctype html>");
    return this;
  }

  /** Starts an element; attributes follow, then content and {@link #end()} (none for void elements). */
  HtmlWriter tag(String name) {
    finishStartTag();
    b.append('<').append(name(name));
    inStartTag = true;
    if (!VOID.contains(name)) {
      open.push(name);
    }
    return this;
  }

  /** An attribute of the element just started, its value escaped; a {@code null} value writes nothing. */
  HtmlWriter attr(String name, @Nullable String value) {
    if (!inStartTag) {
      throw new IllegalStateException("attribute " + name + " outside a start tag");
    }
    if (value != null) {
      b.append(' ').append(name(name)).append("=\"").append(Html.escape(value)).append('"');
    }
    return this;
  }

  /** A number-valued attribute. */
  HtmlWriter attr(String name, long value) {
    return attr(name, Long.toString(value));
  }

  /** A boolean attribute ({@code required}), written only when {@code on}. */
  HtmlWriter flag(String name, boolean on) {
    if (!inStartTag) {
      throw new IllegalStateException("attribute " + name + " outside a start tag");
    }
    if (on) {
      b.append(' ').append(name(name));
    }
    return this;
  }

  /** Escaped text. */
  HtmlWriter text(String text) {
    finishStartTag();
    b.append(Html.escape(text));
    return this;
  }

  /** An element without attributes holding only text. */
  HtmlWriter element(String name, String text) {
    return tag(name).text(text).end();
  }

  /** A comment's body: the sanitized HTML from {@code Comments}, the one markup that is written as it is. */
  HtmlWriter sanitizedBody(Comment comment) {
    finishStartTag();
    b.append(comment.html());
    return this;
  }

  /**
   * {@code <style>} with Talkback's own stylesheet text ({@link Assets#INLINE_CSS}, the one other text that is
   * written as it is: it is a constant of the jar, never input, and holds no {@code <}).
   */
  HtmlWriter inlineStyle() {
    finishStartTag();
    b.append("<style>").append(Assets.INLINE_CSS).append("</style>");
    return this;
  }

  /** A line break in the source, for readability. */
  HtmlWriter nl() {
    finishStartTag();
    b.append('\n');
    return this;
  }

  /** Closes the innermost open element. */
  HtmlWriter end() {
    finishStartTag();
    if (open.isEmpty()) {
      throw new IllegalStateException("no open element to end");
    }
    b.append("</").append(open.pop()).append('>');
    return this;
  }

  /** The HTML; every element must be ended. */
  String html() {
    finishStartTag();
    if (!open.isEmpty()) {
      throw new IllegalStateException("elements left open: " + open);
    }
    return b.toString();
  }

  private void finishStartTag() {
    if (inStartTag) {
      b.append('>');
      inStartTag = false;
    }
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an element or attribute name: " + name);
    }
    return name;
  }
}
