package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON fixtures of the Commento, Isso and Remark42 tests, whole or cut short. */
final class JsonFixtures {
  private JsonFixtures() {}

  static String text(String name) {
    try (InputStream in = JsonFixtures.class.getResourceAsStream("/fixtures/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream stream(String name) {
    return of(text(name));
  }

  static InputStream of(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The fixture cut in the middle of its {@code n}th line (1-based). */
  static InputStream truncatedAtLine(String name, int n) {
    String s = text(name);
    int at = 0;
    for (int i = 1; i < n; i++) {
      at = s.indexOf('\n', at) + 1;
    }
    return of(s.substring(0, at + 20));
  }
}
