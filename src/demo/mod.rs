//! `jpa-coord demo`: a realistic exercise JPA (scale 1: twelve Asia-Pacific agencies) or
//! a large synthetic one for benchmarks (`--scale N`: N agencies, 200N investigations,
//! 2,000N milestones, 4,000N outcomes).
//!
//! The exercise (`exercise.rs`) is made through the operations, acting as the people of
//! the JPA, so it obeys every rule the API enforces. The synthetic JPA (below) is written
//! with batched multi-row inserts: at scale 50 the operations would take minutes, and
//! `bench/run.sh` only needs the volume.

mod exercise;
mod work_plan;

use chrono::{Datelike, Days, Months, NaiveDate};
use diesel::prelude::*;
use indicatif::{ProgressBar, ProgressStyle};
use secrecy::SecretString;

use crate::db::agencies::AgencyRow;
use crate::db::investigations::InvestigationRow;
use crate::db::jpas::JpaRow;
use crate::db::milestones::MilestoneRow;
use crate::db::outcomes::OutcomeRow;
use crate::db::returns::ReturnRow;
use crate::db::schema::{
    investigation_partners, investigations, milestones, monthly_returns, outcomes, participations,
    users,
};
use crate::db::users::UserRow;
use crate::db::{self, DbConnection};
use crate::domain::indicators::INDICATORS;
use crate::domain::period::periods_between;
use crate::domain::{MilestoneKind, ModusOperandi};
use crate::error::Error;

/// Rows per INSERT statement (PostgreSQL allows 65,535 bind parameters per statement).
const CHUNK: usize = 2000;

/// Inserts rows in multi-row statements on the concrete backend.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let mut n = 0usize;
        for chunk in $rows.chunks(CHUNK) {
            n += match $conn {
                DbConnection::Pg(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
        n
    }};
}

/// Name, country and kind of the exercise's agencies (the synthetic units reuse them).
const AGENCIES: &[(&str, &str, &str)] = &[
    ("Australian Federal Police", "AU", "police"),
    ("Royal Thai Police", "TH", "police"),
    ("Indonesian National Police", "ID", "police"),
    ("Philippine National Police", "PH", "police"),
    ("Royal Malaysia Police", "MY", "police"),
    ("Vietnam Immigration Department", "VN", "immigration"),
    ("Cambodian National Police", "KH", "police"),
    ("Sri Lanka Police", "LK", "police"),
    ("Bangladesh Police CID", "BD", "police"),
    ("Immigration New Zealand", "NZ", "immigration"),
    ("Lao Immigration Police", "LA", "border"),
    ("Federal Investigation Agency", "PK", "immigration"),
];

const PLACES: &[(&str, &str)] = &[
    ("BD", "Cox's Bazar"),
    ("MM", "Kawthaung"),
    ("TH", "Ranong"),
    ("MY", "Langkawi"),
    ("ID", "Kupang"),
    ("AU", "Ashmore Reef"),
    ("LK", "Negombo"),
    ("VN", "Ho Chi Minh City"),
    ("KH", "Sihanoukville"),
    ("LA", "Golden Triangle SEZ"),
    ("PH", "Tawi-Tawi"),
    ("NZ", "Auckland"),
    ("PK", "Karachi"),
];

const TITLES: &[&str] = &[
    "Boat departures from the southern coast",
    "Online recruitment into scam compounds",
    "Forged visas through a travel agency",
    "Fishing vessel crew exploitation",
    "Overland route through the border crossing",
    "Debt bondage in construction sites",
    "Air route with fraudulent passports",
    "Sea crossing facilitator network",
];

pub struct DemoSummary {
    pub jpa_code: String,
    pub logins: Vec<(String, String)>,
    pub password: String,
    pub counts: [usize; 4],
}

/// The progress bar of a load (hidden unless asked for).
fn bar(show_progress: bool, len: u64, what: &str) -> ProgressBar {
    let pb = if show_progress {
        ProgressBar::new(len)
    } else {
        ProgressBar::hidden()
    };
    pb.set_style(
        ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    pb.set_message(what.to_string());
    pb
}

/// The password every demo login shares (printed once by the CLI).
fn demo_password() -> Result<String, Error> {
    Ok(crate::auth::random_token()?[..20].to_string())
}

/// Loads the demo. `scale` 1 is the realistic exercise; larger ones are synthetic.
pub fn load(
    conn: &mut DbConnection,
    scale: usize,
    show_progress: bool,
) -> Result<DemoSummary, Error> {
    if scale <= 1 {
        exercise::load(conn, show_progress)
    } else {
        synthetic(conn, scale, show_progress)
    }
}

/// The synthetic JPA of `--scale N`, in one transaction of batched inserts.
fn synthetic(
    conn: &mut DbConnection,
    scale: usize,
    show_progress: bool,
) -> Result<DemoSummary, Error> {
    let mut rng = fastrand::Rng::with_seed(2026 + scale as u64);
    let now = db::now();
    let today = chrono::Utc::now().date_naive();
    let start =
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today) - Months::new(11);
    let end = crate::domain::period::default_end_date(start).unwrap_or(start);
    let code = format!("SYN-{scale}-{}", &db::new_id()[..8]);
    let password = demo_password()?;
    let hash = crate::auth::password::hash_blocking(&SecretString::from(password.clone()))?;
    let bar = |len: u64, what: &str| bar(show_progress, len, what);

    let n_agencies = scale;
    // Synthetic names carry the JPA's code (random), so they never meet existing ones.
    let agency_rows: Vec<AgencyRow> = (0..n_agencies)
        .map(|i| {
            let (name, country, kind) = AGENCIES[i % AGENCIES.len()];
            AgencyRow {
                id: db::new_id(),
                name: format!("{name} unit {i:03} ({code})"),
                country: country.to_string(),
                kind: kind.to_string(),
                contact_email: format!("jpa-desk{i}@agency{i}.demo.example"),
                version: 1,
                created_at: now,
                updated_at: now,
            }
        })
        .collect();
    let jpa = JpaRow {
        id: db::new_id(),
        code: code.clone(),
        name: format!("Synthetic JPA, scale {scale}"),
        description: "Simulated data: not real statistics.".into(),
        start_date: start,
        end_date: end,
        status: "active".into(),
        is_exercise: true,
        report_due_day: 10,
        reminder_days_before: 5,
        timezone: "Asia/Bangkok".into(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let tag = &jpa.id[..8];
    let mut logins = Vec::new();
    let mut user_rows = Vec::new();
    let mut user = |email: String, name: String, role: &str, agency: Option<String>| {
        user_rows.push(UserRow {
            id: db::new_id(),
            email: email.clone(),
            display_name: name,
            role: role.into(),
            locale: crate::domain::locale::FALLBACK.into(),
            organisation: None,
            agency_id: agency,
            active: true,
            password_hash: Some(hash.clone()),
            version: 1,
            created_at: now,
            updated_at: now,
        });
        logins.push((role.to_string(), email));
    };
    user(
        format!("co-chair-1.{tag}@wg.demo.example"),
        "Co-chair One".into(),
        "co_chair",
        None,
    );
    user(
        format!("co-chair-2.{tag}@wg.demo.example"),
        "Co-chair Two".into(),
        "co_chair",
        None,
    );
    user(
        format!("observer.{tag}@unodc.demo.example"),
        "UNODC observer".into(),
        "observer",
        None,
    );
    for (i, a) in agency_rows.iter().enumerate() {
        user(
            format!("liaison{i}.{tag}@agency.demo.example"),
            format!("Liaison of {}", a.name),
            "liaison",
            Some(a.id.clone()),
        );
    }

    let n_inv = 200 * scale;
    let mut inv_rows = Vec::with_capacity(n_inv);
    let mut partner_rows: Vec<(String, String)> = Vec::new();
    for i in 0..n_inv {
        let lead = rng.usize(..n_agencies);
        let mut partner = rng.usize(..n_agencies);
        if partner == lead {
            partner = (lead + 1) % n_agencies;
        }
        let opened = start + Days::new(rng.u64(0..150));
        let closed = (rng.u8(..4) == 0)
            .then(|| opened + Days::new(rng.u64(20..120)))
            .filter(|d| *d < today);
        let (from, to) = (
            PLACES[rng.usize(..PLACES.len())],
            PLACES[rng.usize(..PLACES.len())],
        );
        let legs = serde_json::json!([
            {"country": from.0, "place": from.1, "kind": "departure", "mode": "sea"},
            {"country": to.0, "place": to.1, "kind": "destination", "mode": if rng.bool() { "land" } else { "air" }},
        ]);
        let mo = ModusOperandi::ALL[rng.usize(..ModusOperandi::ALL.len())].as_str();
        let smuggling = rng.u8(..3) != 0;
        inv_rows.push(InvestigationRow {
            id: db::new_id(),
            jpa_id: jpa.id.clone(),
            lead_agency_id: agency_rows[lead].id.clone(),
            reference: format!("{}-{:05}", agency_rows[lead].country, i),
            title: TITLES[i % TITLES.len()].to_string(),
            summary: "Simulated case for the exercise.".into(),
            people_smuggling: smuggling,
            trafficking_in_persons: !smuggling || rng.u8(..4) == 0,
            status: if closed.is_some() { "closed".into() } else { "open".into() },
            opened_on: opened.min(today),
            closed_on: closed,
            route_legs: legs.to_string(),
            modus_operandi: serde_json::json!([mo]).to_string(),
            sensitivity: if rng.u8(..10) == 0 { "restricted".into() } else { "standard".into() },
            trafficking_indicators: "[]".into(),
            include_in_compendium: closed.is_some() && rng.bool(),
            compendium: closed.map(|_| serde_json::json!({"facts": "Facilitators recruited migrants through social media and moved them by boat.", "elements_of_success": "Early intelligence sharing between the lead and partner agencies.", "challenges": "Evidence held abroad; slow mutual legal assistance."}).to_string()),
            version: 1,
            created_at: now,
            updated_at: now,
        });
        partner_rows.push((inv_rows[i].id.clone(), agency_rows[partner].id.clone()));
    }

    let per_inv_ms = 10;
    let per_inv_out = 20;
    let mut ms_rows = Vec::with_capacity(n_inv * per_inv_ms);
    let mut out_rows = Vec::with_capacity(n_inv * per_inv_out);
    for (i, inv) in inv_rows.iter().enumerate() {
        let partner = &partner_rows[i].1;
        for k in 0..per_inv_ms {
            let due = inv.opened_on + Days::new(rng.u64(10..200));
            let achieved = due < today && rng.u8(..3) != 0;
            ms_rows.push(MilestoneRow {
                id: db::new_id(),
                investigation_id: inv.id.clone(),
                kind: MilestoneKind::ALL[k % MilestoneKind::ALL.len()]
                    .as_str()
                    .into(),
                title: format!("Step {} of the case plan", k + 1),
                responsible_agency_id: if k % 3 == 2 {
                    partner.clone()
                } else {
                    inv.lead_agency_id.clone()
                },
                due_on: due,
                status: if achieved {
                    "achieved".into()
                } else {
                    "planned".into()
                },
                achieved_on: achieved.then(|| due.min(today)),
                notes: String::new(),
                version: 1,
                created_at: now,
                updated_at: now,
            });
        }
        for k in 0..per_inv_out {
            out_rows.push(OutcomeRow {
                id: db::new_id(),
                investigation_id: inv.id.clone(),
                indicator: INDICATORS[rng.usize(..INDICATORS.len())].code.into(),
                value: rng.i64(0..12),
                occurred_on: (inv.opened_on + Days::new(rng.u64(0..150))).min(today),
                lead_agency_id: if k % 4 == 3 {
                    partner.clone()
                } else {
                    inv.lead_agency_id.clone()
                },
                status: if rng.bool() {
                    "confirmed".into()
                } else {
                    "provisional".into()
                },
                notes: String::new(),
                version: 1,
                created_at: now,
                updated_at: now,
            });
        }
    }

    let mut return_rows = Vec::new();
    for p in periods_between(start, end)
        .into_iter()
        .filter(|p| p.due_date(10) < today)
    {
        for a in &agency_rows {
            if rng.u8(..5) == 0 {
                continue;
            }
            let day = p.due_date(10) - Days::new(rng.u64(0..8))
                + Days::new(if rng.u8(..4) == 0 { 9 } else { 0 });
            let at = day.and_hms_opt(9, 0, 0).unwrap_or_default();
            return_rows.push(ReturnRow {
                id: db::new_id(),
                jpa_id: jpa.id.clone(),
                agency_id: a.id.clone(),
                period: p.to_string(),
                narrative: "Monthly activity summarised for the exercise.".into(),
                nil_return: rng.u8(..6) == 0,
                status: "submitted".into(),
                submitted_at: Some(at),
                submitted_by: None,
                on_time: Some(day <= p.due_date(10)),
                version: 1,
                created_at: now,
                updated_at: now,
            });
        }
    }

    let total =
        (agency_rows.len() + user_rows.len() + inv_rows.len() + ms_rows.len() + out_rows.len())
            as u64;
    let pb = bar(total, "rows");
    db::write_tx(conn, |conn| {
        for a in &agency_rows {
            crate::db::agencies::insert(conn, a)?;
        }
        pb.inc(agency_rows.len() as u64);
        crate::db::jpas::insert(conn, &jpa)?;
        let parts: Vec<_> = agency_rows
            .iter()
            .map(|a| {
                (
                    participations::jpa_id.eq(jpa.id.clone()),
                    participations::agency_id.eq(a.id.clone()),
                    participations::joined_on.eq(start),
                    participations::created_at.eq(now),
                )
            })
            .collect();
        insert_all!(conn, participations::table, &parts);
        insert_all!(conn, users::table, &user_rows);
        pb.inc(user_rows.len() as u64);
        for chunk in inv_rows.chunks(CHUNK) {
            insert_all!(conn, investigations::table, chunk);
            pb.inc(chunk.len() as u64);
        }
        let partners: Vec<_> = partner_rows
            .iter()
            .map(|(i, a)| {
                (
                    investigation_partners::investigation_id.eq(i.clone()),
                    investigation_partners::agency_id.eq(a.clone()),
                    investigation_partners::created_at.eq(now),
                )
            })
            .collect();
        insert_all!(conn, investigation_partners::table, &partners);
        for chunk in ms_rows.chunks(CHUNK) {
            insert_all!(conn, milestones::table, chunk);
            pb.inc(chunk.len() as u64);
        }
        for chunk in out_rows.chunks(CHUNK) {
            insert_all!(conn, outcomes::table, chunk);
            pb.inc(chunk.len() as u64);
        }
        insert_all!(conn, monthly_returns::table, &return_rows);
        // Bulk inserts bypass the figures kept per write: counted once here instead.
        crate::db::figures::rebuild_jpa(conn, &jpa.id)?;
        crate::db::audit::record(
            conn,
            &crate::db::audit::AuditContext::default(),
            "demo.load",
            "jpa",
            &jpa.id,
            serde_json::json!({"scale": {"before": null, "after": scale}}),
            now,
        )?;
        Ok::<_, Error>(())
    })?;
    pb.finish_and_clear();
    // Fresh statistics after a bulk load, or the planner works from an empty picture.
    if let DbConnection::Pg(pg) = conn {
        diesel::connection::SimpleConnection::batch_execute(pg, "ANALYZE")?;
    }
    Ok(DemoSummary {
        jpa_code: code,
        logins,
        password,
        counts: [
            agency_rows.len(),
            inv_rows.len(),
            ms_rows.len(),
            out_rows.len(),
        ],
    })
}
