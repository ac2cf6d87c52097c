//! The integration suite: the real server over HTTP, a fresh database per test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod helpers;
mod logs;
mod metrics;
mod mfa;
mod operations;
mod processes;
mod smtp;

mod accounts;
mod agencies;
mod audit;
mod authorization;
mod concurrency;
mod database;
mod demo;
mod details;
mod email;
mod errors;
mod health;
mod reminders;
mod reports;
mod rest;
mod returns;
mod scenario;
mod tokens;
mod web;
mod web_admin;
mod web_dashboard;
mod web_i18n;
mod web_investigations;
mod web_plans;
mod web_returns;
mod web_work;
mod work_plans;
