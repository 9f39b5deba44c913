/** The text pipeline: normalize, render, sanitize, post-process. Not API. */
@NullMarked
package dev.talkback.comments.internal.text;

import org.jspecify.annotations.NullMarked;
