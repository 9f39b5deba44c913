package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.CommentValidationException.Violation;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A request the handler refuses before it reaches {@code Comments}: becomes a problem+json response. */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String title;
  private final transient List<Violation> violations;
  private final transient @Nullable Duration retryAfter;

  HttpProblem(int status, String code, String title, String detail) {
    this(status, code, title, detail, List.of(), null);
  }

  HttpProblem(int status, String code, String title, String detail, List<Violation> violations,
      @Nullable Duration retryAfter) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
    this.violations = List.copyOf(violations);
    this.retryAfter = retryAfter;
  }

  /** 422 with field violations. */
  static HttpProblem invalid(List<Violation> violations) {
    StringBuilder d = new StringBuilder("fix these fields: ");
    for (int i = 0; i < violations.size(); i++) {
      Violation v = violations.get(i);
      d.append(i == 0 ? "" : "; ").append(v.field()).append(' ').append(v.message());
    }
    return new HttpProblem(422, "validation_failed", "Invalid input", d.toString(), violations, null);
  }

  static HttpProblem notFound(String detail) {
    return new HttpProblem(404, "not_found", "Not found", detail);
  }

  static HttpProblem forbidden(String code, String detail) {
    return new HttpProblem(403, code, "Forbidden", detail);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String title() {
    return title;
  }

  List<Violation> violations() {
    return violations;
  }

  @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
