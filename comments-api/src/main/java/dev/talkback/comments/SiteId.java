package dev.talkback.comments;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A tenant: one blog on a platform. Every comment, thread and count belongs to exactly one site.
 * A host with a single blog uses {@link #DEFAULT}.
 *
 * @param value 1 to 64 characters of {@code [A-Za-z0-9._-]}
 */
public record SiteId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The site of a host that runs a single blog: {@code "default"}. */
  public static final SiteId DEFAULT = new SiteId("default");

  /**
   * Checks the id.
   *
   * @param value the site's id
   * @throws IllegalArgumentException if {@code value} is not 1 to 64 characters of letters, digits, dot,
   *    underscore or hyphen
   */
  public SiteId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "site id must be 1 to 64 characters of letters, digits, '.', '_' or '-': " + value);
    }
  }

  /**
   * Returns the site with this id.
   *
   * @param value 1 to 64 letters, digits, dots, underscores or hyphens
   * @return the site
   */
  public static SiteId of(String value) {
    return new SiteId(value);
  }

  @Override
  public String toString() {
    return value;
  }

  // Written out: the record's generated equals and hashCode run through method-handle chains that the JIT
  // does not always inline when records nest (a cache key holding this), and cached thread reads compare keys
  // on every request (see docs/benchmarks.md, issue 15 item 1).
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || (o instanceof SiteId other && value.equals(other.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
