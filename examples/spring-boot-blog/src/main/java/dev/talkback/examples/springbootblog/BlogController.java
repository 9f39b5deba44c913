package dev.talkback.examples.springbootblog;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The index and the post pages; the comments come from the template ({@code @talkback.thread(...)}). */
@Controller
public class BlogController {
  private final Posts posts;

  BlogController(Posts posts) {
    this.posts = posts;
  }

  @GetMapping("/")
  String index(Model model) {
    model.addAttribute("posts", posts.all());
    return "index";
  }

  @GetMapping("/posts/{slug}")
  String post(@PathVariable("slug") String slug, Model model) {
    model.addAttribute("post", posts.find(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return "post";
  }
}
