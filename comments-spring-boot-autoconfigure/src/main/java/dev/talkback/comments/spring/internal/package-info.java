/** The starter's implementation: not API. */
@NullMarked
package dev.talkback.comments.spring.internal;

import org.jspecify.annotations.NullMarked;
