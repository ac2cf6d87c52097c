DROP TABLE status_updates;
DROP TABLE meetings;
DROP TABLE interests;
DROP TABLE action_item_jpas;
DROP TABLE action_items;
DROP TABLE work_plans;
ALTER TABLE users DROP COLUMN organisation;
