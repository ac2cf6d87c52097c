//! Serde helpers for request fields: what a JSON body may say and what it means.

use serde::{Deserialize, Deserializer};

/// Deserializes a field that may be absent (`None`), `null` (`Some(None)`) or a value.
pub fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Deserializes an integer written as a JSON number with no fraction: `12` and `12.0`
/// are the same number in JSON (and JSON Schema's `integer` takes both).
pub fn whole_number<'de, T, D>(d: D) -> Result<T, D::Error>
where
    T: TryFrom<i64>,
    D: Deserializer<'de>,
{
    use serde::de::Error;
    let n = serde_json::Number::deserialize(d)?;
    let whole = match (n.as_i64(), n.as_f64()) {
        (Some(i), _) => Some(i),
        (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
        _ => None,
    };
    whole
        .and_then(|i| T::try_from(i).ok())
        .ok_or_else(|| D::Error::custom("invalid type: number, expected a whole number in range"))
}

/// `whole_number` for an optional field (absent or `null` is `None`).
pub fn optional_whole_number<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
where
    T: TryFrom<i64>,
    D: Deserializer<'de>,
{
    #[derive(Deserialize)]
    struct Whole<T: TryFrom<i64>>(#[serde(deserialize_with = "whole_number")] T);
    Option::<Whole<T>>::deserialize(d).map(|o| o.map(|w| w.0))
}
