-- The JPA itself: operations, participation, investigations (partners, links),
-- milestones, the outcome ledger with its revisions, and monthly returns.

CREATE TABLE jpas (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    status TEXT NOT NULL,
    is_exercise BOOLEAN NOT NULL,
    report_due_day INTEGER NOT NULL,
    reminder_days_before INTEGER NOT NULL,
    timezone TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX jpas_code_key ON jpas (code);
CREATE INDEX jpas_created_idx ON jpas (created_at, id);

CREATE TABLE participations (
    jpa_id TEXT NOT NULL REFERENCES jpas (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    joined_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (jpa_id, agency_id)
);
CREATE INDEX participations_agency_idx ON participations (agency_id);

CREATE TABLE investigations (
    id TEXT PRIMARY KEY,
    jpa_id TEXT NOT NULL REFERENCES jpas (id),
    lead_agency_id TEXT NOT NULL REFERENCES agencies (id),
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    people_smuggling BOOLEAN NOT NULL,
    trafficking_in_persons BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    opened_on DATE NOT NULL,
    closed_on DATE,
    route_legs TEXT NOT NULL,
    modus_operandi TEXT NOT NULL,
    sensitivity TEXT NOT NULL,
    trafficking_indicators TEXT NOT NULL,
    include_in_compendium BOOLEAN NOT NULL,
    compendium TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX investigations_jpa_idx ON investigations (jpa_id, created_at, id);
CREATE INDEX investigations_lead_idx ON investigations (lead_agency_id, jpa_id);
CREATE INDEX investigations_status_idx ON investigations (jpa_id, status);

CREATE TABLE investigation_partners (
    investigation_id TEXT NOT NULL REFERENCES investigations (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (investigation_id, agency_id)
);
CREATE INDEX investigation_partners_agency_idx ON investigation_partners (agency_id, investigation_id);

-- Undirected: stored once with investigation_a < investigation_b.
CREATE TABLE investigation_links (
    investigation_a TEXT NOT NULL REFERENCES investigations (id),
    investigation_b TEXT NOT NULL REFERENCES investigations (id),
    relation TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (investigation_a, investigation_b)
);
CREATE INDEX investigation_links_b_idx ON investigation_links (investigation_b);

CREATE TABLE milestones (
    id TEXT PRIMARY KEY,
    investigation_id TEXT NOT NULL REFERENCES investigations (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    responsible_agency_id TEXT NOT NULL REFERENCES agencies (id),
    due_on DATE NOT NULL,
    status TEXT NOT NULL,
    achieved_on DATE,
    notes TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX milestones_investigation_idx ON milestones (investigation_id, created_at, id);
CREATE INDEX milestones_due_idx ON milestones (status, due_on);

CREATE TABLE outcomes (
    id TEXT PRIMARY KEY,
    investigation_id TEXT NOT NULL REFERENCES investigations (id),
    indicator TEXT NOT NULL,
    value BIGINT NOT NULL,
    occurred_on DATE NOT NULL,
    lead_agency_id TEXT NOT NULL REFERENCES agencies (id),
    status TEXT NOT NULL,
    notes TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX outcomes_investigation_idx ON outcomes (investigation_id, created_at, id);
CREATE INDEX outcomes_indicator_idx ON outcomes (indicator, occurred_on);

CREATE TABLE outcome_contributors (
    outcome_id TEXT NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (outcome_id, agency_id)
);

CREATE TABLE outcome_revisions (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    previous_value BIGINT NOT NULL,
    new_value BIGINT NOT NULL,
    reason TEXT NOT NULL,
    revised_by TEXT REFERENCES users (id),
    revised_at TIMESTAMP NOT NULL
);
CREATE INDEX outcome_revisions_outcome_idx ON outcome_revisions (outcome_id, revised_at);

CREATE TABLE monthly_returns (
    id TEXT PRIMARY KEY,
    jpa_id TEXT NOT NULL REFERENCES jpas (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    period TEXT NOT NULL,
    narrative TEXT NOT NULL,
    nil_return BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    submitted_at TIMESTAMP,
    submitted_by TEXT REFERENCES users (id),
    on_time BOOLEAN,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX monthly_returns_key ON monthly_returns (jpa_id, agency_id, period);
CREATE INDEX monthly_returns_period_idx ON monthly_returns (jpa_id, period);
