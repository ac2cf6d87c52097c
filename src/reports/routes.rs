//! The route matrix of a JPA: from the route legs of the investigations a caller may see,
//! how many investigations run from each departure country to each destination country
//! (by mode of transport), and through each transit country.
//!
//! An investigation's departure countries are those of its `departure` legs (its first
//! leg's when it has none); its destinations those of its `destination` legs (its last
//! leg's when it has none). It counts once in each (departure, destination) pair it
//! has, and once under each mode its legs use; so a pair's modes may add up to more than
//! its total. Which investigations are counted is the query's business
//! (`db::reports::route_legs`): restricted routes only for their own agencies.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::progress::SMALL_CELL;

/// The modes of transport, in the order the matrix shows them.
pub const MODES: [&str; 3] = ["sea", "land", "air"];

#[derive(Debug, Deserialize)]
struct Leg {
    country: String,
    kind: String,
    mode: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RoutePair {
    pub from: String,
    pub to: String,
    pub total: i64,
    /// Investigations of the pair whose route uses each of `MODES`.
    pub by_mode: [i64; 3],
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct RouteMatrix {
    /// Investigations with a recorded route that were counted.
    pub investigations: i64,
    /// Most investigations first, then by country codes.
    pub pairs: Vec<RoutePair>,
    /// (country, investigations through it), most first.
    pub transit: Vec<(String, i64)>,
}

/// Builds the matrix from stored route legs (JSON arrays); a row that does not parse, or
/// has no legs, is not counted.
pub fn matrix<'a>(rows: impl IntoIterator<Item = &'a str>) -> RouteMatrix {
    let mut pairs: BTreeMap<(String, String), (i64, [i64; 3])> = BTreeMap::new();
    let mut transit: BTreeMap<String, i64> = BTreeMap::new();
    let mut investigations = 0;
    for raw in rows {
        let Ok(legs) = serde_json::from_str::<Vec<Leg>>(raw) else {
            continue;
        };
        let (Some(first), Some(last)) = (legs.first(), legs.last()) else {
            continue;
        };
        investigations += 1;
        let countries = |kind: &str, fallback: &Leg| -> BTreeSet<String> {
            let found: BTreeSet<String> = legs
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.country.clone())
                .collect();
            if found.is_empty() {
                [fallback.country.clone()].into_iter().collect()
            } else {
                found
            }
        };
        let from = countries("departure", first);
        let to = countries("destination", last);
        let modes: [bool; 3] = MODES.map(|m| legs.iter().any(|l| l.mode == m));
        for f in &from {
            for t in &to {
                let entry = pairs.entry((f.clone(), t.clone())).or_default();
                entry.0 += 1;
                for (i, used) in modes.iter().enumerate() {
                    entry.1[i] += i64::from(*used);
                }
            }
        }
        let through: BTreeSet<&str> = legs
            .iter()
            .filter(|l| l.kind == "transit")
            .map(|l| l.country.as_str())
            .collect();
        for c in through {
            *transit.entry(c.to_string()).or_default() += 1;
        }
    }
    let mut pairs: Vec<RoutePair> = pairs
        .into_iter()
        .map(|((from, to), (total, by_mode))| RoutePair {
            from,
            to,
            total,
            by_mode,
        })
        .collect();
    pairs.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.from.cmp(&b.from)));
    let mut transit: Vec<(String, i64)> = transit.into_iter().collect();
    transit.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    RouteMatrix {
        investigations,
        pairs,
        transit,
    }
}

/// A count as an observer sees it: `"<5"` under `SMALL_CELL`, else the number.
pub fn observer_figure(n: i64) -> serde_json::Value {
    if n < SMALL_CELL {
        serde_json::json!(super::progress::SMALL_MARK)
    } else {
        serde_json::json!(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leg(country: &str, kind: &str, mode: &str) -> String {
        format!(r#"{{"country":"{country}","place":"","kind":"{kind}","mode":"{mode}"}}"#)
    }

    fn route(legs: &[(&str, &str, &str)]) -> String {
        let parts: Vec<String> = legs.iter().map(|(c, k, m)| leg(c, k, m)).collect();
        format!("[{}]", parts.join(","))
    }

    #[test]
    fn pairs_count_each_investigation_once_and_modes_by_use() {
        let rows = [
            route(&[
                ("LK", "departure", "sea"),
                ("ID", "transit", "sea"),
                ("AU", "destination", "sea"),
            ]),
            route(&[
                ("LK", "recruitment", "land"),
                ("LK", "departure", "air"),
                ("MY", "transit", "air"),
                ("ID", "transit", "sea"),
                ("AU", "destination", "sea"),
            ]),
            route(&[
                ("MM", "recruitment", "land"),
                ("TH", "exploitation", "land"),
            ]),
            "not json".to_string(),
            "[]".to_string(),
        ];
        let m = matrix(rows.iter().map(String::as_str));
        assert_eq!(m.investigations, 3);
        assert_eq!(
            m.pairs,
            vec![
                RoutePair {
                    from: "LK".into(),
                    to: "AU".into(),
                    total: 2,
                    by_mode: [2, 1, 1]
                },
                RoutePair {
                    from: "MM".into(),
                    to: "TH".into(),
                    total: 1,
                    by_mode: [0, 1, 0]
                },
            ]
        );
        assert_eq!(m.transit, vec![("ID".into(), 2), ("MY".into(), 1)]);
    }

    #[test]
    fn several_departures_make_several_pairs() {
        let rows = [route(&[
            ("VN", "departure", "land"),
            ("KH", "departure", "land"),
            ("TH", "destination", "land"),
        ])];
        let m = matrix(rows.iter().map(String::as_str));
        assert_eq!(m.pairs.len(), 2);
        assert!(m.pairs.iter().all(|p| p.total == 1 && p.to == "TH"));
        assert_eq!(observer_figure(4), serde_json::json!("<5"));
        assert_eq!(observer_figure(5), serde_json::json!(5));
    }
}
