package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.internal.Footprint;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Header lines made once and sent unchanged by many responses (a cached thread page's), with a slot where a
 * container's transport keeps the same lines in its own ready form ({@link ContainerHeaders}), so that
 * neither is built per request. Never changed once made; the slot is filled at most once per transport.
 */
public final class HeaderBlock {
  /** Names and values, alternating. */
  private final String[] lines;
  private volatile @Nullable Object containerForm;

  /** A block of these lines, which it keeps: the caller made the array for it and changes it no more. */
  HeaderBlock(String[] lines) {
    if (lines.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    this.lines = lines;
  }

  /** The lines, names and values alternating: shared, never to be changed. */
  String[] lines() {
    return lines;
  }

  /**
   * The lines in the container's form, once made by {@link ContainerHeaders}.
   *
   * @return what the transport stored, or {@code null} before it did
   */
  @Nullable Object containerForm() {
    return containerForm;
  }

  /** Keeps the lines in the container's form; a second transport's form replaces the first. */
  void containerForm(Object form) {
    this.containerForm = Objects.requireNonNull(form, "form");
  }

  /**
   * The heap this block holds: this object, its array and, once {@linkplain ContainerHeaders#prepare
   * prepared} (which its owner does before the cache weighs it), {@link #formBytes}. The strings are the
   * owner's, or constants.
   */
  long heapBytes() {
    return Footprint.object(2, 0) + Footprint.object(lines.length + 1, 0) + (containerForm == null ? 0 : formBytes());
  }

  /**
   * The container form alone: its array of one field a line, a field of its own for each
   * line whose value is the block's own ({@link ContainerHeaders#ownLine}), the rest of the form.
   */
  long formBytes() {
    int n = lines.length / 2;
    int own = 0;
    for (int i = 0; i < n; i++) {
      if (ContainerHeaders.ownLine(lines[2 * i])) {
        own++;
      }
    }
    return Footprint.object(n + 1, 0) + own * ContainerHeaders.FIELD_BYTES + ContainerHeaders.FORM_BYTES;
  }
}
