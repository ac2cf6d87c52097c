DROP INDEX email_outbox_sent_idx;
DROP INDEX one_time_tokens_used_idx;
DROP INDEX one_time_tokens_expires_idx;
DROP INDEX sessions_revoked_idx;
DROP INDEX sessions_expires_idx;
