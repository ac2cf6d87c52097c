//! Monthly reminders: the rules (`rules`, pure), the mail texts (`render`) and the pass
//! (`pass`) that loads the facts of every active JPA and queues what is due into the
//! outbox under unique dedupe keys.

pub mod pass;
pub mod render;
pub mod rules;
