/**
 * The text pipeline of a comment: normalize, render (plain text, Markdown, HTML), sanitize with the OWASP
 * policies of {@link dev.talkback.comments.internal.text.HtmlPolicies}, post-process with jsoup; and the
 * validation of author fields. {@link dev.talkback.comments.internal.text.TextPipeline} is the entry point.
 * Not API: public for Talkback's own modules and benchmarks only.
 */
@NullMarked
package dev.talkback.comments.internal.text;

import org.jspecify.annotations.NullMarked;
