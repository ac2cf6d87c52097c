DROP INDEX outcomes_occurred_idx;
DROP INDEX milestones_achieved_idx;
DROP INDEX milestones_due_on_idx;
DROP INDEX investigations_closed_idx;
DROP INDEX investigations_opened_idx;
DROP TABLE progress_figures_derived;
DROP TABLE progress_figure_changes;
DROP TABLE progress_figures;
