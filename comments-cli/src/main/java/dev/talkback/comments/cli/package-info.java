/**
 * {@code talkback.jar}: the command line for importing and exporting comments ({@link
 * dev.talkback.comments.cli.TalkbackCli}). An application, not a library: nothing here is API.
 */
@NullMarked
package dev.talkback.comments.cli;

import org.jspecify.annotations.NullMarked;
