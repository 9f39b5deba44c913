/**
 * Talkback for Spring Boot 3.5 and 4: {@link dev.talkback.comments.spring.TalkbackAutoConfiguration} mounts
 * the servlet at {@code talkback.path} with the JDBI store on the application's {@code DataSource}, configured
 * by {@link dev.talkback.comments.spring.TalkbackProperties}; {@link dev.talkback.comments.spring.TalkbackRequest}
 * matches Talkback's paths for Spring Security. Every bean can be replaced by one of the application's own.
 * See docs/spring-boot.md.
 */
@NullMarked
package dev.talkback.comments.spring;

import org.jspecify.annotations.NullMarked;
