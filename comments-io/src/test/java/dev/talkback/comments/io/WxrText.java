package dev.talkback.comments.io;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Builds small WXR files for tests, in the shape WordPress's {@code export_wp()} writes (wp-admin/includes/export.php):
 * an {@code <rss>} root declaring the {@code wp} namespace, a {@code <channel>}, {@code <item>}s with their
 * {@code <wp:comment>}s.
 */
final class WxrText {
  static final String WP_12 = "http://wordpress.org/export/1.2/";

  private final StringBuilder items = new StringBuilder();
  private String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";
  private String namespace = WP_12;

  static WxrText wxr() {
    return new WxrText();
  }

  WxrText declaration(String xmlDeclaration) {
    this.declaration = xmlDeclaration;
    return this;
  }

  WxrText namespace(String wpNamespace) {
    this.namespace = wpNamespace;
    return this;
  }

  /** An item: {@code fields} are its elements as WordPress writes them, {@code comments} its {@code <wp:comment>}s. */
  WxrText item(String fields, String... comments) {
    items.append("\t<item>\n\t\t").append(fields).append('\n');
    for (String c : comments) {
      items.append("\t\t").append(c).append('\n');
    }
    items.append("\t</item>\n");
    return this;
  }

  /** A published post's fields. */
  static String post(String title, String link, int postId) {
    return "<title><![CDATA[" + title + "]]></title><link>" + link + "</link><wp:post_id>" + postId
        + "</wp:post_id><wp:post_date_gmt><![CDATA[2020-01-01 09:00:00]]></wp:post_date_gmt>"
        + "<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>";
  }

  /** A comment as WordPress writes it: approved, type empty, at a fixed time unless the caller's fields say otherwise. */
  static Comment comment(String id) {
    return new Comment(id);
  }

  /** One {@code <wp:comment>}, field by field. */
  static final class Comment {
    private final String id;
    private String parent = "0";
    private String approved = "1";
    private String type = "";
    private String author = "Ann";
    private String date = "2020-01-02 10:00:00";
    private String dateGmt = "2020-01-02 09:00:00";
    private String content = "Hello.";

    Comment(String id) {
      this.id = id;
    }

    Comment parent(String p) {
      this.parent = p;
      return this;
    }

    Comment approved(String a) {
      this.approved = a;
      return this;
    }

    Comment type(String t) {
      this.type = t;
      return this;
    }

    Comment author(String a) {
      this.author = a;
      return this;
    }

    Comment dates(String local, String gmt) {
      this.date = local;
      this.dateGmt = gmt;
      return this;
    }

    Comment content(String c) {
      this.content = c;
      return this;
    }

    @Override
    public String toString() {
      return "<wp:comment><wp:comment_id>" + id + "</wp:comment_id>"
          + "<wp:comment_author><![CDATA[" + author + "]]></wp:comment_author>"
          + "<wp:comment_author_email><![CDATA[]]></wp:comment_author_email>"
          + "<wp:comment_author_url></wp:comment_author_url>"
          + "<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>"
          + "<wp:comment_date><![CDATA[" + date + "]]></wp:comment_date>"
          + "<wp:comment_date_gmt><![CDATA[" + dateGmt + "]]></wp:comment_date_gmt>"
          + "<wp:comment_content><![CDATA[" + content + "]]></wp:comment_content>"
          + "<wp:comment_approved><![CDATA[" + approved + "]]></wp:comment_approved>"
          + "<wp:comment_type><![CDATA[" + type + "]]></wp:comment_type>"
          + "<wp:comment_parent>" + parent + "</wp:comment_parent>"
          + "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>";
    }
  }

  String text() {
    return declaration + "<rss version=\"2.0\"\n\txmlns:excerpt=\"" + namespace + "excerpt/\"\n"
        + "\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
        + "\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\txmlns:wp=\"" + namespace + "\"\n>\n<channel>\n"
        + "\t<title>Test blog</title>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n" + items + "</channel>\n</rss>\n";
  }

  InputStream stream() {
    return stream(StandardCharsets.UTF_8);
  }

  InputStream stream(Charset charset) {
    return new ByteArrayInputStream(text().getBytes(charset));
  }
}
