-- What GET /jpas/{id}/investigations?limit=50 runs for a co-chair: the page, then the
-- partners of its rows (the caller and JPA checks are one primary-key lookup each).
SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.revoked_at IS NULL LIMIT 1;
SELECT id FROM jpas WHERE id = :jpa;
SELECT * FROM investigations WHERE jpa_id = :jpa ORDER BY created_at DESC, id DESC LIMIT 50;
SELECT p.investigation_id, p.agency_id
  FROM (SELECT id FROM investigations WHERE jpa_id = :jpa ORDER BY created_at DESC, id DESC LIMIT 50) i
  JOIN investigation_partners p ON p.investigation_id = i.id ORDER BY 1, 2;
