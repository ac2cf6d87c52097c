-- The working group's forward work plan, its members' interest, its annual meetings and
-- the status of each action item at each meeting (issue 17). Observers belong to an
-- international organisation, which is how they register interest.
ALTER TABLE users ADD COLUMN organisation TEXT;

CREATE TABLE work_plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    objectives TEXT NOT NULL,
    -- [{"number": n, "text": "..."}], numbers unique within the plan.
    priorities TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX work_plans_created_idx ON work_plans (created_at, id);

CREATE TABLE action_items (
    id TEXT PRIMARY KEY,
    work_plan_id TEXT NOT NULL REFERENCES work_plans (id),
    number TEXT NOT NULL,
    text TEXT NOT NULL,
    -- [n, ...]: numbers of the plan's priorities this item serves.
    priority_numbers TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX action_items_number_key ON action_items (work_plan_id, number);
CREATE INDEX action_items_created_idx ON action_items (work_plan_id, created_at, id);

-- The JPAs (exercises included) that deliver an action item.
CREATE TABLE action_item_jpas (
    action_item_id TEXT NOT NULL REFERENCES action_items (id),
    jpa_id TEXT NOT NULL REFERENCES jpas (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (action_item_id, jpa_id)
);
CREATE INDEX action_item_jpas_jpa_idx ON action_item_jpas (jpa_id);

-- A member's interest to lead or support an action item. A member is a country
-- (member_kind 'country', ISO code) or an international organisation.
CREATE TABLE interests (
    id TEXT PRIMARY KEY,
    action_item_id TEXT NOT NULL REFERENCES action_items (id),
    member_kind TEXT NOT NULL,
    member TEXT NOT NULL,
    role TEXT NOT NULL,
    recorded_on DATE NOT NULL,
    note TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX interests_member_key ON interests (action_item_id, member_kind, member);
CREATE INDEX interests_created_idx ON interests (action_item_id, created_at, id);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    work_plan_id TEXT NOT NULL REFERENCES work_plans (id),
    held_on DATE NOT NULL,
    place TEXT NOT NULL,
    held BOOLEAN NOT NULL,
    -- The meeting's table as it stood when the meeting was marked held (JSON): what was
    -- tabled then, whatever is recorded later.
    tabled TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX meetings_day_key ON meetings (work_plan_id, held_on);
CREATE INDEX meetings_created_idx ON meetings (work_plan_id, created_at, id);

-- Status updates are never changed: a correction is a new row with a reason.
CREATE TABLE status_updates (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    action_item_id TEXT NOT NULL REFERENCES action_items (id),
    status TEXT NOT NULL,
    timeframe TEXT,
    note TEXT NOT NULL,
    reason TEXT,
    correction BOOLEAN NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX status_updates_meeting_idx ON status_updates (meeting_id, created_at, id);
CREATE INDEX status_updates_item_idx ON status_updates (action_item_id, created_at);
