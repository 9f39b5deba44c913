package dev.talkback.comments.servlet.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletApiResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The yardstick for {@link BenchServer}: the same Jetty 12 (ee10), set up the same way, with a servlet that
 * does nothing but write a file's bytes from memory ({@code Content-Type}, {@code Content-Length}, the
 * bytes) at {@code /thread.json}, and the same with the comment servlet's response headers, sent the way it
 * sends them in Jetty, at {@code /thread-headers.json} (and mapped by prefix at {@code /plain/*}, as the
 * comment servlet is). What a servlet on
 * this JVM and container can do at best; {@code run.sh} runs it
 * beside the comment servlet and nginx. Usage: {@code PlainServer port file}.
 */
public final class PlainServer {
  private PlainServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    byte[] body = Files.readAllBytes(Path.of(args[1]));
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
      }
    }), "/thread.json");
    // the same, with the headers the comment servlet sends on a cached thread, added as it adds them in Jetty
    // (pre-encoded fields through Jetty's own header API, the length as a number field): what those headers cost
    HttpField[] fields = {
        new HttpField(HttpHeader.ETAG, "ETag", "\"JWYqGljTLa8qJu8dflcteg\""),
        new PreEncodedHttpField("Cache-Control", "no-cache"),
        new PreEncodedHttpField("Vary", "Origin, Accept-Encoding"),
        new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
        new PreEncodedHttpField("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
        new PreEncodedHttpField("Cross-Origin-Resource-Policy", "same-site")};
    HttpField length = new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, body.length);
    HttpServlet withHeaders = new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        HttpFields.Mutable h = ((ServletApiResponse) resp).getResponse().getHeaders();
        h.put(length);
        for (HttpField f : fields) {
          h.add(f);
        }
        resp.getOutputStream().write(body);
      }
    };
    context.addServlet(new ServletHolder(withHeaders), "/thread-headers.json");
    // and mapped as the comment servlet is, by prefix, asked with its path and query: what the mapping costs
    // (/plain/api/thread?thread=bench)
    context.addServlet(new ServletHolder(withHeaders), "/plain/*");
    server.setHandler(context);
    server.start();
    System.out.println("READY " + body.length + " bytes");
    server.join();
  }
}
