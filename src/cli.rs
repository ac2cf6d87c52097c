//! The command line: `serve` (default), `migrate`, `user create`.

use std::io::BufRead;

use clap::{Parser, Subcommand};
use secrecy::SecretString;

use crate::config::Settings;
use crate::domain::Role;
use crate::startup::{migrate, open_db, Application};

#[derive(Debug, Parser)]
#[command(
    name = "jpa-coord",
    version,
    about = "Coordination backend for a Joint Period of Action"
)]
pub struct Cli {
    /// Folder holding default.toml and $JPA_ENV.toml.
    #[arg(long, global = true, default_value = "config", env = "JPA_CONFIG_DIR")]
    pub config_dir: std::path::PathBuf,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations, serve HTTP, run the outbox worker (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Load a demo exercise JPA (scale 1) or a large synthetic one; prints the logins.
    Demo {
        /// 1: about twelve agencies; N: N agencies, 200N investigations, 2,000N milestones, 4,000N outcomes.
        #[arg(long, default_value_t = 1)]
        scale: usize,
    },
    /// Compare the progress figures kept with each write to a count of the raw rows;
    /// prints every difference and exits 1 if there is one.
    Check,
    /// Reminder emails.
    Reminders {
        #[command(subcommand)]
        command: ReminderCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReminderCommand {
    /// One scheduler pass, then deliver what is due; prints the counts.
    Run {
        /// Run as if today were this date (YYYY-MM-DD).
        #[arg(long, value_parser = crate::domain::date::from_arg)]
        as_of: Option<chrono::NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is the first line of standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, co_chair, liaison or observer
        #[arg(long)]
        role: String,
        #[arg(long)]
        agency_id: Option<String>,
        /// Read the password from the first line of stdin (required).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// Runs the parsed command.
pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let mut app = Application::build(settings).await?;
            if let Some(password) = app.take_bootstrap_password() {
                use secrecy::ExposeSecret;
                let email = &app.state().settings.bootstrap.admin_email;
                println!(
                    "First start: created admin {email} with password: {}",
                    password.expose_secret()
                );
                println!(
                    "Sign in at {}/login and change it under \"Your account\". It is not shown again.",
                    app.state().settings.server.public_url.trim_end_matches('/')
                );
            }
            tracing::info!(port = app.port(), "listening");
            app.run_until_stopped().await?;
            Ok(())
        }
        Command::Migrate => {
            let db = open_db(&settings)?;
            actix_web::rt::task::spawn_blocking(move || migrate(&db)).await??;
            println!("migrations applied");
            Ok(())
        }
        Command::Check => {
            let db = open_db(&settings)?;
            let mismatches = actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<_> {
                let mut conn = db
                    .get()
                    .map_err(|_| anyhow::anyhow!("cannot connect to the database"))?;
                Ok(crate::db::figures::check(&mut conn)?)
            })
            .await??;
            if mismatches.is_empty() {
                println!("progress figures match the raw rows");
                return Ok(());
            }
            for m in &mismatches {
                println!("{m}");
            }
            anyhow::bail!(
                "{} progress figures differ from the raw rows",
                mismatches.len()
            )
        }
        Command::Demo { scale } => {
            if scale == 0 || scale > 1000 {
                anyhow::bail!("--scale must be from 1 to 1000");
            }
            let db = open_db(&settings)?;
            let started = std::time::Instant::now();
            let summary = actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<_> {
                migrate(&db)?;
                let mut conn = db
                    .get()
                    .map_err(|_| anyhow::anyhow!("cannot connect to the database"))?;
                crate::demo::load(&mut conn, scale, true).map_err(describe)
            })
            .await??;
            let [agencies, investigations, milestones, outcomes] = summary.counts;
            println!(
                "loaded exercise JPA {} in {:.1} s: {agencies} agencies, {investigations} investigations, {milestones} milestones, {outcomes} outcomes",
                summary.jpa_code,
                started.elapsed().as_secs_f64()
            );
            println!("demo logins (password for all: {}):", summary.password);
            let shown = if scale == 1 { summary.logins.len() } else { 5 };
            for (role, email) in summary.logins.iter().take(shown) {
                println!("  {role:<9} {email}");
            }
            if summary.logins.len() > shown {
                println!("  ... and {} more liaisons", summary.logins.len() - shown);
            }
            Ok(())
        }
        Command::Reminders {
            command: ReminderCommand::Run { as_of },
        } => {
            let (state, mailer) = crate::startup::build_state(settings).await?;
            let counts = state.run_reminder_pass(as_of).await.map_err(describe)?;
            println!(
                "queued: due_soon={} overdue={} digest={}",
                counts.due_soon, counts.overdue, counts.digest
            );
            let mut attempted = 0;
            loop {
                let n = crate::email::worker::deliver_due(&state, &mailer)
                    .await
                    .map_err(describe)?;
                if n == 0 {
                    break;
                }
                attempted += n;
            }
            println!("delivery attempts: {attempted}");
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    email,
                    name,
                    role,
                    agency_id,
                    password_stdin: _,
                },
        } => {
            let role = Role::parse(&role).ok_or_else(|| {
                anyhow::anyhow!("--role must be admin, co_chair, liaison or observer")
            })?;
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            let password = SecretString::from(line.trim_end_matches(['\r', '\n']).to_string());
            let db = open_db(&settings)?;
            let user = actix_web::rt::task::spawn_blocking(move || -> anyhow::Result<_> {
                migrate(&db)?;
                let mut conn = db
                    .get()
                    .map_err(|_| anyhow::anyhow!("cannot connect to the database"))?;
                crate::operations::accounts::create_with_password(
                    &mut conn,
                    crate::operations::accounts::NewAccount {
                        email: &email,
                        display_name: &name,
                        role,
                        agency_id,
                        locale: None,
                    },
                    &password,
                    "user.create_cli",
                )
                .map_err(describe)
            })
            .await??;
            println!("created user {} ({})", user.email, user.id);
            Ok(())
        }
    }
}

/// An `Error` in words for the terminal.
fn describe(e: crate::error::Error) -> anyhow::Error {
    use crate::error::Error;
    match e {
        Error::Invalid(errors) => anyhow::anyhow!(
            "{}",
            errors
                .iter()
                .map(|e| format!("{} {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Error::Conflict(detail) => anyhow::anyhow!("{detail}"),
        other => anyhow::anyhow!("{other}"),
    }
}
