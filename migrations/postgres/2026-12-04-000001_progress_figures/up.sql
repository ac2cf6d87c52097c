-- Progress figures maintained with every write (see src/db/figures.rs): one row per
-- JPA x fact x agency x month x second month x status x detail, holding how many facts
-- (n) and the sum of their values (total, outcomes only).
--   investigation: agency = lead, month = opened, month2 = closed ('' if not),
--                  detail = people smuggling, trafficking in persons, cross-border as
--                  three 0/1 digits
--   milestone:     agency = responsible, month = due day (YYYY-MM-DD), month2 = achieved
--                  month ('' if not)
--   outcome:       agency = lead, month = occurred, detail = indicator, total = values
-- Writes append to progress_figure_changes (no contention between writers); a fold
-- moves the changes into progress_figures. Readers sum both.
CREATE TABLE progress_figures (
    jpa_id TEXT NOT NULL,
    fact TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    month TEXT NOT NULL,
    month2 TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL,
    n BIGINT NOT NULL,
    total BIGINT NOT NULL,
    PRIMARY KEY (jpa_id, fact, agency_id, month, month2, status, detail)
);
CREATE TABLE progress_figure_changes (
    jpa_id TEXT NOT NULL,
    fact TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    month TEXT NOT NULL,
    month2 TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL,
    n BIGINT NOT NULL,
    total BIGINT NOT NULL
);
CREATE INDEX progress_figure_changes_jpa_idx ON progress_figure_changes (jpa_id, fact);
CREATE INDEX progress_figures_month_idx ON progress_figures (jpa_id, fact, month);
-- Rows the fold derives from these (outcome_month: outcomes of all agencies by month;
-- outcome_cum: each agency's running outcome totals by month from start_month to
-- end_month;
-- milestone_month: milestones by due month): which JPAs have them, up to which month.
-- Built by the service on its first fold after this migration.
CREATE TABLE progress_figures_derived (
    jpa_id TEXT PRIMARY KEY,
    start_month TEXT NOT NULL,
    end_month TEXT NOT NULL
);

-- The month a figure is counted in is read from the rows for the one month an as_of
-- day falls in; these find them by day.
CREATE INDEX investigations_opened_idx ON investigations (jpa_id, opened_on);
CREATE INDEX investigations_closed_idx ON investigations (jpa_id, closed_on);
CREATE INDEX milestones_due_on_idx ON milestones (due_on);
CREATE INDEX milestones_achieved_idx ON milestones (achieved_on);
CREATE INDEX outcomes_occurred_idx ON outcomes (occurred_on);

-- The figures of the data already there.
INSERT INTO progress_figures (jpa_id, fact, agency_id, month, month2, status, detail, n, total)
SELECT i.jpa_id, 'investigation', i.lead_agency_id, to_char(i.opened_on, 'YYYY-MM'),
    COALESCE(to_char(i.closed_on, 'YYYY-MM'), ''), i.status,
    (CASE WHEN i.people_smuggling THEN '1' ELSE '0' END)
      || (CASE WHEN i.trafficking_in_persons THEN '1' ELSE '0' END)
      || (CASE WHEN EXISTS (SELECT 1 FROM investigation_partners p
              JOIN agencies pa ON pa.id = p.agency_id JOIN agencies la ON la.id = i.lead_agency_id
              WHERE p.investigation_id = i.id AND pa.country <> la.country) THEN '1' ELSE '0' END),
    COUNT(*), 0
FROM investigations i GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO progress_figures (jpa_id, fact, agency_id, month, month2, status, detail, n, total)
SELECT i.jpa_id, 'milestone', m.responsible_agency_id, to_char(m.due_on, 'YYYY-MM-DD'),
    CASE WHEN m.status = 'achieved' AND m.achieved_on IS NOT NULL THEN to_char(m.achieved_on, 'YYYY-MM') ELSE '' END,
    m.status, '', COUNT(*), 0
FROM milestones m JOIN investigations i ON i.id = m.investigation_id GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO progress_figures (jpa_id, fact, agency_id, month, month2, status, detail, n, total)
SELECT i.jpa_id, 'outcome', o.lead_agency_id, to_char(o.occurred_on, 'YYYY-MM'), '', o.status, o.indicator,
    COUNT(*), SUM(o.value)
FROM outcomes o JOIN investigations i ON i.id = o.investigation_id GROUP BY 1, 2, 3, 4, 5, 6, 7;
