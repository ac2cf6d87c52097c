-- Each user reads pages and mails in a language of their own (issue 16). Existing users
-- get the language of their agency's country where one language fits, else English.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
UPDATE users SET locale = CASE (SELECT a.country FROM agencies a WHERE a.id = users.agency_id)
    WHEN 'ID' THEN 'id' WHEN 'TH' THEN 'th' WHEN 'VN' THEN 'vi'
    WHEN 'MY' THEN 'ms' WHEN 'BN' THEN 'ms' WHEN 'CN' THEN 'zh-Hans'
    ELSE 'en' END;
