/** A Spring Boot blog with Talkback mounted by the starter. */
@NullMarked
package dev.talkback.examples.springbootblog;

import org.jspecify.annotations.NullMarked;
