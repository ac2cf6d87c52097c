//! jpa-coord: the coordination backend for a Joint Period of Action.
//! See docs/ARCHITECTURE.md for the map of modules.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod email;
pub mod error;
pub mod i18n;
pub mod memory;
pub mod middleware;
pub mod monitoring;
pub mod operations;
pub mod reminders;
pub mod reports;
pub mod routes;
pub mod schemas;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web;
