/**
 * Import and export of comments: {@link dev.talkback.comments.io.Importer} reads Talkback's own JSON-lines
 * export, Disqus XML exports, WordPress WXR files, Commento and Isso JSON and Remark42 backups in constant
 * memory and stores them idempotently;
 * {@link dev.talkback.comments.io.Exporter} writes a site's comments as Talkback JSON lines (lossless) or
 * as WXR. See {@code docs/import-export.md}.
 */
@NullMarked
package dev.talkback.comments.io;

import org.jspecify.annotations.NullMarked;
