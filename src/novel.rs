//! New variants of known entities: names a glossary does not know that
//! score as variants of a name it does (`Rahmon` when it knows `Rakhmon`).
//!
//! The glossary is indexed once, compactly, because a glossary of 100 000
//! variants must fit beside the automaton in well under 100 MB:
//!
//! - the known names are stored end to end in one string, their canonical
//!   forms interned the same way and referred to by number;
//! - the blocking keys of [`candidate::keys`] are stored as 64-bit hashes in
//!   one sorted array, with the known names of each key in one array beside
//!   it (no map of strings to vectors). Two keys with the same hash only
//!   cost an extra score: [`candidate::score`] decides;
//! - the known names' [`Profile`]s are packed end to end in one byte vector
//!   (no `String` or `Vec` per profile); a batch of unknown names unpacks
//!   the few it reaches, once each, and drops them after the batch.
//!
//! The result is the same as scoring every unknown name against every known
//! name that shares a key with it (blocks larger than
//! [`candidate::MAX_BLOCK`] apart), whatever the order or the threads.

use crate::candidate::{self, Context, Profile};
use crate::error::{Error, Result};
use crate::extract::Kind;
use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::normalize::fold;
use crate::review::Proposal;
use crate::strings::{Interner, Strings};
use crate::surface::Surface;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// A surface of the glossary, for [`NewVariants`].
#[derive(Clone, Debug)]
pub struct Known {
    /// The variant.
    pub variant: String,
    /// Its canonical form.
    pub canonical: String,
    /// Its language (`Und` when the glossary does not say).
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
}

/// One new variant found: under which canonical, how sure, why.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The canonical of the known entity.
    pub canonical: String,
    /// Score of the best link.
    pub score: f32,
    /// Why.
    pub evidence: String,
}

/// FNV-1a, 64 bits: a blocking key's hash (stable, no per-run seed).
fn key_hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Finds, among names the glossary does not know, those that score as
/// variants of an entity it knows (`Rahmon` when it knows `Rakhmon`). The
/// glossary's keys are indexed once; each batch of unknown names is then
/// looked up and scored, so that only the new variants found are kept, not
/// every unknown name of a corpus.
pub struct NewVariants {
    /// Known names, by number.
    variants: Strings,
    /// Each known name's canonical, a number in `canonicals`.
    canonical_of: Vec<u32>,
    canonicals: Strings,
    langs: Vec<Lang>,
    kinds: Vec<Kind>,
    /// Folded forms of every known name and canonical, and their order.
    folded: Strings,
    folded_order: Vec<u32>,
    /// Key hashes, sorted, each once; the known names of `hashes[i]` are
    /// `ids[starts[i]..starts[i + 1]]`, in increasing order.
    hashes: Vec<u64>,
    starts: Vec<u32>,
    ids: Vec<u32>,
    /// Every known name's profile, packed.
    profiles: Packed,
    lexicon: Lexicon,
    threshold: f32,
}

/// Collects the glossary's names one at a time, compactly (no string kept
/// per name), so that the glossary itself can be handed on or dropped
/// before the names are indexed.
pub struct NewVariantsBuilder {
    variants: Strings,
    canonical_of: Vec<u32>,
    canonicals: Interner,
    langs: Vec<Lang>,
    kinds: Vec<Kind>,
    /// More canonical forms than 32 bits number.
    too_many: bool,
    threshold: f32,
}

impl NewVariantsBuilder {
    /// Add a known name. The first name of a variant decides its canonical,
    /// language and kind; later ones are left out.
    pub fn push(&mut self, variant: &str, canonical: &str, lang: Lang, kind: Kind) {
        self.variants.push(variant);
        let c = self.canonicals.intern(canonical).unwrap_or_else(|| {
            self.too_many = true;
            0
        });
        self.canonical_of.push(c);
        self.langs.push(lang);
        self.kinds.push(kind);
    }

    /// Index the names.
    ///
    /// # Errors
    /// More than 4 294 967 295 known names, canonical forms or key entries
    /// (the index numbers them in 32 bits).
    pub fn build(self) -> Result<NewVariants> {
        let NewVariantsBuilder {
            variants: all,
            canonical_of: all_canonical_of,
            canonicals,
            langs: all_langs,
            kinds: all_kinds,
            too_many,
            threshold,
        } = self;
        if too_many {
            return Err(too_large(canonicals.len()));
        }
        let canonicals = canonicals.into_strings();
        // Each variant once, its first name, in the order given.
        let mut first: Vec<u32> = all.sorted()?;
        first.sort_unstable();
        let mut variants = Strings::default();
        let mut canonical_of = Vec::with_capacity(first.len());
        let mut langs = Vec::with_capacity(first.len());
        let mut kinds = Vec::with_capacity(first.len());
        for &i in &first {
            let i = i as usize;
            variants.push(all.get(i));
            canonical_of.push(all_canonical_of[i]);
            langs.push(all_langs[i]);
            kinds.push(all_kinds[i]);
        }
        drop((all, all_canonical_of, all_langs, all_kinds, first));
        variants.shrink_to_fit();
        // Every known name and canonical, folded.
        let mut folded = Strings::default();
        for i in 0..variants.len() {
            folded.push(&fold(variants.get(i)));
        }
        for i in 0..canonicals.len() {
            folded.push(&fold(canonicals.get(i)));
        }
        folded.shrink_to_fit();
        let folded_order = folded.sorted()?;
        let mut finder = NewVariants {
            variants,
            canonical_of,
            canonicals,
            langs,
            kinds,
            folded,
            folded_order,
            hashes: Vec::new(),
            starts: Vec::new(),
            ids: Vec::new(),
            profiles: Packed::default(),
            lexicon: Lexicon::builtin(),
            threshold,
        };
        finder.index()?;
        Ok(finder)
    }
}

impl NewVariants {
    /// Index the glossary's variants. The first name of a variant decides
    /// its canonical, language and kind.
    ///
    /// # Errors
    /// See [`NewVariantsBuilder::build`].
    pub fn new<I>(known: I, threshold: f32) -> Result<NewVariants>
    where
        I: IntoIterator<Item = Known>,
    {
        let mut builder = NewVariants::builder(threshold);
        for k in known {
            builder.push(&k.variant, &k.canonical, k.lang, k.kind);
        }
        builder.build()
    }

    /// A builder, to add the known names one at a time; `threshold` is the
    /// score a new variant needs.
    pub fn builder(threshold: f32) -> NewVariantsBuilder {
        NewVariantsBuilder {
            variants: Strings::default(),
            canonical_of: Vec::new(),
            canonicals: Interner::default(),
            langs: Vec::new(),
            kinds: Vec::new(),
            too_many: false,
            threshold,
        }
    }

    /// The key index: (hash, known name) pairs sorted, then split into the
    /// three arrays; keys shared by more than [`candidate::MAX_BLOCK`] known
    /// names left out (they say nothing specific).
    fn index(&mut self) -> Result<()> {
        id(self.variants.len())?;
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        let mut profiles = Packed::default();
        // Profiles are computed in parallel a chunk at a time and packed in
        // order, so that they are never all held unpacked.
        let all: Vec<usize> = (0..self.variants.len()).collect();
        for chunk in all.chunks(4096) {
            let done: Vec<(Profile, Vec<String>)> = chunk
                .par_iter()
                .map(|&i| {
                    let s = self.surface(i);
                    let p = candidate::profile(&s, &self.lexicon);
                    let keys = candidate::keys(&s, &p);
                    (p, keys)
                })
                .collect();
            for (&i, (p, keys)) in chunk.iter().zip(done) {
                profiles.push(&p);
                // Below 2^32: checked above.
                pairs.extend(keys.iter().map(|key| (key_hash(key), i as u32)));
            }
        }
        drop(all);
        profiles.shrink_to_fit();
        self.profiles = profiles;
        pairs.par_sort_unstable();
        // `keys` gives each key once per name; equal hashes of two keys
        // could give a name twice.
        pairs.dedup();
        id(pairs.len())?;
        let mut hashes = Vec::new();
        let mut starts = Vec::new();
        let mut ids = Vec::new();
        for block in pairs.chunk_by(|a, b| a.0 == b.0) {
            if block.len() > candidate::MAX_BLOCK {
                continue;
            }
            hashes.push(block[0].0);
            // Below 2^32: `ids` is shorter than `pairs`.
            starts.push(ids.len() as u32);
            ids.extend(block.iter().map(|p| p.1));
        }
        drop(pairs);
        starts.push(ids.len() as u32);
        hashes.shrink_to_fit();
        starts.shrink_to_fit();
        ids.shrink_to_fit();
        (self.hashes, self.starts, self.ids) = (hashes, starts, ids);
        Ok(())
    }

    /// Known name `i` as a surface (no documents, no contexts).
    fn surface(&self, i: usize) -> Surface {
        Surface {
            text: self.variants.get(i).to_string(),
            lang: self.langs[i],
            kind: self.kinds[i],
            count: 0,
            count_en: 0,
            docs: BTreeSet::new(),
            contexts: Vec::new(),
        }
    }

    /// The known names that share the key of hash `h`.
    fn block(&self, h: u64) -> &[u32] {
        match self.hashes.binary_search(&h) {
            Ok(i) => &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize],
            Err(_) => &[],
        }
    }

    /// Number of known names.
    pub fn len(&self) -> usize {
        self.variants.len()
    }

    /// No known names?
    pub fn is_empty(&self) -> bool {
        self.variants.len() == 0
    }

    /// Is `folded` (a [`fold`]ed name) the folded form of a known name or
    /// canonical? (`KALOUGA` in a headline is no new variant.)
    pub fn knows_folded(&self, folded: &str) -> bool {
        self.folded.find(&self.folded_order, folded).is_some()
    }

    /// The best known entity for each unknown surface that scores above the
    /// threshold, in the order of `unknown`.
    pub fn find(&self, unknown: &[Surface], doc_names: &[String]) -> Vec<Option<Found>> {
        let cx = Context::new(&[], doc_names, &self.lexicon);
        // Each unknown name's profile and the known names it reaches.
        let reached: Vec<(Profile, Vec<u32>)> = unknown
            .par_iter()
            .map(|u| {
                let pu = candidate::profile(u, &self.lexicon);
                let mut ks: Vec<u32> = candidate::keys(u, &pu)
                    .iter()
                    .flat_map(|key| self.block(key_hash(key)))
                    .copied()
                    .collect();
                ks.sort_unstable();
                ks.dedup();
                (pu, ks)
            })
            .collect();
        // The profiles of the known names reached, unpacked once each for
        // the batch.
        let mut wanted: Vec<u32> = reached.iter().flat_map(|r| r.1.iter().copied()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let known: Vec<(Surface, Profile)> = wanted
            .par_iter()
            .map(|&k| {
                let k = k as usize;
                (self.surface(k), self.profiles.get(k))
            })
            .collect();
        unknown
            .par_iter()
            .zip(&reached)
            .map(|(u, (pu, ks))| {
                let mut best: Option<(f32, usize, String)> = None;
                for &k in ks {
                    let Ok(at) = wanted.binary_search(&k) else {
                        continue;
                    };
                    let (sk, pk) = &known[at];
                    let Some((score, evidence)) = candidate::score(u, sk, pu, pk, &cx) else {
                        continue;
                    };
                    let k = k as usize;
                    // Ties go to the first known name.
                    let better = score >= self.threshold
                        && best
                            .as_ref()
                            .is_none_or(|(s, kk, _)| score > *s || (score == *s && k < *kk));
                    if better {
                        best = Some((score, k, evidence));
                    }
                }
                best.map(|(score, k, evidence)| Found {
                    canonical: self
                        .canonicals
                        .get(self.canonical_of[k] as usize)
                        .to_string(),
                    score,
                    evidence: format!("new variant, like {}: {evidence}", self.variants.get(k)),
                })
            })
            .collect()
    }
}

/// Profiles packed end to end in one byte vector: strings as a length and
/// their bytes, pivot rules as numbers in a table of the rule names. A
/// profile unpacked is equal to the one packed.
#[derive(Default)]
struct Packed {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    rules: Vec<&'static str>,
    rule_ids: HashMap<&'static str, usize>,
}

const ANY_TRANSLATED: u8 = 1;
const PERSON_LIKE: u8 = 2;
const SINGLE: u8 = 4;
const PROPER: u8 = 8;
const TRANSLATED: u8 = 16;
const TRANSLATED_ALL: u8 = 32;

impl Packed {
    fn push(&mut self, p: &Profile) {
        let flag = |yes: bool, bit: u8| if yes { bit } else { 0 };
        let b = &mut self.bytes;
        b.push(
            flag(p.any_translated, ANY_TRANSLATED)
                | flag(p.person_like, PERSON_LIKE)
                | flag(p.single, SINGLE)
                | flag(p.proper, PROPER)
                | flag(p.translated.is_some(), TRANSLATED)
                | flag(p.translated_all.is_some(), TRANSLATED_ALL),
        );
        put_str(b, &p.fold);
        put_str(b, &p.fingerprint);
        put_len(b, p.pivots.len());
        for (lang, text, rules) in &p.pivots {
            b.push(match lang {
                Lang::En => 0,
                Lang::Fr => 1,
                Lang::Und => 2,
            });
            put_str(b, text);
            put_len(b, rules.len());
            for &r in rules {
                let n = self.rules.len();
                let r = *self.rule_ids.entry(r).or_insert_with(|| {
                    self.rules.push(r);
                    n
                });
                put_len(b, r);
            }
        }
        put_strs(b, &p.tokens);
        for t in [&p.translated, &p.translated_all].into_iter().flatten() {
            put_str(b, t);
        }
        put_strs(b, &p.english_tokens);
        put_str(b, &p.initials);
        put_strs(b, &p.letter_sets);
        self.ends.push(self.bytes.len());
    }

    fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Profile number `i`.
    fn get(&self, i: usize) -> Profile {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let mut r = Reader {
            bytes: &self.bytes[start..self.ends[i]],
        };
        let flags = r.byte();
        let fold = r.string();
        let fingerprint = r.string();
        let pivots = (0..r.len())
            .map(|_| {
                let lang = match r.byte() {
                    0 => Lang::En,
                    1 => Lang::Fr,
                    _ => Lang::Und,
                };
                let text = r.string();
                let rules = (0..r.len()).map(|_| self.rules[r.len()]).collect();
                (lang, text, rules)
            })
            .collect();
        let tokens = r.strings();
        let translated = (flags & TRANSLATED != 0).then(|| r.string());
        let translated_all = (flags & TRANSLATED_ALL != 0).then(|| r.string());
        let english_tokens = r.strings();
        let initials = r.string();
        let letter_sets = r.strings();
        Profile {
            fold,
            fingerprint,
            pivots,
            tokens,
            translated,
            translated_all,
            english_tokens,
            any_translated: flags & ANY_TRANSLATED != 0,
            initials,
            letter_sets,
            person_like: flags & PERSON_LIKE != 0,
            single: flags & SINGLE != 0,
            proper: flags & PROPER != 0,
        }
    }
}

/// A length, seven bits a byte (LEB128).
fn put_len(b: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        b.push((n as u8) | 0x80);
        n >>= 7;
    }
    b.push(n as u8);
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    put_len(b, s.len());
    b.extend_from_slice(s.as_bytes());
}

fn put_strs(b: &mut Vec<u8>, v: &[String]) {
    put_len(b, v.len());
    for s in v {
        put_str(b, s);
    }
}

/// Reads what [`Packed::push`] wrote (and nothing else: a short or
/// malformed record is a bug, and panics).
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes[0];
        self.bytes = &self.bytes[1..];
        b
    }

    fn len(&mut self) -> usize {
        let mut n = 0;
        let mut shift = 0;
        loop {
            let b = self.byte();
            n |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn string(&mut self) -> String {
        let n = self.len();
        let (s, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        // Written from a `&str`, cut at its ends.
        String::from_utf8_lossy(s).into_owned()
    }

    fn strings(&mut self) -> Vec<String> {
        (0..self.len()).map(|_| self.string()).collect()
    }
}

/// A number of the index, in 32 bits.
fn id(i: usize) -> Result<u32> {
    u32::try_from(i).map_err(|_| too_large(i))
}

fn too_large(n: usize) -> Error {
    Error::usage(format!(
        "the glossary is too large to look for new variants ({n} names or keys; at most {})",
        u32::MAX
    ))
}

/// Names found in new documents that the glossary does not know but that
/// score as variants of an entity it knows: one proposal each, under the
/// best-scoring known entity. `unknown` must not hold glossary variants.
///
/// # Errors
/// See [`NewVariants::new`].
pub fn new_variants(
    known: &[Known],
    unknown: Vec<Surface>,
    doc_names: &[String],
    threshold: f32,
) -> Result<Vec<Proposal>> {
    let finder = NewVariants::new(known.iter().cloned(), threshold)?;
    let found = finder.find(&unknown, doc_names);
    Ok(unknown
        .iter()
        .zip(found)
        .filter_map(|(s, f)| {
            let f = f?;
            Some(Proposal::new(
                &f.canonical,
                s,
                doc_names,
                f.score,
                f.evidence,
                String::new(),
            ))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(variant: &str, canonical: &str, lang: Lang) -> Known {
        Known {
            variant: variant.to_string(),
            canonical: canonical.to_string(),
            lang,
            kind: Kind::Name,
        }
    }

    fn unknown(text: &str, lang: Lang) -> Surface {
        Surface {
            text: text.to_string(),
            lang,
            kind: Kind::Name,
            count: 1,
            count_en: 0,
            docs: BTreeSet::from([0]),
            contexts: Vec::new(),
        }
    }

    #[test]
    fn a_profile_unpacked_is_the_profile_packed() {
        let lexicon = Lexicon::builtin();
        let surfaces = [
            unknown("Kalouga", Lang::Fr),
            unknown("Vladimir Poutine", Lang::Und),
            unknown("Front al-Nosra", Lang::Fr),
            unknown("État islamique au Khorassan", Lang::Fr),
            unknown("Organisation du traité de l'Atlantique Nord", Lang::Fr),
            Surface {
                kind: Kind::Acronym,
                ..unknown("EI-K", Lang::Fr)
            },
            unknown(&"Ab".repeat(100), Lang::En),
        ];
        let profiles: Vec<Profile> = surfaces
            .iter()
            .map(|s| candidate::profile(s, &lexicon))
            .collect();
        let mut packed = Packed::default();
        for p in &profiles {
            packed.push(p);
        }
        for (i, p) in profiles.iter().enumerate() {
            assert_eq!(
                format!("{:?}", packed.get(i)),
                format!("{p:?}"),
                "{}",
                surfaces[i].text
            );
        }
    }

    #[test]
    fn a_close_spelling_is_a_new_variant_of_the_known_entity() {
        let finder = NewVariants::new(
            vec![
                known("Rakhmon", "Emomali Rahmon", Lang::En),
                known("Tachkent", "Tashkent", Lang::Fr),
            ],
            0.75,
        )
        .unwrap();
        assert!(finder.knows_folded("emomali rahmon"));
        assert!(finder.knows_folded("tachkent"));
        assert!(!finder.knows_folded("rahmon"));
        let found = finder.find(
            &[unknown("Rahmon", Lang::En), unknown("Bichkek", Lang::Fr)],
            &["a.txt".to_string()],
        );
        let first = found[0].as_ref().map(|f| f.canonical.as_str());
        assert_eq!(first, Some("Emomali Rahmon"));
        assert!(found[1].is_none());
    }
}
