//! `jpa-coord`: settings, telemetry, then the command.

use clap::Parser;

fn main() -> std::process::ExitCode {
    jpa_coord::memory::limit_arenas();
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> std::process::ExitCode {
    let cli = jpa_coord::cli::Cli::parse();
    let settings = match jpa_coord::config::Settings::load(&cli.config_dir) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("jpa-coord: {e:#}");
            return std::process::ExitCode::FAILURE;
        }
    };
    jpa_coord::telemetry::init(&settings.log, settings.is_production());
    match jpa_coord::cli::run(cli, settings).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jpa-coord: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
