//! Candidates → clusters, under curated constraints, and the canonical form
//! of each cluster.
//!
//! Curated acceptances are merged first and always kept. Then candidates
//! are merged strongest first (ties broken by surface order), and a merge
//! is refused when any member of one side is incompatible with any member of
//! the other ([`crate::candidate::incompatible`]), when a curated rejection
//! stands between them, or when both sides already carry a curated canonical.
//! That check on every cross pair is what stops chaining: `A~B` and `B~C`
//! do not pull in a `C` unlike `A`.
//!
//! The canonical form of a cluster is: the curated canonical if there is
//! one; else the best member by, in this order: seen in English paragraphs;
//! when neither is, a full name of two or three words before its last
//! words alone, unless those are used more (`Ouran Botobekov` before
//! `Botobekov`, whose English spelling is then made from it: `Uran
//! Botobekov`); spelled the English way (mostly seen in English, or no French
//! romanisation rule fires: `FSB` before `Service fédéral de sécurité`); a
//! name rather than an acronym (`Islamic State` before `IS`), and an acronym
//! rather than its letters written as a word (`OTAN` before `Otan`); a long
//! form the text defines an acronym with (`Islamic State (IS)` makes
//! `Islamic State` the formal name, before a more used `Daesh`); seen
//! more often in English (`Taliban` before a rarer `Afghan Taliban`); a full
//! form of another member (`Vladimir Putin` before `Putin`); more mentions.

use crate::candidate::{Candidate, Profile, incompatible};
use crate::extract::Kind;
use crate::lang::Lang;
use crate::romanize::{english_spelling, pivot};
use crate::surface::Surface;
use std::collections::{BTreeMap, BTreeSet};

/// Constraints from the curated glossary, by surface index.
#[derive(Clone, Debug, Default)]
pub struct Constraints {
    /// Groups of surfaces a person accepted as one entity, with the
    /// canonical they chose.
    pub accepted: Vec<(String, Vec<usize>)>,
    /// Pairs a person rejected.
    pub rejected: BTreeSet<(usize, usize)>,
    /// English spellings a person rejected for a surface: `(spelling,
    /// surface)`, never suggested again.
    pub rejected_spellings: BTreeSet<(String, String)>,
}

/// A cluster of surfaces.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The canonical form.
    pub canonical: String,
    /// Was the canonical chosen by a person?
    pub curated: bool,
    /// Member surface indices, sorted.
    pub members: Vec<usize>,
    /// For each member other than the one that is the canonical: the
    /// candidate that brought it in, if the tool did.
    pub links: BTreeMap<usize, Candidate>,
    /// When the canonical is an English spelling made by rules (not seen in
    /// the corpus): the member it was made from, and the rules.
    pub romanized: Option<(usize, Vec<&'static str>)>,
}

struct Sets {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
    canonical: Vec<Option<String>>,
}

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        let (keep, gone) = if self.members[ra].len() >= self.members[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[gone] = keep;
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
        if self.canonical[keep].is_none() {
            self.canonical[keep] = self.canonical[gone].take();
        }
        keep
    }
}

/// Merge candidates into clusters.
///
/// `long_forms` are the surfaces the text writes as the long form of an
/// acronym (`Islamic State (IS)`): a formal name, preferred as canonical.
pub fn cluster(
    surfaces: &[Surface],
    profiles: &[Profile],
    candidates: &[Candidate],
    constraints: &Constraints,
    long_forms: &BTreeSet<usize>,
) -> Vec<Cluster> {
    let n = surfaces.len();
    let mut sets = Sets {
        parent: (0..n).collect(),
        members: (0..n).map(|i| vec![i]).collect(),
        canonical: vec![None; n],
    };
    for (canonical, group) in &constraints.accepted {
        if let Some(&first) = group.first() {
            for &x in &group[1..] {
                sets.union(first, x);
            }
            let root = sets.find(first);
            sets.canonical[root] = Some(canonical.clone());
        }
    }
    let linked: BTreeSet<(usize, usize)> = candidates.iter().map(|c| (c.a, c.b)).collect();
    let texts: BTreeSet<&str> = surfaces.iter().map(|s| s.text.as_str()).collect();
    let mut order: Vec<&Candidate> = candidates.iter().collect();
    order.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let mut links: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in order {
        let (ra, rb) = (sets.find(c.a), sets.find(c.b));
        if ra == rb {
            continue;
        }
        if sets.canonical[ra].is_some() && sets.canonical[rb].is_some() {
            continue;
        }
        let clash = sets.members[ra].iter().any(|&x| {
            sets.members[rb].iter().any(|&y| {
                let pair = (x.min(y), x.max(y));
                // Two members linked by evidence of their own are never
                // incompatible (`Caucase`/`Caucasus`).
                constraints.rejected.contains(&pair)
                    || (!linked.contains(&pair) && incompatible(&profiles[x], &profiles[y]))
            })
        });
        if clash {
            continue;
        }
        // Record the link on the side that joins.
        let joiner = if sets.members[ra].len() >= sets.members[rb].len() {
            c.b
        } else {
            c.a
        };
        links.entry(joiner).or_insert_with(|| c.clone());
        sets.union(c.a, c.b);
    }
    let mut out = Vec::new();
    for root in 0..n {
        if sets.find(root) != root {
            continue;
        }
        let mut members = sets.members[root].clone();
        members.sort_unstable();
        let mut romanized = None;
        let (canonical, curated) = match &sets.canonical[root] {
            Some(c) => (c.clone(), true),
            None => {
                let best = choose_canonical(surfaces, &members, long_forms);
                let s = &surfaces[best];
                // A name seen only in French, spelled the French way: suggest
                // the English spelling (`Tachkent` → `Tashkent`).
                // Only names made of proper names: `Groupe de Bichkek` needs a
                // translation, not a romanisation.
                let proper = profiles[best].proper;
                let suggestion = (s.lang == Lang::Fr && s.count_en == 0 && proper)
                    .then(|| english_spelling(&s.text))
                    .flatten()
                    .filter(|(text, _)| !texts.contains(text.as_str()))
                    .filter(|(text, _)| {
                        !constraints
                            .rejected_spellings
                            .contains(&(text.clone(), s.text.clone()))
                    });
                match suggestion {
                    Some((text, rules)) => {
                        romanized = Some((best, rules));
                        (text, false)
                    }
                    None => (s.text.clone(), false),
                }
            }
        };
        let member_links = members
            .iter()
            .filter_map(|m| links.get(m).map(|c| (*m, c.clone())))
            .collect();
        out.push(Cluster {
            romanized,
            canonical,
            curated,
            members,
            links: member_links,
        });
    }
    out.sort_by(|x, y| {
        x.canonical
            .cmp(&y.canonical)
            .then(x.members.cmp(&y.members))
    });
    out
}

/// Does no French romanisation rule fire on this surface?
fn english_spelled(s: &Surface) -> bool {
    pivot(&s.text, Lang::Fr)
        .1
        .iter()
        .all(|r| !r.starts_with("fr:"))
}

/// The member chosen as canonical (see the module documentation).
pub fn choose_canonical(
    surfaces: &[Surface],
    members: &[usize],
    long_forms: &BTreeSet<usize>,
) -> usize {
    let words: Vec<Vec<String>> = members
        .iter()
        .map(|&m| crate::normalize::fold_tokens(&surfaces[m].text))
        .collect();
    let tokens: Vec<BTreeSet<&String>> = words.iter().map(|w| w.iter().collect()).collect();
    // A full form: another member's words are a strict part of its words
    // (`Vladimir Putin` over `Putin`).
    let full = |i: usize| {
        tokens
            .iter()
            .any(|t| t.len() < tokens[i].len() && t.is_subset(&tokens[i]))
    };
    // A full name of two or three words beside its last words alone, used
    // no more often (`Ouran Botobekov`, `Botobekov`; `Oussama Ben Laden`,
    // `Ben Laden`). When the last words are used more, they may well be
    // another entity's name linked by mistake (`Novgorod` ×3 beside `Nijni
    // Novgorod` ×1): the full name must not take over their mentions.
    let full_name = |i: usize| {
        let w = &words[i];
        let count = surfaces[members[i]].count;
        (2..=3).contains(&surfaces[members[i]].text.split_whitespace().count())
            && words.iter().zip(members).any(|(t, &m)| {
                !t.is_empty() && t.len() < w.len() && w.ends_with(t) && surfaces[m].count <= count
            })
    };
    // Names before acronyms, and an acronym before the same letters written
    // as a word (`OTAN` over `Otan`, the newspaper style).
    let acronym_folds: BTreeSet<String> = members
        .iter()
        .filter(|&&m| surfaces[m].kind == Kind::Acronym)
        .map(|&m| crate::normalize::fold(&surfaces[m].text))
        .collect();
    let rank = |s: &Surface| match s.kind {
        Kind::Acronym => 1,
        Kind::Name if acronym_folds.contains(&crate::normalize::fold(&s.text)) => 0,
        Kind::Name => 2,
    };
    // Each member's rank, once (the English-spelling test runs the pivot
    // rules), in the order of the module documentation; the greatest wins.
    let keys: Vec<_> = (0..members.len())
        .map(|i| {
            let s = &surfaces[members[i]];
            (
                s.count_en > 0,
                // Seen in English by neither: the English spelling will be
                // made by rules from the one chosen, so a French given name
                // (`Ouran`) must not lose the full name to its surname.
                s.count_en == 0 && full_name(i),
                // Mostly seen in English, or no French rule fires: an
                // English spelling (`Islamic State group in Khorasan`, where
                // `fr:e-silent` fires on `State`; not `Vladimir Poutine`
                // leaked once into an English paragraph by machine
                // translation).
                2 * s.count_en > s.count || english_spelled(s),
                rank(s),
                long_forms.contains(&members[i]),
                s.count_en,
                full(i),
                s.count,
                std::cmp::Reverse(s.text.as_str()),
            )
        })
        .collect();
    let best = (0..members.len()).max_by(|&i, &j| keys[i].cmp(&keys[j]));
    members[best.unwrap_or(0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical of members `(text, lang, mentions, mentions in English
    /// paragraphs)`.
    fn canonical(members: &[(&str, Lang, usize, usize)]) -> String {
        canonical_with(members, &[])
    }

    /// The same, the members at `long` being long forms defined in the text.
    fn canonical_with(members: &[(&str, Lang, usize, usize)], long: &[usize]) -> String {
        let surfaces: Vec<Surface> = members
            .iter()
            .map(|&(t, l, count, count_en)| Surface {
                count_en,
                ..Surface::sample(t, l, count, &[])
            })
            .collect();
        let all: Vec<usize> = (0..surfaces.len()).collect();
        let long = long.iter().copied().collect();
        surfaces[choose_canonical(&surfaces, &all, &long)]
            .text
            .clone()
    }

    #[test]
    fn a_defined_long_form_is_the_formal_name() {
        use Lang::{En, Fr};
        // `Islamic State (IS)` in the text: before a more used `Daesh`.
        let members = [
            ("Daesh", Fr, 9, 3),
            ("IS", En, 6, 6),
            ("Islamic State", En, 1, 1),
        ];
        assert_eq!(canonical(&members), "Daesh");
        assert_eq!(canonical_with(&members, &[2]), "Islamic State");
        // Never before a name seen in English over a French long form.
        let members = [
            (
                "Centre Français de Recherche sur le Renseignement",
                Fr,
                2,
                0,
            ),
            ("French Intelligence Research Center", En, 1, 1),
        ];
        assert_eq!(
            canonical_with(&members, &[0]),
            "French Intelligence Research Center"
        );
    }

    #[test]
    fn canonical_choice() {
        use Lang::{En, Fr};
        for (members, want) in [
            // Seen in English first, even when less used.
            (
                &[("Tachkent", Fr, 9, 0), ("Tashkent", En, 1, 1)][..],
                "Tashkent",
            ),
            // The full name over the surname, as often used in English; the
            // more used in English over a rarer longer form, which may add a
            // word the others lack (`Afghan Taliban`).
            (
                &[("Putin", En, 2, 2), ("Vladimir Putin", En, 2, 2)],
                "Vladimir Putin",
            ),
            (
                &[("Taliban", En, 4, 4), ("Afghan Taliban", En, 1, 1)],
                "Taliban",
            ),
            // In French only: the full name, when both need the same rules,
            // and when only the given name needs one (`ou`).
            (
                &[("Poutine", Fr, 5, 0), ("Vladimir Poutine", Fr, 1, 0)],
                "Vladimir Poutine",
            ),
            (
                &[("Botobekov", Fr, 1, 0), ("Ouran Botobekov", Fr, 1, 0)],
                "Ouran Botobekov",
            ),
            (
                &[("Ben Laden", Fr, 1, 0), ("Oussama Ben Laden", Fr, 2, 0)],
                "Oussama Ben Laden",
            ),
            // Not when the last words alone are used more: they may be
            // another entity's (a wrong link must not rewrite them).
            (
                &[("Nijni Novgorod", Fr, 1, 0), ("Novgorod", Fr, 3, 0)],
                "Novgorod",
            ),
            (
                &[("Jamaat Ansarullah", Fr, 1, 0), ("Ansarullah", Fr, 3, 0)],
                "Ansarullah",
            ),
            // Nor for a name of four words or more, a phrase.
            (
                &[
                    ("Service fédéral de sécurité", Fr, 1, 0),
                    ("Sécurité", Fr, 1, 0),
                ],
                "Sécurité",
            ),
            // A language-neutral acronym over a French long form.
            (
                &[("FSB", Fr, 1, 0), ("Service fédéral de sécurité", Fr, 3, 0)],
                "FSB",
            ),
            // A name over its acronym.
            (
                &[
                    ("ISKP", En, 9, 9),
                    ("Islamic State Khorasan Province", En, 1, 1),
                ],
                "Islamic State Khorasan Province",
            ),
            // The acronym over the same letters written as a word, however
            // often the word is used.
            (&[("Otan", Fr, 5, 0), ("OTAN", Fr, 1, 0)], "OTAN"),
            // An English name whose French rules fire (`fr:e-silent` on
            // `State`) over a French acronym also seen in English.
            (
                &[
                    ("EI-K", Fr, 9, 2),
                    ("Islamic State group in Khorasan", En, 1, 1),
                ],
                "Islamic State group in Khorasan",
            ),
            // A French spelling leaked once into an English paragraph by
            // machine translation is not English.
            (
                &[("Vladimir Poutine", Fr, 3, 1), ("Vladimir Putin", En, 1, 1)],
                "Vladimir Putin",
            ),
        ] {
            assert_eq!(canonical(members), want, "{members:?}");
        }
    }
}
