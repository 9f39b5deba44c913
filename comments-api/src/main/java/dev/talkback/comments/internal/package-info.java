/** Implementation details of Talkback: public for its own modules, not API. May change in any release. */
@NullMarked
package dev.talkback.comments.internal;

import org.jspecify.annotations.NullMarked;
