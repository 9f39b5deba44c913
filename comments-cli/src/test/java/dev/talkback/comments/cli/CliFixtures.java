package dev.talkback.comments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small Disqus export and Isso file of the tests' own, and an H2 file database per test. */
final class CliFixtures {
  private CliFixtures() {}

  static final String DISQUS = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      + "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
      + "  <thread dsq:id=\"1\"><id>a</id><link>https://old.example/blog/a/</link><title>A</title>"
      + "<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n"
      + "  <post dsq:id=\"11\"><message><![CDATA[<p>first</p>]]></message><createdAt>2020-01-01T00:00:00Z</createdAt>"
      + "<isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>a@example.org</email><name>A</name></author>"
      + "<thread dsq:id=\"1\"/></post>\n"
      + "  <post dsq:id=\"12\"><message><![CDATA[<p>reply</p>]]></message><createdAt>2020-01-02T00:00:00Z</createdAt>"
      + "<isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>B</name></author>"
      + "<thread dsq:id=\"1\"/><parent dsq:id=\"11\"/></post>\n"
      + "  <post dsq:id=\"13\"><message>buy</message><createdAt>2020-01-03T00:00:00Z</createdAt>"
      + "<isDeleted>false</isDeleted><isSpam>true</isSpam><author><name>S</name></author>"
      + "<thread dsq:id=\"1\"/></post>\n"
      + "</disqus>\n";

  static final String ISSO = "[{\"id\": \"/blog/a/\", \"title\": \"A\", \"comments\": [\n"
      + "  {\"id\": \"1\", \"author\": \"A\", \"email\": \"a@example.org\", \"website\": \"\", \"remote_addr\": \"\","
      + " \"created\": \"2020-01-01 00:00:00\", \"text\": \"first\"},\n"
      + "  {\"id\": \"2\", \"author\": \"B\", \"email\": \"\", \"website\": \"\", \"remote_addr\": \"\","
      + " \"created\": \"2020-01-02 00:00:00\", \"text\": \"second\"}\n"
      + "]}]\n";

  static Path write(Path dir, String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String h2(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("talkback").toAbsolutePath() + ";AUTO_SERVER=FALSE";
  }
}
