-- the blog's own table, by the blog's own Flyway (Spring Boot's); Talkback keeps its tables and history apart
CREATE TABLE posts (
  slug VARCHAR(100) PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  body VARCHAR(4000) NOT NULL,
  published TIMESTAMP NOT NULL
);
INSERT INTO posts (slug, title, body, published) VALUES
  ('hello-world', 'Hello, world', 'The first post of this blog. Say hello below.', TIMESTAMP '2026-01-05 10:00:00'),
  ('read-only-mode', 'What happens when the database is down', 'Comments stay readable, and new ones wait in a spool.', TIMESTAMP '2026-02-10 10:00:00');
