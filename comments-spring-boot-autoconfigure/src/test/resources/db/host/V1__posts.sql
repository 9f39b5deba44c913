-- the host application's own first migration, run by Spring Boot's Flyway
CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL);
INSERT INTO posts (id, title) VALUES (1, 'Hello');
