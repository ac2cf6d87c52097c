-- Milestones' achievements and outcomes are counted by the day, so that progress as of
-- any day, not only a month's end, reads figures (see src/db/figures.rs):
--   milestone: month = due day, month2 = achieved day (YYYY-MM-DD; '' if not achieved)
--   outcome:   month = occurred day (YYYY-MM-DD)
-- The base figures of both are counted again from the raw rows (the changes not yet
-- folded are already in them). Stop every instance of the older version first: its
-- writes would record month keys.
DELETE FROM progress_figures WHERE fact <> 'investigation';
DELETE FROM progress_figure_changes WHERE fact <> 'investigation';
-- The fold derives every JPA's rows again (with the day running totals).
DELETE FROM progress_figures_derived;

INSERT INTO progress_figures (jpa_id, fact, agency_id, month, month2, status, detail, n, total)
SELECT i.jpa_id, 'milestone', m.responsible_agency_id, to_char(m.due_on, 'YYYY-MM-DD'),
    CASE WHEN m.status = 'achieved' AND m.achieved_on IS NOT NULL THEN to_char(m.achieved_on, 'YYYY-MM-DD') ELSE '' END,
    m.status, '', COUNT(*), 0
FROM milestones m JOIN investigations i ON i.id = m.investigation_id GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO progress_figures (jpa_id, fact, agency_id, month, month2, status, detail, n, total)
SELECT i.jpa_id, 'outcome', o.lead_agency_id, to_char(o.occurred_on, 'YYYY-MM-DD'), '', o.status, o.indicator,
    COUNT(*), SUM(o.value)
FROM outcomes o JOIN investigations i ON i.id = o.investigation_id GROUP BY 1, 2, 3, 4, 5, 6, 7;
