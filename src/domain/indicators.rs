//! The outcome indicator dictionary (DOMAIN.md, "Outcome indicators").

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Indicator {
    pub code: &'static str,
    pub label: &'static str,
    pub definition: &'static str,
    pub unit: &'static str,
    pub group: &'static str,
}

const fn ind(
    code: &'static str,
    label: &'static str,
    definition: &'static str,
    unit: &'static str,
    group: &'static str,
) -> Indicator {
    Indicator {
        code,
        label,
        definition,
        unit,
        group,
    }
}

pub const INDICATORS: &[Indicator] = &[
    ind(
        "suspects_identified",
        "Suspects identified",
        "Persons identified as suspects of smuggling or trafficking offences.",
        "persons",
        "enforcement",
    ),
    ind(
        "arrests",
        "Arrests",
        "Persons arrested on smuggling, trafficking or related charges.",
        "persons",
        "enforcement",
    ),
    ind(
        "persons_charged",
        "Persons charged",
        "Persons formally charged.",
        "persons",
        "enforcement",
    ),
    ind(
        "prosecutions",
        "Prosecutions",
        "Prosecutions commenced.",
        "cases",
        "enforcement",
    ),
    ind(
        "convictions",
        "Convictions",
        "Persons convicted (may arrive after the JPA ends).",
        "persons",
        "enforcement",
    ),
    ind(
        "high_value_targets_arrested",
        "High-value targets arrested",
        "Arrests of organisers or facilitators identified as high-value targets.",
        "persons",
        "enforcement",
    ),
    ind(
        "networks_disrupted",
        "Networks disrupted",
        "Criminal networks dismantled or disrupted.",
        "networks",
        "enforcement",
    ),
    ind(
        "searches_executed",
        "Searches executed",
        "Search warrants or searches carried out.",
        "searches",
        "enforcement",
    ),
    ind(
        "new_investigations",
        "New investigations",
        "Investigations opened as a result of the operation.",
        "investigations",
        "enforcement",
    ),
    ind(
        "international_requests",
        "International requests",
        "MLA, extradition and police-to-police requests sent.",
        "requests",
        "enforcement",
    ),
    ind(
        "interpol_notices",
        "INTERPOL notices",
        "INTERPOL notices or diffusions issued.",
        "notices",
        "enforcement",
    ),
    ind(
        "fraudulent_documents_detected",
        "Fraudulent documents detected",
        "Forged, counterfeit or fraudulently obtained travel or identity documents detected.",
        "documents",
        "enforcement",
    ),
    ind(
        "assets_seized_usd",
        "Assets seized (USD)",
        "Value of assets seized or frozen, in US dollars.",
        "USD",
        "enforcement",
    ),
    ind(
        "vessels_seized",
        "Vessels seized",
        "Boats or ships seized.",
        "vessels",
        "enforcement",
    ),
    ind(
        "potential_victims_identified",
        "Potential victims identified",
        "Persons identified as potential victims of trafficking.",
        "persons",
        "victims_and_migrants",
    ),
    ind(
        "victims_identified",
        "Victims identified",
        "Persons formally identified as victims of trafficking.",
        "persons",
        "victims_and_migrants",
    ),
    ind(
        "victims_referred",
        "Victims referred",
        "Victims referred to protection and support services.",
        "persons",
        "victims_and_migrants",
    ),
    ind(
        "child_victims",
        "Child victims",
        "Identified victims under 18.",
        "persons",
        "victims_and_migrants",
    ),
    ind(
        "persons_repatriated",
        "Persons repatriated",
        "Victims or migrants returned to their country of origin.",
        "persons",
        "victims_and_migrants",
    ),
    ind(
        "smuggled_migrants_detected",
        "Smuggled migrants detected",
        "Persons detected as smuggled migrants.",
        "persons",
        "victims_and_migrants",
    ),
    ind(
        "smuggling_cases_screened_for_trafficking",
        "Smuggling cases screened for trafficking",
        "Smuggling cases screened for indicators of trafficking.",
        "cases",
        "victims_and_migrants",
    ),
    ind(
        "cases_reclassified_as_trafficking",
        "Cases reclassified as trafficking",
        "Smuggling cases reclassified as trafficking in persons after screening.",
        "cases",
        "victims_and_migrants",
    ),
    ind(
        "training_sessions",
        "Training sessions",
        "Training sessions delivered.",
        "sessions",
        "capacity",
    ),
    ind(
        "officers_trained",
        "Officers trained",
        "Officers who completed training.",
        "persons",
        "capacity",
    ),
    ind(
        "awareness_activities",
        "Awareness activities",
        "Public or community awareness activities held.",
        "activities",
        "capacity",
    ),
    ind(
        "intelligence_products",
        "Intelligence products",
        "Intelligence reports or products shared.",
        "products",
        "capacity",
    ),
];

/// The largest value one outcome row may carry: 1,000,000,000 for a count (no operation
/// arrests a billion people; a typo or a hostile client should not break the totals).
pub const MAX_COUNT: i64 = 1_000_000_000;

/// The largest value of an `assets_seized_usd` row: 10^12 US dollars, above the largest
/// seizures on record and still far from overflow: a sum needs over 9 million such rows
/// in one group to pass `i64::MAX` (9.2 x 10^18).
pub const MAX_USD: i64 = 1_000_000_000_000;

/// The largest value one outcome of `code` may carry (`MAX_USD` for amounts in USD,
/// `MAX_COUNT` for everything else).
pub fn max_value(code: &str) -> i64 {
    match find(code) {
        Some(i) if i.unit == "USD" => MAX_USD,
        _ => MAX_COUNT,
    }
}

pub fn find(code: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|i| i.code == code)
}
