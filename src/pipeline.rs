//! Options and stage orchestration: documents → mentions → candidates →
//! clusters → glossary → canonical copies. The one place that calls rayon
//! over documents; every merge of per-document results is in document
//! order, so that outputs do not depend on the number of threads.

use crate::candidate::{self, Candidate, Context, Profile};
use crate::canon::{Replacement, Replacer};
use crate::cluster::{self, Cluster, Constraints};
use crate::corpus::{self, Document};
use crate::error::{Error, Result};
use crate::extract::{self, Kind, Vocabulary};
use crate::glossary::{Curated, Decision, Row, Status};
use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::review::Proposal;
use crate::surface::{self, Definition, Surface};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

// The new-variant search lives in its own module; its names stay here too.
pub use crate::novel::{Found, Known, NewVariants, NewVariantsBuilder, new_variants};

/// The default score a candidate needs to be merged.
pub const DEFAULT_THRESHOLD: f32 = 0.75;

/// Read every document named by `paths`, out of the folders of `exclude`
/// (see [`corpus::find`]). All read errors are collected; if there is any,
/// nothing else is done.
///
/// # Errors
/// The errors of every document that could not be found or read.
pub fn read_documents(
    paths: &[PathBuf],
    exclude: &[PathBuf],
) -> std::result::Result<Vec<Document>, Vec<Error>> {
    let sources = corpus::find(paths, exclude).map_err(|e| vec![e])?;
    let results: Vec<Result<Document>> = sources.par_iter().map(corpus::read).collect();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(errors)
    }
}

/// What extraction yields for a corpus.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// Document names, in corpus order.
    pub doc_names: Vec<String>,
    /// Number of mentions.
    pub mentions: usize,
    /// The surface table.
    pub surfaces: Vec<Surface>,
    /// Acronym definitions.
    pub definitions: Vec<Definition>,
}

/// Extract names from documents, in parallel. Extraction reads each
/// document in NFC ([`Document::nfc`]): decomposed and composed accents give
/// the same surfaces, and contexts are NFC.
pub fn extract(docs: &[Document]) -> Extracted {
    let lexicon = Lexicon::builtin();
    let docs: Vec<Cow<'_, Document>> = docs.par_iter().map(|d| d.nfc()).collect();
    let vocab = docs
        .par_iter()
        .map(|d| Vocabulary::from_text(&d.text))
        .collect::<Vec<_>>()
        .into_iter()
        .fold(Vocabulary::default(), |mut acc, v| {
            acc.merge(v);
            acc
        });
    let per_doc: Vec<extract::Extraction> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| extract::document(i, d, &vocab, &lexicon))
        .collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let mentions: Vec<extract::Mention> = per_doc
        .iter()
        .flat_map(|e| e.mentions.iter().cloned())
        .collect();
    let defs: Vec<(usize, &[extract::Defined])> = per_doc
        .iter()
        .enumerate()
        .map(|(i, e)| (i, e.definitions.as_slice()))
        .collect();
    Extracted {
        doc_names: docs.iter().map(|d| d.name.clone()).collect(),
        mentions: mentions.len(),
        surfaces: surface::table(&mentions, &texts),
        definitions: surface::definitions(&defs),
    }
}

/// Alignment options.
#[derive(Clone, Debug)]
pub struct AlignOptions {
    /// Minimum score of a merge.
    pub threshold: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// The result of alignment.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// Surfaces (the corpus's, plus curated variants not seen).
    pub surfaces: Vec<Surface>,
    /// Candidates scored above the threshold.
    pub candidates: Vec<Candidate>,
    /// Clusters.
    pub clusters: Vec<Cluster>,
    /// The glossary table.
    pub rows: Vec<Row>,
    /// The proposals for review.
    pub proposals: Vec<Proposal>,
}

impl Alignment {
    /// Surface → canonical, for every row of the table.
    pub fn mapping(&self) -> BTreeMap<String, String> {
        self.rows
            .iter()
            .map(|r| (r.variant.clone(), r.canonical.clone()))
            .collect()
    }

    /// Number of clusters with two variants or more.
    pub fn merged_clusters(&self) -> usize {
        self.clusters.iter().filter(|c| c.members.len() > 1).count()
    }
}

/// Align surfaces into entities.
pub fn align(
    mut surfaces: Vec<Surface>,
    definitions: &[Definition],
    doc_names: &[String],
    curated: Option<&Curated>,
    options: &AlignOptions,
) -> Alignment {
    let lexicon = Lexicon::builtin();
    // Curated variants the corpus does not have still belong in the table.
    if let Some(cur) = curated {
        let known: BTreeSet<String> = surfaces.iter().map(|s| s.text.clone()).collect();
        let mut extra: BTreeMap<String, Surface> = BTreeMap::new();
        for r in &cur.rows {
            if r.status != Decision::Accepted {
                continue;
            }
            for (text, lang, kind) in [
                (&r.variant, r.lang, r.kind),
                (&r.canonical, Lang::Und, Kind::Name),
            ] {
                if !known.contains(text) {
                    extra.entry(text.clone()).or_insert_with(|| Surface {
                        text: text.clone(),
                        lang,
                        kind: if crate::extract::is_acronym(text) {
                            Kind::Acronym
                        } else {
                            kind
                        },
                        count: 0,
                        count_en: 0,
                        docs: BTreeSet::new(),
                        contexts: Vec::new(),
                    });
                }
            }
        }
        surfaces.extend(extra.into_values());
        surfaces.sort_by(|a, b| a.text.cmp(&b.text));
    }
    let profiles: Vec<Profile> = surfaces
        .par_iter()
        .map(|s| candidate::profile(s, &lexicon))
        .collect();
    let index: BTreeMap<&str, usize> = surfaces
        .iter()
        .enumerate()
        .map(|(i, s)| (s.text.as_str(), i))
        .collect();
    let mut constraints = Constraints::default();
    let mut curated_accepted: BTreeSet<(String, String)> = BTreeSet::new();
    if let Some(cur) = curated {
        for (canonical, rows) in cur.accepted_groups() {
            let mut group: Vec<usize> = rows
                .iter()
                .filter_map(|r| index.get(r.variant.as_str()).copied())
                .collect();
            if let Some(&c) = index.get(canonical) {
                group.push(c);
            }
            group.sort_unstable();
            group.dedup();
            for r in rows {
                curated_accepted.insert((r.canonical.clone(), r.variant.clone()));
            }
            constraints.accepted.push((canonical.to_string(), group));
        }
        for r in cur.rows.iter().filter(|r| r.status == Decision::Rejected) {
            if !index.contains_key(r.canonical.as_str()) {
                // Maybe an English spelling made by rules, never to be
                // suggested for this variant again.
                constraints
                    .rejected_spellings
                    .insert((r.canonical.clone(), r.variant.clone()));
            }
            // A rejection forbids the variant from joining the canonical's entity.
            let members: Vec<usize> = cur
                .rows
                .iter()
                .filter(|x| x.status == Decision::Accepted && x.canonical == r.canonical)
                .filter_map(|x| index.get(x.variant.as_str()).copied())
                .chain(index.get(r.canonical.as_str()).copied())
                .collect();
            if let Some(&v) = index.get(r.variant.as_str()) {
                for m in members {
                    if m != v {
                        constraints.rejected.insert((m.min(v), m.max(v)));
                    }
                }
            }
        }
    }
    let cx = Context::new(definitions, doc_names, &lexicon);
    let candidates = candidate::candidates(&surfaces, &profiles, &cx, options.threshold);
    // Long forms the text defines an acronym with, and their spellings that
    // differ only in case or accents (`Islamic movement of Uzbekistan (IMU)`
    // once, `Islamic Movement of Uzbekistan` three times: counts decide
    // between them).
    let defined: BTreeSet<String> = definitions
        .iter()
        .filter(|d| crate::acronym::names_long_form(d.rule))
        .map(|d| crate::normalize::fold(&d.long))
        .collect();
    let long_forms: BTreeSet<usize> = profiles
        .iter()
        .enumerate()
        .filter(|(_, p)| defined.contains(&p.fold))
        .map(|(i, _)| i)
        .collect();
    let clusters = cluster::cluster(&surfaces, &profiles, &candidates, &constraints, &long_forms);
    let (rows, proposals) = tabulate(
        &surfaces,
        &candidates,
        &clusters,
        &curated_accepted,
        doc_names,
    );
    Alignment {
        surfaces,
        candidates,
        clusters,
        rows,
        proposals,
    }
}

/// Glossary rows and review proposals from clusters.
fn tabulate(
    surfaces: &[Surface],
    candidates: &[Candidate],
    clusters: &[Cluster],
    curated_accepted: &BTreeSet<(String, String)>,
    doc_names: &[String],
) -> (Vec<Row>, Vec<Proposal>) {
    let by_pair: BTreeMap<(usize, usize), &Candidate> =
        candidates.iter().map(|c| ((c.a, c.b), c)).collect();
    let mut rows = Vec::new();
    let mut proposals = Vec::new();
    // Each cluster's own candidates, in one pass (not one pass per cluster).
    let mut cluster_of = vec![usize::MAX; surfaces.len()];
    for (i, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            cluster_of[m] = i;
        }
    }
    let mut inside: Vec<Vec<&Candidate>> = vec![Vec::new(); clusters.len()];
    for cand in candidates {
        let k = cluster_of[cand.a];
        if k != usize::MAX && k == cluster_of[cand.b] {
            inside[k].push(cand);
        }
    }
    for (c, own) in clusters.iter().zip(&inside) {
        let canonical_member = c
            .members
            .iter()
            .copied()
            .find(|&m| surfaces[m].text == c.canonical);
        // The member the path starts from: the canonical, or the member an
        // English spelling was made from.
        let root = canonical_member.or(c.romanized.as_ref().map(|r| r.0));
        let path = root.map(|k| paths_to(k, own)).unwrap_or_default();
        let multi = c.members.len() > 1 || c.romanized.is_some();
        let mut cluster_rows = Vec::new();
        if let Some((from, rules)) = &c.romanized {
            let s = &surfaces[*from];
            let why = format!(
                "canonical: romanized from {} ({}); not seen in the corpus",
                s.text,
                rules.join(",")
            );
            cluster_rows.push((
                true,
                Row {
                    canonical: c.canonical.clone(),
                    variant: c.canonical.clone(),
                    lang: Lang::En,
                    kind: s.kind,
                    count: 0,
                    docs: 0,
                    status: Status::Proposed,
                    score: 1.0,
                    evidence: why,
                },
            ));
        }
        for &m in &c.members {
            let s = &surfaces[m];
            let is_canonical = Some(m) == canonical_member;
            let curated =
                c.curated && curated_accepted.contains(&(c.canonical.clone(), s.text.clone()));
            let (score, evidence) = if is_canonical {
                let why = if c.curated {
                    "canonical: curated"
                } else {
                    "canonical: by rule (seen in English; French only: full name; then English spelling, name before acronym, defined long form, most used)"
                };
                (1.0, why.to_string())
            } else if curated {
                (1.0, "curated: accepted by a reviewer".to_string())
            } else if let Some(cand) =
                canonical_member.and_then(|k| by_pair.get(&(m.min(k), m.max(k))))
            {
                (cand.score, cand.evidence.clone())
            } else if let Some((_, rules)) = c.romanized.as_ref().filter(|r| r.0 == m) {
                (
                    0.9,
                    format!(
                        "romanized: English spelling {} by {}",
                        c.canonical,
                        rules.join(",")
                    ),
                )
            } else if let Some(edge) = path.get(&m) {
                let other = if edge.a == m { edge.b } else { edge.a };
                (
                    edge.score,
                    format!("via {}: {}", surfaces[other].text, edge.evidence),
                )
            } else {
                (1.0, String::new())
            };
            let status = if curated || (is_canonical && c.curated) {
                Status::Curated
            } else if multi {
                Status::Proposed
            } else {
                Status::Single
            };
            cluster_rows.push((
                is_canonical,
                Row {
                    canonical: c.canonical.clone(),
                    variant: s.text.clone(),
                    lang: s.lang,
                    kind: s.kind,
                    count: s.count,
                    docs: s.docs.len(),
                    status,
                    score,
                    evidence: evidence.clone(),
                },
            ));
            if multi && !is_canonical && status == Status::Proposed {
                let canonical_contexts = canonical_member
                    .map(|k| surfaces[k].contexts.clone())
                    .unwrap_or_default();
                let mut proposal = Proposal::new(
                    &c.canonical,
                    s,
                    doc_names,
                    score,
                    evidence,
                    canonical_contexts.first().cloned().unwrap_or_default(),
                );
                if let Some((from, _)) = &c.romanized {
                    proposal.cluster = surfaces[*from].text.clone();
                }
                proposals.push(proposal);
            }
        }
        cluster_rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.variant.cmp(&b.1.variant)));
        rows.extend(cluster_rows.into_iter().map(|(_, r)| r));
    }
    (rows, proposals)
}

/// For each member of a cluster, the first candidate on its shortest path
/// to the canonical member (breadth first, strongest edges first), so that
/// every row can say through whom it joined.
fn paths_to<'c>(root: usize, own: &[&'c Candidate]) -> BTreeMap<usize, &'c Candidate> {
    let mut edges: BTreeMap<usize, Vec<&Candidate>> = BTreeMap::new();
    for &c in own {
        edges.entry(c.a).or_default().push(c);
        edges.entry(c.b).or_default().push(c);
    }
    for list in edges.values_mut() {
        list.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then((x.a, x.b).cmp(&(y.a, y.b)))
        });
    }
    let mut out = BTreeMap::new();
    let mut seen = BTreeSet::from([root]);
    let mut queue = std::collections::VecDeque::from([root]);
    while let Some(x) = queue.pop_front() {
        for e in edges.get(&x).map(Vec::as_slice).unwrap_or_default() {
            let y = if e.a == x { e.b } else { e.a };
            if seen.insert(y) {
                out.insert(y, *e);
                queue.push_back(y);
            }
        }
    }
    out
}

/// Canonicalise documents with a replacer, in parallel; results in
/// document order.
pub fn canonicalize(docs: &[Document], replacer: &Replacer) -> Vec<(String, Vec<Replacement>)> {
    docs.par_iter().map(|d| replacer.replace(&d.text)).collect()
}

/// The replacer of an alignment: every variant → its canonical. Names of
/// their own (`single`) map to themselves, so that a name inside a longer
/// one is left as the longer one was found (`Groupe de Bichkek` stays
/// whole), as `nomina canonicalize` does with the glossary file.
///
/// # Errors
/// The automaton cannot be built.
pub fn replacer_for(alignment: &Alignment) -> Result<Replacer> {
    let pairs: Vec<(String, String, u64)> = alignment
        .rows
        .iter()
        .map(|r| (r.variant.clone(), r.canonical.clone(), 0))
        .collect();
    Replacer::new(&pairs)
}
