package dev.talkback.comments.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletApiResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * {@link ContainerHeaders} for embedded Jetty 12 (ee10). Each block becomes Jetty header fields once:
 * constant lines as pre-encoded fields (their bytes written as they are), shared by every block; an {@code
 * ETag} as a field over the block's own string, its header known without a lookup; the body's length as a
 * number field. They are added to the response's headers as {@code addHeader} and {@code setContentLength}
 * add their own (in Jetty 12.0 {@code addHeader} is {@code getResponse().getHeaders().add(name, value)} and
 * {@code setContentLength(n)} is {@code put} of a length field, through a wrapper that handles {@code
 * Content-Type} and {@code Content-Length}), so the response is the same. Loaded only when {@link
 * ContainerHeaders#find} finds Jetty's classes.
 */
final class JettyHeaders extends ContainerHeaders {
  /** At most this many distinct constant lines are kept; a block's lines beyond it are encoded for it alone. */
  private static final int MAX_SHARED = 256;
  private final ConcurrentHashMap<String, HttpField> shared = new ConcurrentHashMap<>();

  private JettyHeaders() {}

  /**
   * The path, after checking that this Jetty has the API it uses.
   *
   * @throws LinkageError or {@link NoSuchMethodException} wrapped in an {@link IllegalStateException} if not
   */
  static JettyHeaders create() {
    try {
      ServletApiResponse.class.getMethod("getResponse");
      HttpFields.Mutable.class.getMethod("add", HttpField.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    JettyHeaders h = new JettyHeaders();
    h.prepare(new HeaderBlock(new String[] {"ETag", "\"x\"", "Vary", "Origin"}), 1);
    return h;
  }

  /** A block's fields and its body's length, as Jetty sends them. */
  static final class Form {
    final HttpField[] fields;
    final HttpField length;

    Form(HttpField[] fields, HttpField length) {
      this.fields = fields;
      this.length = length;
    }
  }

  @Override
  public boolean add(HttpServletResponse resp, Response r) {
    HeaderBlock block = r.presetHeaders();
    if (block == null || r.streamed() != null || resp.getClass() != ServletApiResponse.class
        || !(block.containerForm() instanceof Form form) || form.length.getLongValue() != r.body().length
        || resp.isCommitted()) {
      return false;
    }
    HttpFields.Mutable headers = ((ServletApiResponse) resp).getResponse().getHeaders();
    // the length first, as the servlet sets it first: put compares it with every field already there, and
    // Jetty looks it up again from the first field when the body is written
    headers.put(form.length);
    for (HttpField field : form.fields) {
      headers.add(field);
    }
    return true;
  }

  @Override
  void prepare(HeaderBlock block, int bodyLength) {
    String[] lines = block.lines();
    HttpField[] fields = new HttpField[lines.length / 2];
    for (int i = 0; i < fields.length; i++) {
      String name = lines[2 * i];
      String value = lines[2 * i + 1];
      if (ownLine(name)) {
        fields[i] = new HttpField(HttpHeader.ETAG, name, value);
      } else {
        String key = name + '\n' + value;
        HttpField f = shared.get(key);
        if (f == null) {
          f = new PreEncodedHttpField(name, value);
          if (shared.size() < MAX_SHARED) {
            shared.putIfAbsent(key, f);
          }
        }
        fields[i] = f;
      }
    }
    HttpField length = bodyLength == 0 ? HttpFields.CONTENT_LENGTH_0
        : new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, bodyLength);
    block.containerForm(new Form(fields, length));
  }
}
