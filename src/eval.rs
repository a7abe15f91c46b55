//! Alignment quality against a gold clustering: coverage and pairwise
//! precision, recall and F1.
//!
//! The gold file is a CSV `entity_id,surface` (more columns are ignored).
//! Surfaces are compared after NFC and with one apostrophe kind. *Coverage*
//! is the share of gold surfaces that the system has at all. The pairwise
//! scores count, over the gold surfaces the system has, the pairs put in
//! one cluster: a pair is a true positive when gold and system agree.
//! System surfaces absent from the gold are not judged.

use crate::error::{Error, ErrorKind, Result};
use crate::normalize::{nfc, plain_apostrophes};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A gold clustering: surface → entity id.
#[derive(Clone, Debug, Default)]
pub struct Gold {
    /// Surface (normalised) → entity.
    pub entity: BTreeMap<String, String>,
}

fn key(surface: &str) -> String {
    plain_apostrophes(&nfc(surface.trim()))
}

impl Gold {
    /// Read a gold CSV.
    ///
    /// # Errors
    /// Missing columns, a surface under two entities.
    pub fn read(path: &Path) -> Result<Gold> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(ErrorKind::Input, path, &e))?;
        let text = crate::corpus::decode(path, bytes)?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| Error::csv(path, &e))?.clone();
        let col = |n: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(n))
        };
        let (Some(e), Some(s)) = (col("entity_id"), col("surface")) else {
            return Err(
                Error::input("the gold file needs columns `entity_id` and `surface`")
                    .with_path(path)
                    .with_line(1),
            );
        };
        let mut gold = Gold::default();
        for record in reader.records() {
            let record = record.map_err(|err| Error::csv(path, &err))?;
            let line = record.position().map_or(0, |p| p.line());
            let (entity, surface) = (
                record.get(e).unwrap_or("").trim(),
                record.get(s).unwrap_or("").trim(),
            );
            if surface.is_empty() {
                continue;
            }
            if entity.is_empty() {
                return Err(
                    Error::input(format!("surface {surface:?} has no entity_id"))
                        .with_path(path)
                        .with_line(line),
                );
            }
            if let Some(other) = gold.entity.insert(key(surface), entity.to_string())
                && other != entity
            {
                return Err(Error::input(format!(
                    "surface {surface:?} is under two entities ({other}, {entity})"
                ))
                .with_path(path)
                .with_line(line));
            }
        }
        if gold.entity.is_empty() {
            // Nothing to score against: every figure would read 1.000.
            return Err(Error::input("the gold file lists no surface").with_path(path));
        }
        Ok(gold)
    }
}

/// The figures of one evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    /// Gold surfaces.
    pub gold_surfaces: usize,
    /// Gold surfaces the system has.
    pub covered: usize,
    /// Pairs the system put together (among covered surfaces).
    pub system_pairs: usize,
    /// Pairs the gold puts together (among covered surfaces).
    pub gold_pairs: usize,
    /// Pairs both put together.
    pub true_pairs: usize,
    /// Gold surfaces the system does not have, sorted.
    pub missing: Vec<String>,
    /// Pairs the system put together wrongly.
    pub false_pairs: Vec<(String, String)>,
    /// Gold pairs the system left apart.
    pub missed_pairs: Vec<(String, String)>,
}

impl Scores {
    /// Covered / gold surfaces.
    pub fn coverage(&self) -> f64 {
        ratio(self.covered, self.gold_surfaces)
    }
    /// True pairs / system pairs (1 when the system makes no pair).
    pub fn precision(&self) -> f64 {
        if self.system_pairs == 0 {
            1.0
        } else {
            ratio(self.true_pairs, self.system_pairs)
        }
    }
    /// True pairs / gold pairs (1 when the gold has no pair).
    pub fn recall(&self) -> f64 {
        if self.gold_pairs == 0 {
            1.0
        } else {
            ratio(self.true_pairs, self.gold_pairs)
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Score a system clustering (surface → cluster id) against the gold.
pub fn score(gold: &Gold, system: &BTreeMap<String, String>) -> Scores {
    let system: BTreeMap<String, &String> = system.iter().map(|(s, c)| (key(s), c)).collect();
    let covered: Vec<(&String, &String, &String)> = gold
        .entity
        .iter()
        .filter_map(|(s, e)| system.get(s).map(|c| (s, e, *c)))
        .collect();
    let missing = gold
        .entity
        .keys()
        .filter(|s| !system.contains_key(*s))
        .cloned()
        .collect();
    let (mut sys, mut gp, mut tp) = (0, 0, 0);
    let mut false_pairs = Vec::new();
    let mut missed_pairs = Vec::new();
    for (i, (s1, e1, c1)) in covered.iter().enumerate() {
        for (s2, e2, c2) in &covered[i + 1..] {
            let same_sys = c1 == c2;
            let same_gold = e1 == e2;
            sys += usize::from(same_sys);
            gp += usize::from(same_gold);
            tp += usize::from(same_sys && same_gold);
            if same_sys && !same_gold {
                false_pairs.push(((*s1).clone(), (*s2).clone()));
            }
            if same_gold && !same_sys {
                missed_pairs.push(((*s1).clone(), (*s2).clone()));
            }
        }
    }
    Scores {
        gold_surfaces: gold.entity.len(),
        covered: covered.len(),
        system_pairs: sys,
        gold_pairs: gp,
        true_pairs: tp,
        missing,
        false_pairs,
        missed_pairs,
    }
}

/// The gold entities, as sets of surfaces (for reports).
pub fn entities(gold: &Gold) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (s, e) in &gold.entity {
        out.entry(e.as_str()).or_default().insert(s.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_counts() {
        let mut gold = Gold::default();
        for (s, e) in [
            ("Kalouga", "k"),
            ("Kaluga", "k"),
            ("Iran", "i"),
            ("Irak", "q"),
            ("Absent", "z"),
        ] {
            gold.entity.insert(s.into(), e.into());
        }
        let system: BTreeMap<String, String> = [
            ("Kalouga", "Kaluga"),
            ("Kaluga", "Kaluga"),
            ("Iran", "Iran"),
            ("Irak", "Iran"),
            ("Extra", "Extra"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let s = score(&gold, &system);
        assert_eq!(
            (s.covered, s.system_pairs, s.gold_pairs, s.true_pairs),
            (4, 2, 1, 1)
        );
        assert_eq!(s.coverage(), 0.8);
        assert_eq!(s.precision(), 0.5);
        assert_eq!(s.recall(), 1.0);
        assert_eq!(s.missing, vec!["Absent".to_string()]);
    }
}
