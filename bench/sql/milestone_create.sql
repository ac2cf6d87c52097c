-- What POST /investigations/{id}/milestones writes: the milestone and its audit row in
-- one transaction, after reading the caller, the investigation, its partners and JPA.
SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.revoked_at IS NULL LIMIT 1;
BEGIN;
SELECT * FROM investigations WHERE id = :inv;
SELECT agency_id FROM investigation_partners WHERE investigation_id = :inv;
SELECT * FROM jpas WHERE id = :jpa;
INSERT INTO milestones (id, investigation_id, kind, title, responsible_agency_id, due_on, status, notes, version, created_at, updated_at)
 VALUES (gen_random_uuid()::text, :inv, 'other', 'Benchmark step', :agency, '2026-12-24', 'planned', '', 1, now(), now());
INSERT INTO audit_events (id, at, actor_id, action, entity_type, entity_id, changes, request_id, client_addr)
 VALUES (gen_random_uuid()::text, now(), NULL, 'milestone.create', 'milestone', 'x', '{}', NULL, '127.0.0.1');
COMMIT;
