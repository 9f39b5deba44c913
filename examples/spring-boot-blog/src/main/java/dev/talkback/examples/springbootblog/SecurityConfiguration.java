package dev.talkback.examples.springbootblog;

import dev.talkback.comments.spring.TalkbackRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security for the blog: pages are public, form login for readers and the editor. Talkback's paths are
 * open to everyone and exempt from Spring Security's CSRF token, because Talkback defends its own
 * state-changing requests (allowed origins for the widget's JSON posts, a signed token in the no-JS form);
 * who is logged in and who moderates still come from Spring Security (docs/spring-boot.md). The host's own
 * forms (the login form) keep Spring Security's CSRF token.
 *
 * <p>{@code blog.talkback-csrf-exempt=false} shows what happens without the exemption: Spring Security refuses
 * the widget's posts with 403, and the widget tells the reader that the blog's own security refused the
 * request before it reached the comment server (BlogBrowserTest checks both).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
  @Bean
  SecurityFilterChain security(HttpSecurity http,
      @Value("${blog.talkback-csrf-exempt:true}") boolean exemptTalkback) throws Exception {
    return http
        .authorizeHttpRequests(a -> a
            .requestMatchers(TalkbackRequest.toTalkback()).permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator/**").hasRole("ADMIN")
            .anyRequest().permitAll())
        .csrf(c -> {
          if (exemptTalkback) {
            c.ignoringRequestMatchers(TalkbackRequest.toTalkback());
          }
        })
        .formLogin(Customizer.withDefaults())
        .httpBasic(Customizer.withDefaults()) // for the editor's curl to /actuator/metrics
        .build();
  }

  /** Two demo accounts; a real blog has its own user store. Passwords in the clear only for the demo. */
  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("reader").password("{noop}reader").roles("USER").build(),
        User.withUsername("editor").password("{noop}editor").roles("USER", "ADMIN").build());
  }
}
