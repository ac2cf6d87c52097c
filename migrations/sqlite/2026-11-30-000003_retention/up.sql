-- Indexes for the retention purge (expired sessions, spent tokens, old sent mail).
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_revoked_idx ON sessions (revoked_at);
CREATE INDEX one_time_tokens_expires_idx ON one_time_tokens (expires_at);
CREATE INDEX one_time_tokens_used_idx ON one_time_tokens (used_at);
CREATE INDEX email_outbox_sent_idx ON email_outbox (sent_at);
