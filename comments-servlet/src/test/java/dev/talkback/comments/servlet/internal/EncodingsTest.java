package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading {@code Accept-Encoding} for gzip, weights included. */
class EncodingsTest {
  @Test
  void acceptsGzip_asBrowsersSendIt() {
    assertThat(Encodings.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
    assertThat(Encodings.acceptsGzip("gzip")).isTrue();
    assertThat(Encodings.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
    assertThat(Encodings.acceptsGzip("x-gzip")).isTrue();
    assertThat(Encodings.acceptsGzip("*")).isTrue();
  }

  @Test
  void acceptsGzip_absentOrRefused() {
    assertThat(Encodings.acceptsGzip(null)).isFalse();
    assertThat(Encodings.acceptsGzip("")).isFalse();
    assertThat(Encodings.acceptsGzip("identity")).isFalse();
    assertThat(Encodings.acceptsGzip("br, deflate")).isFalse();
    assertThat(Encodings.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(Encodings.acceptsGzip("gzip; q=0.000, br")).isFalse();
    assertThat(Encodings.acceptsGzip("gzip;q=0, *")).isFalse();
    assertThat(Encodings.acceptsGzip("*;q=0")).isFalse();
    assertThat(Encodings.acceptsGzip("gzipped")).isFalse();
    assertThat(Encodings.acceptsGzip("gzip;q")).isTrue();
    assertThat(Encodings.acceptsGzip("gzip;q ")).isTrue();
    assertThat(Encodings.acceptsGzip("gzip;q=")).isTrue();
    assertThat(Encodings.acceptsGzip(",;,")).isFalse();
  }

  @Test
  void acceptsGzip_weights() {
    assertThat(Encodings.acceptsGzip("gzip;q=0.001")).isTrue();
    assertThat(Encodings.acceptsGzip("gzip ; q = 0.5")).isTrue();
    assertThat(Encodings.acceptsGzip("*;q=0.1, identity")).isTrue();
    assertThat(Encodings.acceptsGzip("*;q=0, gzip;q=0.2")).isTrue();
  }
}
