package dev.talkback.examples.springbootblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The blog's pages in MockMvc, with Spring Security on: the post page carries the thread's fragment rendered
 * by the starter's template helper, with the logged-in user from the SecurityContext.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:blog-pages;DB_CLOSE_DELAY=-1",
    "talkback.fallback.spool=target/blog-pages-test.spool", "talkback.moderation=none"})
class BlogPagesTest {
  @Autowired
  WebApplicationContext context;
  @Autowired
  Comments comments;
  MockMvc mvc;

  @BeforeEach
  void mvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
  }

  @Test
  void index_listsTheBlogsOwnPosts() throws Exception {
    mvc.perform(get("/")).andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Hello, world")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("/comments/assets/")));
  }

  @Test
  void post_hasTheFragmentWithCommentsAndForm() throws Exception {
    comments.post(NewComment.builder(ThreadKey.of("hello-world")).threadTitle("Hello, world")
        .author(Author.named("Grace")).text("A comment from the service").build());
    String html = mvc.perform(get("/posts/hello-world")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(html).contains("<h1>Hello, world</h1>")
        .contains("A comment from the service")
        .contains("<form class=\"tb-form\"").contains("action=\"/comments/form?")
        .contains("name=\"name\"") // anonymous: name, email and website fields
        .contains("data-thread=\"hello-world\"");
  }

  @Test
  void post_loggedIn_formKnowsTheUser() throws Exception {
    String html = mvc.perform(get("/posts/hello-world").with(user("ada").roles("USER")))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(html).contains("Commenting as ada").doesNotContain("name=\"name\"");
  }

  @Test
  void actuatorHealth_talkbackUpWithMode() throws Exception {
    String json = mvc.perform(get("/actuator/health/talkback")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(json).contains("\"status\":\"UP\"").contains("\"mode\":\"READ_WRITE\"").contains("\"spoolDepth\":0");
  }

  @Test
  void unknownPost_404() throws Exception {
    mvc.perform(get("/posts/nope")).andExpect(status().isNotFound());
  }
}
