-- Browser sessions are rows of `sessions` like API sessions, so revocation, the absolute
-- and idle limits, sign-out, password change or reset and deactivation end both alike.
-- A browser carries an opaque cookie whose hash is kept here; `last_seen_at` is the idle
-- clock of a browser session (an API session's is its refresh token's age).
ALTER TABLE sessions ADD COLUMN cookie_hash TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMP;
CREATE UNIQUE INDEX sessions_cookie_hash_key ON sessions (cookie_hash);
