/** The parsers, spool and writers behind {@link dev.talkback.comments.io.Importer} and
 * {@link dev.talkback.comments.io.Exporter}. Not API. */
@NullMarked
package dev.talkback.comments.io.internal;

import org.jspecify.annotations.NullMarked;
