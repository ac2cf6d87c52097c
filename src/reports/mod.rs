//! What the co-chairs read: progress figures, CSV exports and the compendium.

pub mod compendium;
pub mod csv_export;
pub mod progress;
