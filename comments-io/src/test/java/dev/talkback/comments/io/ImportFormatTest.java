package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportFormatTest {
  static Optional<ImportFormat> detect(String head) {
    return ImportFormat.detect(head.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void detect_eachFormatFromItsStart() {
    assertThat(detect("\uFEFF<?xml version=\"1.0\"?>\n<!-- export -->\n<disqus xmlns=\"http://disqus.com\">"))
        .contains(ImportFormat.DISQUS);
    assertThat(detect("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:wp=\"https://wordpress.org/export/1.2/\">"))
        .contains(ImportFormat.WXR);
    assertThat(detect("{\"talkback\":\"comments\",\"version\":1,\"site\":\"default\"}\n{\"type\":\"thread\"}"))
        .contains(ImportFormat.TALKBACK);
    assertThat(detect("{\n  \"version\": 1,\n  \"comments\": [{\"commentHex\": \"ab\"}],\n  \"commenters\": []\n}"))
        .contains(ImportFormat.COMMENTO);
    assertThat(detect("{\"version\":1,\"users\":[],\"posts\":[{\"url\":\"https://b.example/a\"}]}\n{\"id\":\"1\"}"))
        .contains(ImportFormat.REMARK42);
    assertThat(detect("  [{\"id\": \"/post/\", \"comments\": []}]")).contains(ImportFormat.ISSO);
  }

  @Test
  void detect_unknown() {
    assertThat(detect("just some notes")).isEmpty();
    assertThat(detect("<rss version=\"2.0\"><channel><title>a feed</title>")).isEmpty();
    assertThat(detect("<html><body>")).isEmpty();
    assertThat(detect("")).isEmpty();
    assertThat(detect("{\"name\": \"a package.json\"}")).isEmpty();
  }
}
