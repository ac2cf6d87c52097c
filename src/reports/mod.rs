//! What the co-chairs read: progress figures, CSV exports and the compendium.

pub mod cache;
pub mod coalesce;
pub mod compendium;
pub mod csv_export;
pub mod meeting_table;
pub mod progress;
pub mod routes;
