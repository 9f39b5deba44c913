package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every payload of {@code xss/payloads.txt} through every format, with and without images, and checks
 * the output the way a browser would parse it.
 */
class XssCorpusTest {
  private static final TextPipeline NO_IMAGES = new TextPipeline(ContentPolicy.defaults());
  private static final TextPipeline IMAGES = new TextPipeline(ContentPolicy.builder().allowImages(true).build());
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(TAB|NL|CR|NUL|U\\+([0-9A-Fa-f]{4,6}))}}");

  static List<String> payloads() {
    InputStream in = XssCorpusTest.class.getResourceAsStream("/xss/payloads.txt");
    Objects.requireNonNull(in, "xss/payloads.txt is missing from the test resources");
    List<String> payloads = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          payloads.add(expand(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return payloads;
  }

  private static String expand(String line) {
    Matcher m = PLACEHOLDER.matcher(line);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement;
      switch (m.group(1)) {
        case "TAB": replacement = "\t"; break;
        case "NL": replacement = "\n"; break;
        case "CR": replacement = "\r"; break;
        case "NUL": replacement = "\0"; break;
        default: replacement = new String(Character.toChars(Integer.parseInt(m.group(2), 16)));
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String payload : payloads()) {
      for (Format format : Format.values()) {
        cases.add(Arguments.of(format, false, payload));
        cases.add(Arguments.of(format, true, payload));
      }
    }
    return cases.stream();
  }

  @Test
  @DisplayName("the corpus holds at least 120 payloads")
  void payloads_atLeast120() {
    assertThat(payloads()).hasSizeGreaterThanOrEqualTo(120).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0} images={1}: {2}")
  @MethodSource("cases")
  void render_payload_isSafeAndIdempotent(Format format, boolean images, String payload) {
    SafeHtml.assertSafeAndIdempotent(images ? IMAGES : NO_IMAGES, payload, format);
  }
}
