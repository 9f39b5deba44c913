package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.CommentKind;
import dev.talkback.comments.io.ExportFormat;
import dev.talkback.comments.io.Exporter;
import dev.talkback.comments.io.ImportFormat;
import dev.talkback.comments.io.ImportProblem;
import dev.talkback.comments.io.ImportProgress;
import dev.talkback.comments.io.ImportReport;
import dev.talkback.comments.io.ThreadKeyMapping;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The moderation page's import and export, at {@code /admin/import}: upload a file (a plain
 * {@code multipart/form-data} form, no script), which is checked in the background by a dry run (counts per
 * status, kind and thread, problems with their lines), then imported on the moderator's word; and download
 * the site's export ({@code /admin/export}, Talkback JSON lines or WXR), streamed from the store as it is
 * read. While a job runs the page reloads itself every two seconds ({@code <meta http-equiv="refresh">},
 * which needs no script); the job is kept on the server by site ({@link ImportJobs}), so a reload, another
 * tab or a later visit shows it again. Same rules as {@link AdminPage}: moderators only, a CSRF token bound
 * to the admin cookie in every form, posts only from the page's own origin.
 */
final class ImportPage {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final int PROBLEMS_SHOWN = 100;
  private static final int HEAD_BYTES = 64 * 1024;

  private final CommentsAccess access;
  private final ImportJobs jobs;
  private final AdminShell shell;

  ImportPage(Settings settings, CommentsAccess access, Secrets secrets, Assets assets, Guard guard, ImportJobs jobs) {
    this.access = access;
    this.jobs = jobs;
    this.shell = new AdminShell(settings, secrets, assets, guard, false);
  }

  /** {@code GET /admin/import}: the site's latest job, the upload form and the export links. */
  Response show(Caller caller) {
    Messages msg = Messages.forRequest(caller);
    if (!caller.moderator()) {
      return denied(caller, msg);
    }
    Request req = caller.request();
    SiteId site = caller.site();
    AdminShell.Token token = shell.token(req);
    String csrf = token.csrf();
    Optional<ImportJobs.Job> latest = jobs.latest(site);
    // one reading of the job's state for the whole page: it may finish while the page is written, and a page
    // that shows it done must not reload itself (nor one that shows it running lack the reload)
    ImportJobs.@Nullable State state = latest.map(job -> job.state).orElse(null);
    boolean running = state == ImportJobs.State.CHECKING || state == ImportJobs.State.IMPORTING;
    String base = req.mountPath() + "/admin";
    String siteParam = "site=" + enc(site.value());
    Response r = page(caller, msg, 200, msg.get("admin.import.title"), running, w -> {
      w.tag("p").tag("a").attr("href", base + "?" + siteParam).text(msg.get("admin.backToModeration")).end().end();
      w.tag("section").attr("aria-labelledby", "import").tag("h2").attr("id", "import")
          .text(msg.get("admin.import.heading")).end();
      latest.ifPresent(job -> job(w, msg, job, java.util.Objects.requireNonNull(state), base + "/import/" + job.id
          + "?" + siteParam, csrf));
      if (!running) {
        uploadForm(w, msg, base + "/import?" + siteParam, csrf, latest.isPresent());
      }
      w.end();
      w.tag("section").attr("aria-labelledby", "export").tag("h2").attr("id", "export")
          .text(msg.get("admin.import.exportHeading")).end();
      w.element("p", msg.get("admin.import.exportText"));
      w.tag("ul");
      w.tag("li").tag("a").attr("href", base + "/export?" + siteParam + "&format=talkback")
          .text(msg.get("admin.import.downloadTalkback")).end().text(" " + msg.get("admin.import.downloadTalkbackNote"))
          .end();
      w.tag("li").tag("a").attr("href", base + "/export?" + siteParam + "&format=wxr")
          .text(msg.get("admin.import.downloadWxr")).end().text(" " + msg.get("admin.import.downloadWxrNote")).end();
      w.end();
      linkBaseForm(w, msg, base + "/export", site);
      w.end();
    });
    return token.set(req, r);
  }

  /**
   * The WXR export with the site's address, from which the link of a thread whose URL was never saved is made:
   * Disqus wants every item's link to be the page's URL. A GET form: it changes nothing.
   */
  private static void linkBaseForm(HtmlWriter w, Messages msg, String action, SiteId site) {
    w.tag("form").attr("method", "get").attr("action", action);
    w.tag("input").attr("type", "hidden").attr("name", "site").attr("value", site.value());
    w.tag("input").attr("type", "hidden").attr("name", "format").attr("value", "wxr");
    w.tag("p").tag("label").attr("for", "f-link-base").text(msg.get("admin.import.linkBase")).end().text(" ")
        .tag("input").attr("id", "f-link-base").attr("type", "url").attr("name", "linkBase")
        .attr("placeholder", "https://blog.example/").attr("size", 40).text(" ");
    w.tag("button").attr("class", "btn").text(msg.get("admin.import.downloadWxrLinked")).end().end();
    w.end();
  }

  private void job(HtmlWriter w, Messages msg, ImportJobs.Job job, ImportJobs.State state, String action,
      String csrf) {
    w.tag("div").attr("class", "job").attr("id", "job").attr("data-state", state.name().toLowerCase(Locale.ROOT));
    w.tag("p").text(msg.get("admin.import.file") + " ").tag("strong").text(job.filename).end().text(", "
        + msg.format("admin.import.fileFacts", number(msg, job.bytes), job.format.id(), TIME.format(job.uploaded)))
        .end();
    switch (state) {
      case CHECKING, IMPORTING -> {
        long done = job.done;
        long total = job.total;
        String what = msg.get(state == ImportJobs.State.CHECKING ? "admin.import.dryRun" : "admin.import.importing");
        String phase = msg.get(job.phase == ImportProgress.Phase.READING ? "admin.import.phase.reading"
            : state == ImportJobs.State.CHECKING ? "admin.import.phase.checking" : "admin.import.phase.storing");
        String count = total > 0
            ? msg.format("admin.import.countOf", number(msg, done), number(msg, total), done * 100 / total)
            : msg.format("admin.import.countSoFar", number(msg, done));
        w.tag("p").attr("role", "status").attr("id", "progress-text")
            .text(msg.format("admin.import.progress", what, phase, count)).end();
        w.tag("progress").attr("id", "progress").attr("max", Math.max(total, 1)).attr("value", total > 0 ? done : 0)
            .text(count).end();
        w.element("p", msg.get("admin.import.refreshNote"));
      }
      case CHECKED -> {
        ImportReport report = job.checked;
        w.tag("p").attr("role", "status").attr("id", "progress-text").text(msg.get("admin.import.checked")).end();
        if (report != null) {
          report(w, msg, report);
          w.tag("form").attr("method", "post").attr("action", action);
          w.tag("input").attr("type", "hidden").attr("name", "csrf").attr("value", csrf);
          w.tag("button").attr("name", "action").attr("value", "import").attr("class", "btn btn-approve")
              .text(msg.format("admin.import.importButton", number(msg, report.comments()))).end().text(" ");
          w.tag("button").attr("name", "action").attr("value", "discard").attr("class", "btn")
              .text(msg.get("admin.import.discard")).end();
          w.end();
        }
      }
      case DONE -> {
        ImportReport report = job.imported;
        w.tag("p").attr("role", "status").attr("id", "progress-text").attr("class", "notice")
            .text(report == null ? msg.get("admin.import.done") : msg.format("admin.import.doneCounts",
                number(msg, report.created()), number(msg, report.existing())))
            .end();
        if (report != null) {
          report(w, msg, report);
        }
      }
      case FAILED -> {
        w.tag("p").attr("role", "alert").attr("id", "progress-text").attr("class", "error")
            .text(msg.format(job.imported == null && job.checked == null ? "admin.import.refused"
                : "admin.import.failed", String.valueOf(job.error))).end();
      }
    }
    w.end();
  }

  private static void report(HtmlWriter w, Messages msg, ImportReport report) {
    w.tag("table").attr("class", "report").element("caption", msg.get(report.dryRun() ? "admin.import.report.dryRun"
        : "admin.import.report.imported")).tag("tbody");
    row(w, msg, msg.get("admin.import.report.comments"), report.comments());
    row(w, msg, msg.get("admin.import.report.threads"), report.threads());
    for (Map.Entry<CommentStatus, Long> e : report.byStatus().entrySet()) {
      row(w, msg, "  " + msg.get("admin.status." + e.getKey().name().toLowerCase(Locale.ROOT)), e.getValue());
    }
    row(w, msg, msg.get("admin.import.report.pingbacks"), report.byKind().getOrDefault(CommentKind.PINGBACK, 0L));
    row(w, msg, msg.get("admin.import.report.trackbacks"), report.byKind().getOrDefault(CommentKind.TRACKBACK, 0L));
    row(w, msg, msg.get("admin.import.report.orphans"), report.orphans());
    row(w, msg, msg.get("admin.import.report.skipped"), report.skipped());
    row(w, msg, msg.get("admin.import.report.problems"), report.problemCount());
    w.end().end();
    List<ImportProblem> problems = report.problems();
    if (!problems.isEmpty()) {
      w.tag("details").attr("id", "problems").element("summary", problems.size() < report.problemCount()
          ? msg.format("admin.import.problems.first", Math.min(PROBLEMS_SHOWN, problems.size()))
          : msg.get("admin.import.problems"));
      w.tag("ul");
      for (ImportProblem p : problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size()))) {
        // the problem's own sentence comes from the importer, in English
        String where = p.line() <= 0 ? "" : (p.column() > 0
            ? msg.format("admin.import.problem.lineColumn", p.line(), p.column())
            : msg.format("admin.import.problem.line", p.line())) + ": ";
        String record = p.recordId().isEmpty() ? "" : msg.format("admin.import.problem.record", p.recordId()) + ": ";
        w.element("li", where + record + p.message());
      }
      w.end().end();
    }
  }

  private static void row(HtmlWriter w, Messages msg, String label, long n) {
    w.tag("tr").tag("th").attr("scope", "row").text(label).end().element("td", number(msg, n)).end();
  }

  /** A count with the language's grouping ({@code 1,234}; German {@code 1.234}). */
  private static String number(Messages msg, long n) {
    return String.format(msg.locale(), "%,d", n);
  }

  private void uploadForm(HtmlWriter w, Messages msg, String action, String csrf, boolean another) {
    w.tag("form").attr("method", "post").attr("action", action).attr("enctype", "multipart/form-data");
    // the token first: the server reads it before it stores a byte of the file
    w.tag("input").attr("type", "hidden").attr("name", "csrf").attr("value", csrf);
    w.tag("fieldset").element("legend", msg.get(another ? "admin.import.upload.another" : "admin.import.upload.first"));
    w.tag("p").tag("label").attr("for", "f-format").text(msg.get("admin.import.upload.format")).end().text(" ")
        .tag("select").attr("id", "f-format").attr("name", "format");
    w.tag("option").attr("value", "auto").flag("selected", true).text(msg.get("admin.import.upload.detect")).end();
    for (ImportFormat f : ImportFormat.values()) {
      w.tag("option").attr("value", f.id()).text(msg.get("admin.import.format." + f.id())).end();
    }
    w.end().end();
    w.tag("p").tag("label").attr("for", "f-file").text(msg.get("admin.import.upload.file")).end().text(" ")
        .tag("input").attr("id", "f-file").attr("type", "file").attr("name", "file").flag("required", true)
        .text(" " + msg.format("admin.import.upload.limit", ImportJobs.megabytes(jobs.maxBytes()))).end();
    w.tag("p").tag("label").attr("for", "f-map").text(msg.get("admin.import.upload.map")).end().tag("br")
        .tag("textarea").attr("id", "f-map").attr("name", "map").attr("rows", 3).attr("cols", 60).end().end();
    w.tag("p").tag("label").tag("input").attr("type", "checkbox").attr("name", "strip").attr("value", "yes")
        .text(" " + msg.get("admin.import.upload.strip")).end().end();
    w.tag("p").element("small", msg.get("admin.import.upload.note")).end();
    w.tag("button").attr("class", "btn").text(msg.get("admin.import.upload.submit")).end();
    w.end().end();
  }

  /** {@code POST /admin/import}: the upload; starts the dry run and redirects to the page. */
  Response upload(Caller caller) {
    if (!caller.moderator()) {
      return denied(caller);
    }
    try {
      Request req = caller.request();
      checkOrigin(caller);
      SiteId site = caller.site();
      jobs.refuseIfBusy(site);
      String declared = req.header("Content-Length");
      if (declared != null) {
        try {
          if (Long.parseLong(declared.trim()) > jobs.maxBytes() + 64 * 1024) {
            throw ImportJobs.tooLarge(jobs.maxBytes());
          }
        } catch (NumberFormatException e) {
          throw new HttpProblem(400, "bad_request", "Bad request", "the Content-Length header is not a number");
        }
      }
      String boundary = MultipartUpload.boundary(req.header("Content-Type"));
      String cookie = req.cookie(AdminShell.CSRF_COOKIE);
      Path file = jobs.newUpload();
      boolean started = false;
      try {
        MultipartUpload.Form form;
        try (InputStream in = req.body()) {
          form = MultipartUpload.read(in, boundary, jobs.maxBytes() + 64 * 1024, (fields, name, filename) -> {
            checkCsrf(cookie, fields.get("csrf"));
            if (!name.equals("file")) {
              throw new HttpProblem(400, "bad_multipart", "Bad upload", "the file must come in the field 'file'");
            }
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
          });
        } catch (IOException e) {
          throw new HttpProblem(400, "bad_request", "Bad request",
              "the upload could not be read completely (was it interrupted?); send it again");
        }
        checkCsrf(cookie, form.fields().get("csrf"));
        String filename = form.filename();
        if (filename == null) {
          throw new HttpProblem(400, "file_missing", "No file", "choose a file to upload");
        }
        if (form.fileBytes() > jobs.maxBytes()) {
          throw ImportJobs.tooLarge(jobs.maxBytes());
        }
        if (form.fileBytes() == 0) {
          throw new HttpProblem(400, "file_empty", "Empty file", "the file " + filename + " is empty");
        }
        ImportFormat format = format(form.fields().getOrDefault("format", "auto"), file, filename);
        ThreadKeyMapping keys = keys(form.fields().getOrDefault("map", ""), "yes".equals(form.fields().get("strip")));
        jobs.check(site, format, shortName(filename), form.fileBytes(), file, keys);
        started = true;
      } finally {
        if (!started) {
          Files.deleteIfExists(file);
        }
      }
      return Response.status(303).header("Location", req.mountPath() + "/admin/import?site=" + enc(site.value()))
          .header("Cache-Control", "no-store");
    } catch (HttpProblem e) {
      return problemPage(caller, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code POST /admin/import/{id}}: import the checked file, or discard it. */
  Response act(Caller caller, String id) {
    if (!caller.moderator()) {
      return denied(caller);
    }
    try {
      Request req = caller.request();
      Params f = shell.form(caller, "import");
      checkCsrf(req.cookie(AdminShell.CSRF_COOKIE), f.get("csrf"));
      switch (f.get("action", "")) {
        case "import" -> jobs.start(caller.site(), id);
        case "discard" -> jobs.discard(caller.site(), id);
        default -> throw new HttpProblem(400, "invalid_action", "Unknown action", "action must be import or discard");
      }
      return Response.status(303).header("Location", req.mountPath() + "/admin/import?site="
          + enc(caller.site().value())).header("Cache-Control", "no-store");
    } catch (HttpProblem e) {
      return problemPage(caller, e);
    }
  }

  /**
   * {@code GET /admin/export?format=talkback|wxr[&linkBase=URL]}: the site's export, streamed as the store is
   * read; a WXR export with {@code linkBase} makes the link of a thread without a saved URL from it.
   */
  Response export(Caller caller) {
    if (!caller.moderator()) {
      return denied(caller);
    }
    String f = caller.query().get("format", "talkback");
    ExportFormat format = switch (f) {
      case "talkback" -> ExportFormat.TALKBACK;
      case "wxr" -> ExportFormat.WXR;
      default -> throw new HttpProblem(400, "invalid_format", "Unknown export format", "format must be talkback or wxr");
    };
    SiteId site = caller.site();
    // a store that cannot be reached is answered 503 now, while the status can still say so
    access.comments().moderation().exportReader().siteComments(site, null, 1);
    Exporter.Builder builder = Exporter.builder(access.comments().moderation().exportReader()).site(site)
        .clock(access.clock());
    String linkBase = caller.query().get("linkBase", "").strip();
    if (format == ExportFormat.WXR && !linkBase.isEmpty()) {
      try {
        builder.linkBase(linkBase);
      } catch (IllegalArgumentException e) {
        // typed into the page's form: answered with the page, which says what to fix and links back
        return problemPage(caller, new HttpProblem(400, "invalid_link_base", "Invalid site address",
            String.valueOf(e.getMessage())));
      }
    }
    Exporter exporter = builder.build();
    String name = site.value().replaceAll("[^A-Za-z0-9._-]", "_") + "-comments-"
        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(access.clock().instant())
        + (format == ExportFormat.TALKBACK ? ".jsonl" : ".xml");
    return Response.streamed(200, format == ExportFormat.TALKBACK ? "application/x-ndjson; charset=utf-8"
        : "application/xml; charset=utf-8", out -> {
          // the exporter buffers nothing of its own beyond a page of comments: flushed to the client as it goes
          OutputStream buffered = new BufferedOutputStream(out, 1 << 15);
          exporter.export(format, buffered);
          buffered.flush();
        })
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("Cache-Control", "no-store");
  }

  private void checkOrigin(Caller caller) {
    shell.checkOrigin(caller, "import");
  }

  private void checkCsrf(@Nullable String cookie, @Nullable String csrf) {
    shell.checkToken(cookie, csrf, "import");
  }

  private static ImportFormat format(String chosen, Path file, String filename) throws IOException {
    if (!chosen.equals("auto")) {
      for (ImportFormat f : ImportFormat.values()) {
        if (f.id().equals(chosen)) {
          return f;
        }
      }
      throw new HttpProblem(400, "invalid_format", "Unknown format",
          "format must be auto, talkback, disqus, wxr, commento, isso or remark42");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    return ImportFormat.detect(head).orElseThrow(() -> new HttpProblem(400, "format_unknown", "Unknown format",
        "could not tell the format of " + shortName(filename) + " from its start; choose the format"));
  }

  private static ThreadKeyMapping keys(String rules, boolean strip) {
    ThreadKeyMapping.Builder b = ThreadKeyMapping.builder().stripTrailingSlash(strip);
    int n = 0;
    for (String line : rules.lines().toList()) {
      String l = line.strip();
      n++;
      if (l.isEmpty()) {
        continue;
      }
      int eq = l.lastIndexOf('=');
      if (eq <= 0) {
        throw new HttpProblem(400, "invalid_map", "Bad thread key rule", "line " + n
            + " of the thread key rules needs FROM=TO, such as https://old.example/blog/=posts/");
      }
      try {
        b.rule(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new HttpProblem(400, "invalid_map", "Bad thread key rule", "line " + n + " of the thread key rules: "
            + e.getMessage());
      }
    }
    return b.build();
  }

  /** A browser's file name without a path (old browsers send one), at most 200 characters. */
  private static String shortName(String filename) {
    String s = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    return s.length() > 200 ? s.substring(0, 200) : s.isEmpty() ? "upload" : s;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Response problemPage(Caller caller, HttpProblem e) {
    Messages msg = Messages.forRequest(caller);
    Response r = page(caller, msg, e.status(), e.title(), false, w -> {
      w.tag("p").attr("role", "alert").attr("class", "error").attr("id", "problem")
          .text(String.valueOf(e.getMessage())).end();
      w.tag("p").tag("a").attr("href", caller.request().mountPath() + "/admin/import?site="
          + enc(caller.site().value())).text(msg.get("admin.import.backToImport")).end().end();
    }).header("X-Talkback-Error", e.code());
    if (e.status() == 413 || e.status() == 409) {
      r.header("Connection", "close");
    }
    return r;
  }

  private Response denied(Caller caller) {
    return denied(caller, Messages.forRequest(caller));
  }

  private Response denied(Caller caller, Messages msg) {
    return shell.denied(caller, msg);
  }

  private Response page(Caller caller, Messages msg, int status, String title, boolean refresh,
      Consumer<HtmlWriter> body) {
    return shell.page(caller, msg.lang(), status, title, refresh, body);
  }

}
