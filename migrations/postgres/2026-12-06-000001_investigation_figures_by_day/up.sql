-- Investigations are counted by the day, like milestones and outcomes, so that progress
-- as of any day reads figures and never the raw rows (see src/db/figures.rs):
--   investigation: month = opened day, month2 = closed day (YYYY-MM-DD; '' if none)
-- The fold derives from them running totals by month and from the first of each month
-- to each of its days, with the status each investigation had then. The base figures
-- are counted again from the raw rows (the changes not yet folded are already in them).
-- Stop every instance of the older version first: its writes would record month keys.
DELETE FROM progress_figures WHERE fact = 'investigation';
DELETE FROM progress_figure_changes WHERE fact = 'investigation';
-- The fold derives every JPA's rows again, with the new running totals: investigations',
-- outcomes by day for all agencies together, milestones not cancelled by due day.
DELETE FROM progress_figures_derived;

INSERT INTO progress_figures (jpa_id, fact, agency_id, month, month2, status, detail, n, total)
SELECT i.jpa_id, 'investigation', i.lead_agency_id, to_char(i.opened_on, 'YYYY-MM-DD'),
    COALESCE(to_char(i.closed_on, 'YYYY-MM-DD'), ''), i.status,
    (CASE WHEN i.people_smuggling THEN '1' ELSE '0' END)
      || (CASE WHEN i.trafficking_in_persons THEN '1' ELSE '0' END)
      || (CASE WHEN EXISTS (SELECT 1 FROM investigation_partners p
              JOIN agencies pa ON pa.id = p.agency_id JOIN agencies la ON la.id = i.lead_agency_id
              WHERE p.investigation_id = i.id AND pa.country <> la.country) THEN '1' ELSE '0' END),
    COUNT(*), 0
FROM investigations i GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- Milestones achieved, by due day: what progress takes off the milestones due in a window
-- of days (the due day running totals count them while not cancelled).
CREATE INDEX progress_figures_achieved_idx ON progress_figures (jpa_id, month)
    WHERE fact = 'milestone' AND status = 'achieved';
