/**
 * A host application (one article page with Talkback's no-JS comments included server-side) whose tests
 * run it on the in-memory store and break the store to check the page still works.
 */
@NullMarked
package dev.talkback.examples.memorystore;

import org.jspecify.annotations.NullMarked;
