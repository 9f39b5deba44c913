package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.internal.Footprint;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Sends a response's {@linkplain HeaderBlock preset header lines} through a container's own API when the
 * servlet runs in one it knows (embedded Jetty 12, ee10), where the Servlet API's {@code addHeader} makes a
 * header object, looks its name up and encodes it again on every request: the container's form is made once
 * per block and added as it is. Anywhere else (another container, Jetty's web-app class loader hiding its
 * server classes, a response wrapped by a filter) {@link #add} answers {@code false} and the caller uses
 * {@code addHeader}, which must give the same response.
 */
public abstract class ContainerHeaders {
  /**
   * The header object a block's container form holds for a line of its own (its {@code ETag}: a header
   * constant, the block's own name and value strings, a hash): an object of three references and an int.
   * Constant lines share one pre-encoded field per distinct line instead.
   */
  static final long FIELD_BYTES = Footprint.object(3, 4);

  /**
   * The rest of a block's container form: a holder of two references, and the body's length as a header
   * object (three references, a hash, the number) with its decimal string of at most ten digits.
   */
  static final long FORM_BYTES = Footprint.object(2, 0) + Footprint.object(3, 12) + Footprint.string("1234567890");

  private static final @Nullable ContainerHeaders FOUND = find();

  ContainerHeaders() {}

  /**
   * Whether a line of this name gets a header object of its own in a block's container form: an {@code
   * ETag}, whose value differs from block to block. Every other preset line is a constant, shared by every
   * block that sends it.
   *
   * @param name the line's header name
   * @return whether it is counted in a block's weight
   */
  static boolean ownLine(String name) {
    return name.equalsIgnoreCase("ETag");
  }

  /**
   * The container-specific path for the container this class was loaded beside, looked for once.
   *
   * @return the path, or {@code null} when the container is not one Talkback knows or its classes are hidden
   */
  public static @Nullable ContainerHeaders found() {
    return FOUND;
  }

  /** Looks for the container-specific path ({@link #found} keeps what it finds). */
  static @Nullable ContainerHeaders find() {
    ClassLoader loader = ContainerHeaders.class.getClassLoader();
    try {
      Class.forName("org.eclipse.jetty.ee10.servlet.ServletApiResponse", false, loader);
      Class.forName("org.eclipse.jetty.http.PreEncodedHttpField", false, loader);
      return JettyHeaders.create();
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return null; // not embedded Jetty 12 ee10, or a version whose API differs: the Servlet API it is
    }
  }

  /**
   * Makes the block's container form, for bodies of {@code bodyLength} bytes, and keeps it in the block: done
   * when the block is made, so that the memory it takes is there when the cache weighs the block.
   *
   * @param block the block
   * @param bodyLength the length of every body sent with it
   */
  abstract void prepare(HeaderBlock block, int bodyLength);

  /**
   * Adds the response's headers and its body's length ({@code Content-Length}) if the headers are one
   * unchanged preset block {@linkplain #prepare prepared} for this body's length, the body is held (not
   * streamed), and {@code resp} is the container's own response (not a wrapper or a subclass, whose {@code
   * addHeader} must see every header), not committed.
   *
   * @param resp the servlet response, before it is committed
   * @param r the response to send
   * @return whether the headers and length were set; if not, nothing was, and the caller sets them one by one
   */
  public abstract boolean add(HttpServletResponse resp, Response r);
}
