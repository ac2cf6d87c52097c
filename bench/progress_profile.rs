//! Times each statement of one progress computation: `cargo run --release --example
//! progress_profile -- <database url> <jpa code prefix> [as_of YYYY-MM-DD]`.
use std::time::Instant;

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::prelude::*;

struct Timer(Option<(Instant, String)>);

impl Instrumentation for Timer {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { query, .. } => {
                self.0 = Some((Instant::now(), query.to_string()));
            }
            InstrumentationEvent::FinishQuery { .. } => {
                if let Some((at, q)) = self.0.take() {
                    let q: String = q.split_whitespace().collect::<Vec<_>>().join(" ");
                    // PROFILE_FULL=1 prints whole statements (to EXPLAIN them).
                    let width = if std::env::var_os("PROFILE_FULL").is_some() {
                        q.len()
                    } else {
                        q.len().min(150)
                    };
                    println!(
                        "{:>8.2} ms  {}",
                        at.elapsed().as_secs_f64() * 1e3,
                        &q[..width]
                    );
                }
            }
            _ => {}
        }
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        anyhow::bail!(
            "usage: progress_profile <database url> <JPA code prefix> [as_of YYYY-MM-DD]"
        );
    }
    let pool = jpa_coord::db::build_pool(&args[1], 1, std::time::Duration::from_secs(5))?;
    let mut conn = pool.get()?;
    let (id, _): (String, String) = {
        use jpa_coord::db::schema::jpas::dsl;
        dsl::jpas
            .filter(dsl::code.like(format!("{}%", args[2])))
            .select((dsl::id, dsl::code))
            .first(&mut *conn)?
    };
    let jpa = jpa_coord::db::jpas::find(&mut conn, &id)?;
    let as_of = args
        .get(3)
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .transpose()?
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    // What `serve` does every second: fold the changes and derive the JPA's running totals.
    let started = Instant::now();
    let folded = jpa_coord::db::figures::fold(&mut conn).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    println!(
        "fold: {folded} changes in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    // PROFILE_ROUNDS=n computes n times (for perf), printing the statements of the first two.
    let rounds: usize = std::env::var("PROFILE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2);
    for round in 0..rounds {
        if round < 2 {
            conn.set_instrumentation(Timer(None));
        } else {
            conn.set_instrumentation(None::<Box<dyn Instrumentation>>);
        }
        let started = Instant::now();
        let doc = jpa_coord::reports::progress::compute(
            &mut conn,
            &jpa,
            serde_json::json!({}),
            as_of,
            false,
        )
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let json = serde_json::to_string(&doc)?;
        if round < 2 || round + 1 == rounds {
            println!(
                "round {round}: {:.1} ms, {} bytes",
                started.elapsed().as_secs_f64() * 1e3,
                json.len()
            );
        }
    }
    Ok(())
}
