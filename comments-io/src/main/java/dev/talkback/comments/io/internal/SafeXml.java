package dev.talkback.comments.io.internal;

import dev.talkback.comments.io.ImportException;
import dev.talkback.comments.io.ImportProblem;
import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * StAX with every door shut: no DTDs (a document type declaration is refused outright, so neither external
 * entities nor entity-expansion bombs can happen), no external entities, no entity replacement; and the
 * helpers the XML parsers share. The parser is Woodstox, made here by its own factory class (neither the
 * JDK's {@code XMLInputFactory.newFactory()} lookup nor a host's choice of StAX implementation plays a part):
 * it read the Disqus export in about half the JDK parser's time, which was the import's critical path.
 */
public final class SafeXml {
  /** The most text one element may hold (16 MB of characters): more is refused, not buffered. */
  static final int MAX_TEXT = 16 << 20;

  private static final XMLInputFactory FACTORY = factory();

  private SafeXml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = woodstox();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setXMLResolver((publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external entities are refused: " + systemId);
    });
    // no entity is ever expanded (the DTD that would declare one is refused), but keep Woodstox's own
    // limits tight as a second wall
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L); // its least
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    return f;
  }

  /**
   * Woodstox's factory, by its class name: named in the source, its class's OSGi annotation (whose jar is not
   * on the class path) makes javac warn, which the build treats as an error.
   */
  private static XMLInputFactory woodstox() {
    try {
      return Class.forName("com.ctc.wstx.stax.WstxInputFactory").asSubclass(XMLInputFactory.class)
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Woodstox (com.fasterxml.woodstox:woodstox-core) is not on the class path", e);
    }
  }

  /**
   * A reader of {@code in}.
   *
   * @param in the stream to read
   * @return the reader
   */
  public static XMLStreamReader open(InputStream in) {
    try {
      return FACTORY.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw error(null, e);
    }
  }

  /**
   * The next event; a DTD or an entity reference is refused.
   *
   * @param r the reader
   * @return the event's type
   */
  public static int next(XMLStreamReader r) {
    try {
      int e = r.next();
      if (e == XMLStreamConstants.DTD) {
        throw at(r, "the file has a document type declaration (DTD); DTDs are refused, so that no entity can be"
            + " expanded and no external file or URL read", null);
      }
      if (e == XMLStreamConstants.ENTITY_REFERENCE) {
        throw at(r, "the file refers to the entity '" + r.getLocalName() + "', which is not one of XML's own;"
            + " entities are refused", null);
      }
      return e;
    } catch (XMLStreamException e) {
      throw error(null, e); // an error without a position (bad UTF-8) was found ahead of the reader: no guess
    } catch (WstxLazyException e) {
      throw lazy(r, e);
    }
  }

  /**
   * Appends the text of the current text event. Woodstox reads text lazily, so a file cut inside a character or
   * a byte that is not UTF-8 shows here, as an unchecked exception of its own: it becomes an
   * {@link ImportException} at the reader's position.
   */
  private static void appendText(XMLStreamReader r, StringBuilder text) {
    try {
      if (text.length() + r.getTextLength() > MAX_TEXT) {
        throw at(r, "an element holds more than " + MAX_TEXT + " characters of text", null);
      }
      text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
    } catch (WstxLazyException e) {
      throw lazy(r, e);
    }
  }

  /** A lazy error belongs to the current event's text: the reader's position is where it is. */
  private static ImportException lazy(XMLStreamReader r, WstxLazyException e) {
    return e.getCause() instanceof XMLStreamException x ? error(r, x) : at(r, "malformed XML: " + e.getMessage(), e);
  }

  /**
   * Moves to the root element, refusing a DTD before it.
   *
   * @param r the reader
   */
  public static void toRoot(XMLStreamReader r) {
    if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
      return;
    }
    while (next(r) != XMLStreamConstants.START_ELEMENT) {
      if (r.getEventType() == XMLStreamConstants.END_DOCUMENT) {
        throw at(r, "the file has no root element", null);
      }
    }
  }

  /**
   * Reads the current element's whole subtree into a flat map: each leaf's text under its path of local
   * names below the element ({@code "author/name"}), each attribute under {@code "path@name"} ({@code
   * "thread@id"}; the element's own under {@code "@name"}). A repeated path keeps the last value. Leaves
   * the reader on the element's end tag.
   *
   * @param r the reader
   * @return the values by path
   */
  public static Map<String, String> flatten(XMLStreamReader r) {
    Map<String, String> values = new HashMap<>(64); // a Disqus post has about twenty paths: no resizing
    attributes(r, "", values);
    StringBuilder text = new StringBuilder();
    StringBuilder path = new StringBuilder();
    int depth = 0;
    while (true) {
      int e = next(r);
      switch (e) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (path.length() > 0) {
            path.append('/');
          }
          path.append(r.getLocalName());
          if (r.getAttributeCount() > 0) {
            attributes(r, path.toString(), values);
          }
          text.setLength(0);
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          appendText(r, text);
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (depth == 0) {
            values.put("", text.toString());
            return values;
          }
          values.put(path.toString(), text.toString());
          text.setLength(0);
          int slash = path.lastIndexOf("/");
          path.setLength(Math.max(slash, 0));
          depth--;
        }
        case XMLStreamConstants.END_DOCUMENT -> throw at(r, "the file ends inside an element: it is truncated", null);
        default -> {
          // comments, processing instructions
        }
      }
    }
  }

  /**
   * Skips the current element's subtree, leaving the reader on its end tag.
   *
   * @param r the reader
   */
  public static void skip(XMLStreamReader r) {
    int depth = 0;
    while (true) {
      int e = next(r);
      if (e == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        if (depth == 0) {
          return;
        }
        depth--;
      } else if (e == XMLStreamConstants.END_DOCUMENT) {
        throw at(r, "the file ends inside an element: it is truncated", null);
      }
    }
  }

  private static void attributes(XMLStreamReader r, String path, Map<String, String> values) {
    for (int i = 0; i < r.getAttributeCount(); i++) {
      values.put(path + "@" + r.getAttributeLocalName(i), r.getAttributeValue(i));
    }
  }

  /**
   * Reports the control characters that {@code filter} read as spaces, if any, as one problem.
   *
   * @param filter the filter the file was read through
   * @param sink where the problem goes
   */
  public static void reportControlChars(ControlCharFilter filter, RecordSink sink) {
    long n = filter.replaced();
    if (n > 0) {
      sink.problem(new ImportProblem(0, 0, "", "the file holds " + n + " control characters, which XML forbids"
          + " (WordPress exports comment text as stored): each was read as a space"));
    }
  }

  /**
   * An error at the reader's position.
   *
   * @param r the reader
   * @param message what is wrong
   * @param cause the cause, or null
   * @return the import error
   */
  public static ImportException at(XMLStreamReader r, String message, @Nullable Throwable cause) {
    Location l = r.getLocation();
    return new ImportException(l == null ? 0 : l.getLineNumber(), l == null ? 0 : l.getColumnNumber(), message,
        cause);
  }

  /**
   * A parser error, with its position: the exception's own, else the reader's if given (an I/O error such as a
   * byte that is not UTF-8 carries none; Woodstox's message then gives the character offset).
   *
   * @param r the reader whose position the error is at, or null
   * @param e the parser's exception
   * @return the import error
   */
  public static ImportException error(@Nullable XMLStreamReader r, XMLStreamException e) {
    Location l = e.getLocation();
    if (l == null && r != null) {
      l = r.getLocation();
    }
    String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
    // Woodstox appends "\n at [row,col {unknown-source}]: [l,c]" (the JDK prefixes "ParseError at
    // [row,col]:[l,c]\nMessage: "); keep the message, the position is ours
    int m = message.indexOf("Message: ");
    if (m >= 0) {
      message = message.substring(m + "Message: ".length());
    }
    int at = message.indexOf("\n at [row,col");
    if (at >= 0) {
      message = message.substring(0, at);
    }
    return new ImportException(l == null ? 0 : l.getLineNumber(), l == null ? 0 : l.getColumnNumber(),
        "malformed XML: " + message, e);
  }
}
