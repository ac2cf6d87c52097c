-- Back to counting investigations by the month.
DROP INDEX progress_figures_achieved_idx;
DELETE FROM progress_figures WHERE fact IN ('outcome_day_all', 'milestone_due_cum');
DELETE FROM progress_figures WHERE fact IN ('investigation', 'investigation_cum', 'investigation_day_cum');
DELETE FROM progress_figure_changes WHERE fact = 'investigation';
DELETE FROM progress_figures_derived;

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
