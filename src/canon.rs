//! Canonical copies: every variant replaced by its canonical form, in one
//! leftmost-longest pass of an Aho–Corasick automaton.
//!
//! A match counts only on Unicode word boundaries: the characters on both
//! sides must not be letters or digits, nor a hyphen that continues the word
//! (`EI` never matches inside `EI-K`, `Iran` never inside `Iranien`). An
//! apostrophe before the match is a boundary, so French elision stays as it
//! was (`l’EI-K` → `l’ISKP`), except an elided `de` or `que` before a name
//! that no longer starts with a vowel (`d’Asie centrale` → `de Central
//! Asia`). Canonical forms are patterns too, mapped to
//! themselves, so that canonicalising a canonical copy changes nothing. Text
//! outside the replaced spans is copied byte for byte.
//!
//! **Definitions.** `État islamique au Khorassan (EI-K)` is one mention
//! written twice: when the brackets right after a match hold just another
//! variant of the same canonical, the whole span is replaced once (`ISKP`,
//! not `ISKP (ISKP)`), in either order.
//!
//! **Case.** Matching is exact. The one exception is a line written all in
//! capitals (a headline such as `L’ISIS-K REVENDIQUE L’ATTAQUE DE KALOUGA`):
//! there the upper-cased variants are matched, and the canonical form is
//! written in capitals too (`KALUGA`).
//!
//! **Normalisation.** Input that is not in NFC is NFC-normalised first (a
//! variant written with a combining accent is still found); offsets then
//! refer to the NFC text, and [`Output::normalized`] says so. NFC input, the
//! usual case, is left byte for byte as it was.

use crate::error::{Error, Result};
use crate::extract::Kind;
use crate::normalize::{is_hyphen, is_word_char};
use crate::strings::{Interner, Strings};
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One replacement made in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// Byte offset of the span in the input (NFC).
    pub start: usize,
    /// End of the span in the input.
    pub end: usize,
    /// Byte offset of the written text in the output.
    pub out_start: usize,
    /// End of the written text in the output.
    pub out_end: usize,
    /// The text replaced.
    pub original: String,
    /// The canonical form.
    pub canonical: String,
    /// The glossary line the mapping came from (0 when built in memory).
    pub line: u64,
}

/// How a variant is written in the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The canonical form instead of the variant (`Kaluga`).
    #[default]
    Replace,
    /// The variant, then the canonical in brackets (`Kalouga [Kaluga]`).
    Annotate,
}

/// One glossary mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The variant to find.
    pub variant: String,
    /// Its canonical form.
    pub canonical: String,
    /// The glossary line (for the audit trail), 0 if none.
    pub line: u64,
    /// Name or acronym, when the glossary says.
    pub kind: Option<Kind>,
}

impl From<&Entry> for Entry {
    fn from(e: &Entry) -> Entry {
        e.clone()
    }
}

impl Entry {
    /// A mapping built in memory.
    pub fn new(variant: &str, canonical: &str) -> Entry {
        Entry {
            variant: variant.to_string(),
            canonical: canonical.to_string(),
            line: 0,
            kind: None,
        }
    }
}

/// What a pattern maps to: its canonical (a number in
/// [`Replacer::canonicals`]) and glossary line.
#[derive(Clone, Copy, Debug)]
struct Target {
    canonical: u32,
    line: u64,
}

/// The patterns of one case rule and how they are found.
#[derive(Clone, Debug)]
struct Automaton {
    /// `None` for the capitals: found by [`Automaton::longest_at`].
    ac: Option<AhoCorasick>,
    /// By pattern number.
    targets: Vec<Target>,
    /// The patterns by number, and their byte order (each pattern once, its
    /// first number): to try a shorter whole-word pattern when the longest
    /// match is inside a longer word (`Vladimir` in `Vladimir Poutinesque`),
    /// and to find the capitals.
    patterns: Strings,
    sorted: Vec<u32>,
    /// Patterns in capitals: canonical forms are written in capitals too.
    capitals: bool,
    /// By canonical number: the range of `sorted` holding the patterns that
    /// begin with the canonical (as this automaton writes it), when one of
    /// them is longer; empty otherwise. Only then can writing it make a
    /// longer variant with the text that follows (see [`Replacer::run`]).
    extended: Vec<(u32, u32)>,
    /// The length of the longest pattern, in bytes.
    longest: usize,
}

impl Automaton {
    /// Compile the patterns, taking the strings over (a glossary of 100 000
    /// variants is not copied again).
    fn build(map: BTreeMap<String, Target>) -> Result<Option<Automaton>> {
        let mut patterns = Strings::default();
        let mut targets = Vec::with_capacity(map.len());
        for (variant, target) in map {
            if variant.is_empty() {
                continue;
            }
            if variant.contains(' ') {
                for space in ['\u{a0}', '\u{202f}'] {
                    patterns.push(&variant.replace(' ', &space.to_string()));
                    targets.push(target);
                }
            }
            patterns.push(&variant);
            targets.push(target);
        }
        if patterns.len() == 0 {
            return Ok(None);
        }
        patterns.shrink_to_fit();
        targets.shrink_to_fit();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build((0..patterns.len()).map(|i| patterns.get(i)))
            .map_err(|e| Error::usage(format!("cannot compile the glossary: {e}")))?;
        let sorted = patterns.sorted()?;
        Ok(Some(Automaton {
            ac: Some(ac),
            targets,
            patterns,
            sorted,
            capitals: false,
            extended: Vec::new(),
            longest: 0,
        }))
    }

    /// The capitals of `exact`'s patterns: names upper-cased, acronyms of
    /// three letters or more as they are; a two-letter acronym is too often
    /// a word (`THE PLAN IS READY`). No second automaton: lines in capitals
    /// are rare, and one as large as `exact` would double its memory; the
    /// patterns are found by binary search in their byte order instead.
    fn capitals(exact: &Automaton) -> Result<Option<Automaton>> {
        let mut patterns = Strings::default();
        let mut targets = Vec::new();
        for (i, &target) in exact.targets.iter().enumerate() {
            let variant = exact.patterns.get(i);
            let letters = variant.chars().filter(|c| c.is_alphabetic()).count();
            let acronym = !variant.chars().any(char::is_lowercase);
            if acronym && letters < 3 {
                continue;
            }
            patterns.push(&variant.to_uppercase());
            targets.push(target);
        }
        if patterns.len() == 0 {
            return Ok(None);
        }
        patterns.shrink_to_fit();
        targets.shrink_to_fit();
        // Of two variants with the same capitals, the first in byte order
        // decides (`sorted` keeps the first number of equal patterns).
        let sorted = patterns.sorted()?;
        Ok(Some(Automaton {
            ac: None,
            targets,
            patterns,
            sorted,
            capitals: true,
            extended: Vec::new(),
            longest: 0,
        }))
    }

    /// Fill [`Automaton::extended`] and [`Automaton::longest`] for these
    /// canonical forms. Patterns that begin with a pattern `p` come right
    /// after `p` in byte order, so one look at the next pattern tells.
    fn mark_extended(mut self, canonicals: &Strings) -> Automaton {
        let pattern = |p: u32| self.patterns.get(p as usize);
        self.longest = (0..self.patterns.len())
            .map(|i| self.patterns.get(i).len())
            .max()
            .unwrap_or(0);
        self.extended = (0..canonicals.len())
            .map(|c| {
                let text = canonicals.get(c);
                let text = if self.capitals {
                    Cow::Owned(text.to_uppercase())
                } else {
                    Cow::Borrowed(text)
                };
                let text = text.as_ref();
                // Below `text`, then the patterns that begin with it, then
                // the rest: two binary searches find the middle run.
                let lo = self.sorted.partition_point(|&p| pattern(p) < text);
                let hi = self
                    .sorted
                    .partition_point(|&p| pattern(p) < text || pattern(p).starts_with(text));
                let longer = self.sorted[lo..hi]
                    .iter()
                    .any(|&p| pattern(p).len() > text.len());
                // Below 2^32: the patterns are numbered in u32.
                if longer {
                    (lo as u32, hi as u32)
                } else {
                    (0, 0)
                }
            })
            .collect();
        self
    }

    /// Would `written` followed by `after` begin with a variant longer than
    /// `written`, one a second pass would rewrite (a name of its own, such
    /// as `Shasai Rai` after `Chasai` → `Shasai`, is left as it is)?
    fn runs_into_longer(
        &self,
        canonical: u32,
        written: &str,
        after: &str,
        canonicals: &Strings,
    ) -> bool {
        let Some(&(lo, hi)) = self.extended.get(canonical as usize) else {
            return false;
        };
        if lo == hi {
            return false;
        }
        let hay = &after.as_bytes()[..after.len().min(self.longest)];
        let range = &self.sorted[lo as usize..hi as usize];
        self.longest_from(range, written.len(), hay)
            .is_some_and(|(len, p)| {
                let pattern = self.patterns.get(p);
                let canonical = canonicals.get(self.targets[p].canonical as usize);
                let rewritten = if self.capitals {
                    canonical.to_uppercase() != pattern
                } else {
                    canonical != pattern
                };
                len > written.len() && rewritten
            })
    }

    /// The leftmost-longest match in `text[span]`: start, end, pattern.
    fn find(&self, text: &str, span: std::ops::Range<usize>) -> Option<(usize, usize, usize)> {
        if let Some(ac) = &self.ac {
            let m = ac.find(Input::new(text).span(span))?;
            return Some((m.start(), m.end(), m.pattern().as_usize()));
        }
        // Patterns are whole UTF-8 strings: a match starts on a character.
        text[span.clone()].char_indices().find_map(|(i, _)| {
            let start = span.start + i;
            self.longest_at(&text.as_bytes()[start..span.end])
                .map(|(len, pattern)| (start, start + len, pattern))
        })
    }

    /// The longest pattern that `hay` starts with: its length and number.
    /// The patterns that share the first `k` bytes of `hay` are one range
    /// of the byte order, narrowed one byte at a time (a trie walked in a
    /// sorted array); the shortest of a range comes first.
    fn longest_at(&self, hay: &[u8]) -> Option<(usize, usize)> {
        self.longest_from(&self.sorted, 0, hay)
    }

    /// [`Automaton::longest_at`] among the patterns of `range`, which all
    /// begin with the same `skip` bytes, for those bytes followed by `hay`
    /// (the length counts them too).
    fn longest_from(&self, range: &[u32], skip: usize, hay: &[u8]) -> Option<(usize, usize)> {
        let pattern = |p: u32| self.patterns.get(p as usize).as_bytes();
        let mut range = range;
        let mut best = None;
        for (k, &b) in (skip..).zip(hay) {
            // Every pattern in `range` starts with the bytes before k.
            let lo = range.partition_point(|&p| pattern(p).get(k).is_none_or(|&c| c < b));
            let hi = range.partition_point(|&p| pattern(p).get(k).is_none_or(|&c| c <= b));
            range = &range[lo..hi];
            let Some(&first) = range.first() else { break };
            if pattern(first).len() == k + 1 {
                best = Some((k + 1, first as usize));
            }
        }
        best
    }

    /// The end of `(X)` that follows a match ending at `end` (after one
    /// space at most), when `X` is a variant of the same canonical: the
    /// other half of a definition. `limit` ends the line. Not when a word
    /// or another bracket follows (`(IS)group`, `(EI) (Daech)`), nor when
    /// the canonical `written` and what follows the bracket would make a
    /// longer variant (`Islamic State (IS) Khorasan Province`): a second
    /// pass would change the copy again.
    fn echo(
        &self,
        text: &str,
        end: usize,
        limit: usize,
        canonical: u32,
        written: &str,
        canonicals: &Strings,
    ) -> Option<usize> {
        let rest = &text[end..limit];
        let rest = rest.strip_prefix([' ', '\u{a0}']).unwrap_or(rest);
        let inner = rest.strip_prefix('(')?;
        let inner = &inner[..inner.find(')')?];
        let i = self.patterns.find(&self.sorted, inner)?;
        if self.targets[i].canonical != canonical {
            return None;
        }
        let close = limit - rest.len() + 1 + inner.len() + 1;
        let after = &text[close..limit];
        let glued = after.chars().next().is_some_and(char::is_alphanumeric);
        let bracket = after.trim_start_matches([' ', '\u{a0}']).starts_with('(');
        if glued || bracket {
            return None;
        }
        (!self.runs_into_longer(canonical, written, after, canonicals)).then_some(close)
    }

    /// The longest pattern that starts at `start`, ends before `end` on a
    /// word boundary and is a whole word there.
    fn shorter(&self, text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let mut p = end;
        while p > start {
            p -= 1;
            while !text.is_char_boundary(p) {
                p -= 1;
            }
            if p > start
                && on_boundaries(text, start, p)
                && let Some(i) = self.patterns.find(&self.sorted, &text[start..p])
            {
                return Some((p, i));
            }
        }
        None
    }
}

/// A compiled variant → canonical mapping.
#[derive(Clone, Debug)]
pub struct Replacer {
    exact: Option<Automaton>,
    /// The canonical forms, each once.
    canonicals: Strings,
    /// The all-capitals patterns (a sorted table, no automaton: see
    /// [`Automaton::capitals`]), made the first time a line in capitals is
    /// met (most corpora have none).
    upper: std::sync::OnceLock<Option<Automaton>>,
    /// Is the all-capitals rule on?
    caps: bool,
    mode: Mode,
    variants: usize,
}

/// The result of canonicalising one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The canonical copy.
    pub text: String,
    /// The replacements, in text order.
    pub replacements: Vec<Replacement>,
    /// The input was not NFC and was normalised first.
    pub normalized: bool,
}

impl Replacer {
    /// Compile `(variant, canonical, line)` triples in replace mode. The
    /// first mapping of a variant wins.
    ///
    /// # Errors
    /// The automaton cannot be built (far beyond any real glossary).
    pub fn new(pairs: &[(String, String, u64)]) -> Result<Replacer> {
        Replacer::builder().build(pairs.iter().map(|(v, c, l)| Entry {
            variant: v.clone(),
            canonical: c.clone(),
            line: *l,
            kind: None,
        }))
    }

    /// A builder for the other options.
    pub fn builder() -> ReplacerBuilder {
        ReplacerBuilder::default()
    }

    /// Number of variants compiled.
    pub fn len(&self) -> usize {
        self.variants
    }

    /// Is the mapping empty?
    pub fn is_empty(&self) -> bool {
        self.variants == 0
    }

    /// Canonicalise `text`; returns the new text and the replacements made
    /// (variants equal to their canonical are matched but not reported).
    pub fn replace(&self, text: &str) -> (String, Vec<Replacement>) {
        let out = self.canonicalize(text);
        (out.text, out.replacements)
    }

    /// Canonicalise `text` (see the module documentation).
    pub fn canonicalize(&self, text: &str) -> Output {
        match crate::normalize::to_nfc(text) {
            Cow::Borrowed(text) => self.run(text, false),
            Cow::Owned(nfc) => self.run(&nfc, true),
        }
    }

    fn run(&self, text: &str, normalized: bool) -> Output {
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut done = Vec::new();
        let mut copied = 0;
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let range = line_start..line_start + line.len();
            line_start = range.end;
            let automaton = if self.caps && all_caps(line) {
                self.upper_automaton()
            } else {
                self.exact.as_ref()
            };
            let Some(automaton) = automaton else { continue };
            let mut at = range.start;
            while at < range.end {
                let Some((start, mut end, mut pattern)) = automaton.find(text, at..range.end)
                else {
                    break;
                };
                if !on_boundaries(text, start, end) {
                    match automaton.shorter(text, start, end) {
                        Some((e, i)) => (end, pattern) = (e, i),
                        None => {
                            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                            continue;
                        }
                    }
                }
                if in_url(text, start) {
                    at = end;
                    continue;
                }
                let target = automaton.targets[pattern];
                let canonical = self.canonicals.get(target.canonical as usize);
                let canonical = if automaton.capitals {
                    Cow::Owned(canonical.to_uppercase())
                } else {
                    Cow::Borrowed(canonical)
                };
                // The canonical and the words after it would make a longer
                // variant (`EI Khorasan Province` → `Islamic State Khorasan
                // Province`, which is ISKP): left as written, or a second
                // pass would change the copy again.
                if self.mode == Mode::Replace
                    && automaton.runs_into_longer(
                        target.canonical,
                        &canonical,
                        &text[end..range.end],
                        &self.canonicals,
                    )
                {
                    at = end;
                    continue;
                }
                // `Long form (SHORT)` or `SHORT (Long form)` is one mention
                // written twice: the whole definition gets the canonical
                // once (not `CSTO (CSTO)`).
                if let Some(close) = automaton.echo(
                    text,
                    end,
                    range.end,
                    target.canonical,
                    &canonical,
                    &self.canonicals,
                ) {
                    end = close;
                }
                at = end;
                let original = &text[start..end];
                if original == canonical {
                    continue;
                }
                if self.mode == Mode::Annotate {
                    // Already annotated: canonicalising twice changes nothing.
                    let already = text[end..]
                        .strip_prefix(" [")
                        .and_then(|r| r.strip_prefix(&*canonical))
                        .is_some_and(|r| r.starts_with(']'));
                    if already {
                        at = end + canonical.len() + 3;
                        continue;
                    }
                }
                out.push_str(&text[copied..start]);
                if self.mode == Mode::Replace {
                    unelide(&mut out, original, &canonical);
                }
                let out_start = out.len();
                match self.mode {
                    Mode::Replace => out.push_str(&canonical),
                    Mode::Annotate => {
                        out.push_str(original);
                        out.push_str(" [");
                        out.push_str(&canonical);
                        out.push(']');
                    }
                }
                done.push(Replacement {
                    start,
                    end,
                    out_start,
                    out_end: out.len(),
                    original: original.to_string(),
                    canonical: canonical.into_owned(),
                    line: target.line,
                });
                copied = end;
            }
        }
        out.push_str(&text[copied..]);
        Output {
            text: out,
            replacements: done,
            normalized,
        }
    }
}

/// Options of a [`Replacer`].
#[derive(Clone, Debug, Default)]
pub struct ReplacerBuilder {
    mode: Mode,
    only: Option<Kind>,
    caps: bool,
}

impl ReplacerBuilder {
    /// Replace (default) or annotate.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Only replace variants of this kind (entries without a kind are kept).
    pub fn only(mut self, kind: Option<Kind>) -> Self {
        self.only = kind;
        self
    }

    /// Do not apply the all-capitals rule.
    pub fn exact_case_only(mut self, yes: bool) -> Self {
        self.caps = yes;
        self
    }

    /// Compile the entries. The first mapping of a variant wins; canonical
    /// forms map to themselves.
    ///
    /// # Errors
    /// The automaton cannot be built.
    pub fn build<I>(self, entries: I) -> Result<Replacer>
    where
        I: IntoIterator,
        I::Item: Into<Entry>,
    {
        let mut map: BTreeMap<String, Target> = BTreeMap::new();
        // Canonical forms, each once, with the line of their first entry.
        let mut interner = Interner::default();
        let mut canonical_lines: Vec<u64> = Vec::new();
        for e in entries {
            let e: Entry = e.into();
            if self.only.is_some() && e.kind.is_some() && e.kind != self.only {
                continue;
            }
            let canonical = interner.intern(&e.canonical).ok_or_else(|| {
                Error::usage(format!(
                    "too many canonical forms in the glossary: {}",
                    interner.len()
                ))
            })?;
            if canonical as usize == canonical_lines.len() {
                canonical_lines.push(e.line);
            }
            map.entry(e.variant).or_insert(Target {
                canonical,
                line: e.line,
            });
        }
        let canonicals = interner.into_strings();
        for (c, &line) in canonical_lines.iter().enumerate() {
            let canonical = canonicals.get(c);
            if !map.contains_key(canonical) {
                // Below 2^32: checked when numbered.
                let target = Target {
                    canonical: c as u32,
                    line,
                };
                map.insert(canonical.to_string(), target);
            }
        }
        drop(canonical_lines);
        Ok(Replacer {
            variants: map.len(),
            exact: Automaton::build(map)?.map(|a| a.mark_extended(&canonicals)),
            canonicals,
            upper: std::sync::OnceLock::new(),
            caps: !self.caps,
            mode: self.mode,
        })
    }
}

impl Replacer {
    fn upper_automaton(&self) -> Option<&Automaton> {
        self.upper
            .get_or_init(|| {
                // Made from the exact automaton's patterns; patterns that
                // were checked once are fine here too.
                Automaton::capitals(self.exact.as_ref()?)
                    .ok()
                    .flatten()
                    .map(|a| a.mark_extended(&self.canonicals))
            })
            .as_ref()
    }
}

/// Is this line written all in capitals (at least three letters, none in
/// lower case)? Cheap for ordinary lines: it stops at the first lower-case
/// ASCII letter.
fn all_caps(line: &str) -> bool {
    if line.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let mut upper = 0;
    for c in line.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        }
    }
    upper >= 3
}

/// French elides `de` and `que` before a vowel. When the variant began
/// with one and the canonical name does not (`d’Asie centrale` → `de
/// Central Asia`, not `d’Central Asia`), the elided word is written whole
/// again at the end of `out`, in its case. Not before an acronym, whose
/// letter names may well take the elision (`l’FSB`, `d’SCO`), nor before
/// `h`.
fn unelide(out: &mut String, original: &str, canonical: &str) {
    // Most replacements follow no apostrophe: that test first.
    let Some(apostrophe) = out
        .chars()
        .next_back()
        .filter(|&c| crate::normalize::is_apostrophe(c))
    else {
        return;
    };
    let starts_with_vowel = |s: &str| {
        s.chars().next().is_some_and(|c| {
            crate::normalize::fold(&c.to_string()).starts_with(['a', 'e', 'i', 'o', 'u', 'y'])
        })
    };
    let consonant = canonical
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !matches!(c, 'h' | 'H'))
        && !starts_with_vowel(canonical);
    if !consonant || !starts_with_vowel(original) || crate::extract::is_acronym(canonical) {
        return;
    }
    let head = &out[..out.len() - apostrophe.len_utf8()];
    let word_start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(head.len(), |(i, _)| i);
    let word = &head[word_start..];
    let lower = word.to_lowercase();
    if !(lower == "d" || lower.ends_with("qu")) {
        return;
    }
    let e = if word.chars().all(char::is_uppercase) && word.chars().count() > 1
        || canonical.chars().all(|c| !c.is_lowercase())
    {
        "E "
    } else {
        "e "
    };
    let keep = head.len();
    out.truncate(keep);
    out.push_str(e);
}

/// Does `text[start..]` lie inside a web address (`https://…/wiki/Kalouga`,
/// `www.kalouga.ru/Kalouga`)? A link must keep working: its words are not
/// replaced. The address is the run of text before `start` back to a space
/// or an opening bracket or quote (a Markdown link's text `[Kalouga]` is
/// no address).
fn in_url(text: &str, start: usize) -> bool {
    let opens = |c: char| c.is_whitespace() || matches!(c, '(' | '[' | '<' | '"' | '«' | '“');
    let before = &text[..start];
    // The usual case, a match after a space, costs one character.
    if before.chars().next_back().is_none_or(opens) {
        return false;
    }
    let window = before.len().saturating_sub(2048);
    let run_start = before
        .char_indices()
        .rev()
        .take_while(|&(i, c)| i >= window && !opens(c))
        .last()
        .map_or(start, |(i, _)| i);
    let run = &before[run_start..];
    run.contains("://") || run.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("www."))
}

/// Is `text[start..end]` a whole word (or words)?
pub fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let ok_before = match before.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_hyphen(c) || c == '_' => !before.next().is_some_and(is_word_char),
        Some(_) => true,
    };
    let mut after = text[end..].chars();
    let ok_after = match after.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some(c) if is_hyphen(c) || c == '_' => !after.next().is_some_and(is_word_char),
        Some(_) => true,
    };
    // A combining mark right after the match belongs to its last letter.
    let combining = text[end..]
        .chars()
        .next()
        .is_some_and(unicode_normalization::char::is_combining_mark);
    ok_before && ok_after && !combining
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replacer(pairs: &[(&str, &str)]) -> Replacer {
        let v: Vec<(String, String, u64)> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string(), 0))
            .collect();
        Replacer::new(&v).unwrap()
    }

    #[test]
    fn boundaries_and_elision() {
        let r = replacer(&[
            ("EI-K", "ISKP"),
            ("EI", "Islamic State"),
            ("Iran", "Iran"),
            ("Ouzbékistan", "Uzbekistan"),
            ("Kalouga", "Kaluga"),
        ]);
        let cases = [
            ("l’EI-K a frappé", "l’ISKP a frappé"),
            ("l'EI s'est vu", "l'Islamic State s'est vu"),
            ("l'EI-Khorassan", "l'EI-Khorassan"),
            ("Iranien", "Iranien"),
            ("d’Ouzbékistan", "d’Uzbekistan"),
            ("Ouzbékistanais", "Ouzbékistanais"),
            ("région de Kalouga.", "région de Kaluga."),
            ("KalougaX Kalouga", "KalougaX Kaluga"),
            (
                "pro-Kalouga et Kalouga-ville",
                "pro-Kalouga et Kalouga-ville",
            ),
            ("Kalouga’s", "Kaluga’s"),
            // A footnote mark is no letter (as in extraction).
            ("Kalouga¹ et Kalouga₂", "Kaluga¹ et Kaluga₂"),
        ];
        for (input, want) in cases {
            assert_eq!(r.replace(input).0, want, "in {input:?}");
        }
    }

    #[test]
    fn idempotent_and_offsets() {
        let r = replacer(&[
            ("Poutine", "Vladimir Putin"),
            ("Vladimir Poutine", "Vladimir Putin"),
        ]);
        let (once, reps) = r.replace("Vladimir Poutine et Poutine.");
        assert_eq!(once, "Vladimir Putin et Vladimir Putin.");
        assert_eq!(r.replace(&once).0, once);
        for rep in reps {
            assert_eq!(&once[rep.out_start..rep.out_end], rep.canonical);
        }
    }

    #[test]
    fn nbsp_in_text() {
        let r = replacer(&[("ISIS K", "ISKP")]);
        assert_eq!(
            r.replace("que ISIS\u{a0}K preparait").0,
            "que ISKP preparait"
        );
    }

    #[test]
    fn all_capitals_headline() {
        let r = replacer(&[
            ("Kalouga", "Kaluga"),
            ("Ouzbékistan", "Uzbekistan"),
            ("ISIS-K", "ISKP"),
        ]);
        assert_eq!(
            r.replace("L’ISIS-K FRAPPE KALOUGA ET L’OUZBÉKISTAN\nKALOUGA est ici en capitales.\n")
                .0,
            "L’ISKP FRAPPE KALUGA ET L’UZBEKISTAN\nKALOUGA est ici en capitales.\n"
        );
    }

    #[test]
    fn short_acronyms_are_words_in_capitals() {
        let r = replacer(&[("IS", "Islamic State"), ("Kalouga", "Kaluga")]);
        assert_eq!(
            r.replace("THE PLAN IS READY IN KALOUGA\n").0,
            "THE PLAN IS READY IN KALUGA\n"
        );
        assert_eq!(
            r.replace("The IS claimed it.").0,
            "The Islamic State claimed it."
        );
    }

    #[test]
    fn a_shorter_whole_word_variant_when_the_longest_is_inside_a_word() {
        let r = replacer(&[
            ("Vladimir", "Vladimir Putin"),
            ("Vladimir Poutine", "Vladimir Putin"),
        ]);
        assert_eq!(
            r.replace("Vladimir Poutinesque.").0,
            "Vladimir Putin Poutinesque."
        );
        assert_eq!(r.replace("Vladimir Poutine.").0, "Vladimir Putin.");
    }

    #[test]
    fn an_elided_de_or_que_is_written_whole_before_a_consonant() {
        let r = replacer(&[
            ("Asie centrale", "Central Asia"),
            ("Ouzbékistan", "Uzbekistan"),
            ("Organisation de coopération de Shanghai", "SCO"),
            ("Hérat", "Herat"),
        ]);
        let cases = [
            ("les pays d’Asie centrale", "les pays de Central Asia"),
            ("D'Asie centrale, rien.", "De Central Asia, rien."),
            ("lorsqu’Asie centrale", "lorsque Central Asia"),
            // A vowel still: the elision stays.
            ("d’Ouzbékistan", "d’Uzbekistan"),
            // An acronym's letter may take it (`d’SCO`, said `d’esse`), and
            // `l’` would need the gender: both left as they were.
            ("d’Organisation de coopération de Shanghai", "d’SCO"),
            ("l’Asie centrale", "l’Central Asia"),
            ("d’Hérat", "d’Herat"),
            // `d’` must be a word.
            ("Sud’Asie centrale", "Sud’Central Asia"),
        ];
        for (input, want) in cases {
            let (once, reps) = r.replace(input);
            assert_eq!(once, want, "in {input:?}");
            for rep in &reps {
                assert_eq!(&once[rep.out_start..rep.out_end], rep.canonical);
                assert_eq!(&input[rep.start..rep.end], rep.original);
            }
            assert_eq!(r.replace(&once).0, once, "idempotent: {input:?}");
        }
    }

    #[test]
    fn web_addresses_are_left_as_they_are() {
        let r = replacer(&[("Kalouga", "Kaluga")]);
        let text = "Voir https://fr.wikipedia.org/wiki/Kalouga, [Kalouga](https://x.org/Kalouga) \
                    ou www.kalouga.ru/Kalouga et l’oblast de Kalouga.";
        let want = "Voir https://fr.wikipedia.org/wiki/Kalouga, [Kaluga](https://x.org/Kalouga) \
                    ou www.kalouga.ru/Kalouga et l’oblast de Kaluga.";
        assert_eq!(r.replace(text).0, want);
    }

    #[test]
    fn a_canonical_never_makes_a_longer_variant_with_what_follows() {
        let r = replacer(&[
            ("EI", "Islamic State"),
            ("Islamic State Khorasan Province", "ISKP"),
            ("Kalouga", "Kaluga"),
            ("Chasai", "Shasai"),
            ("Shasai Rai", "Shasai Rai"),
        ]);
        let cases = [
            // A longer name of its own is no change on a second pass.
            ("Chasai Rai", "Shasai Rai"),
            // Written, the canonical would read as ISKP on a second pass.
            ("l’EI Khorasan Province", "l’EI Khorasan Province"),
            (
                "l’EI Khorasan a frappé",
                "l’Islamic State Khorasan a frappé",
            ),
            ("l’EI, Kalouga", "l’Islamic State, Kaluga"),
        ];
        for (input, want) in cases {
            let once = r.replace(input).0;
            assert_eq!(once, want, "in {input:?}");
            assert_eq!(r.replace(&once).0, once, "idempotent: {input:?}");
        }
    }

    #[test]
    fn a_definition_is_one_mention() {
        let r = replacer(&[
            ("État islamique au Khorassan", "ISKP"),
            ("EI-K", "ISKP"),
            ("IS", "Islamic State"),
            ("Islamic State", "Islamic State"),
            ("Islamic State Khorasan Province", "ISKP"),
            ("Islamic State in Khorasan", "ISKP"),
            ("Kalouga", "Kaluga"),
            ("Russie", "Russia"),
        ]);
        let text = "L’État islamique au Khorassan (EI-K) a revendiqué, puis l’EI-K.";
        let (once, reps) = r.replace(text);
        assert_eq!(once, "L’ISKP a revendiqué, puis l’ISKP.");
        assert_eq!(reps.len(), 2);
        assert_eq!(reps[0].original, "État islamique au Khorassan (EI-K)");
        assert_eq!(&once[reps[0].out_start..reps[0].out_end], "ISKP");
        assert_eq!(r.replace(&once).0, once);
        let cases = [
            // Either order; the half already canonical goes too.
            (
                "the EI-K (État islamique au Khorassan) said",
                "the ISKP said",
            ),
            ("the Islamic State (IS) said", "the Islamic State said"),
            // Two entities, or brackets that hold more than a name, stay.
            ("Kalouga (Russie)", "Kaluga (Russia)"),
            (
                "the Islamic State (IS, Daech) said",
                "the Islamic State (Islamic State, Daech) said",
            ),
            ("EI-K\n(EI-K)", "ISKP\n(ISKP)"),
            // The name might run on after the brackets: both halves kept.
            (
                "the Islamic State(IS)group",
                "the Islamic State(Islamic State)group",
            ),
            (
                "the Islamic State (IS) Khorasan Province",
                "the Islamic State (Islamic State) Khorasan Province",
            ),
            (
                "the Islamic State (IS) in Khorasan",
                "the Islamic State (Islamic State) in Khorasan",
            ),
            (
                "the Islamic State (IS) (EI-K)",
                "the Islamic State (Islamic State) (ISKP)",
            ),
            ("the Islamic State (IS). Then", "the Islamic State. Then"),
            ("the Islamic State (IS) Monday", "the Islamic State Monday"),
            // A headline in capitals.
            (
                "L’ÉTAT ISLAMIQUE AU KHORASSAN (EI-K) FRAPPE",
                "L’ISKP FRAPPE",
            ),
        ];
        for (input, want) in cases {
            let once = r.replace(input).0;
            assert_eq!(once, want, "in {input:?}");
            assert_eq!(r.replace(&once).0, once, "idempotent: {input:?}");
        }
        let annotate = Replacer::builder()
            .mode(Mode::Annotate)
            .build(&[
                Entry::new("EI-K", "ISKP"),
                Entry::new("État islamique", "ISKP"),
            ])
            .unwrap();
        let once = annotate.replace("l’État islamique (EI-K) frappe").0;
        assert_eq!(once, "l’État islamique (EI-K) [ISKP] frappe");
        assert_eq!(annotate.replace(&once).0, once);
    }

    #[test]
    fn annotate_mode_is_idempotent() {
        let entries = [Entry::new("Kalouga", "Kaluga")];
        let r = Replacer::builder()
            .mode(Mode::Annotate)
            .build(&entries)
            .unwrap();
        let (once, reps) = r.replace("à Kalouga.");
        assert_eq!(once, "à Kalouga [Kaluga].");
        assert_eq!(
            &once[reps[0].out_start..reps[0].out_end],
            "Kalouga [Kaluga]"
        );
        assert_eq!(r.replace(&once).0, once);
    }

    #[test]
    fn only_one_kind() {
        let entries = [
            Entry {
                kind: Some(Kind::Acronym),
                ..Entry::new("EI-K", "ISKP")
            },
            Entry {
                kind: Some(Kind::Name),
                ..Entry::new("Kalouga", "Kaluga")
            },
        ];
        let r = Replacer::builder()
            .only(Some(Kind::Acronym))
            .build(&entries)
            .unwrap();
        assert_eq!(r.replace("EI-K à Kalouga").0, "ISKP à Kalouga");
    }

    #[test]
    fn capitals_are_found_as_an_automaton_would() {
        // The capitals table (binary search) against an automaton of the
        // same patterns, from every start.
        let words = [
            "KALOUGA",
            "KALOUGA-NORD",
            "KAL",
            "ISIS-K",
            "ISIS",
            "ÉTAT ISLAMIQUE",
            "ÉTAT",
            "L’ÉTAT",
            "OUZBÉKISTAN",
            "OUZ",
        ];
        let mut map = BTreeMap::new();
        for (i, w) in words.iter().enumerate() {
            let t = Target {
                canonical: i as u32,
                line: 0,
            };
            map.insert(w.to_lowercase(), t);
        }
        let exact = Automaton::build(map).unwrap().unwrap();
        let caps = Automaton::capitals(&exact).unwrap().unwrap();
        let mut patterns: Vec<String> = (0..caps.patterns.len())
            .map(|i| caps.patterns.get(i).to_string())
            .collect();
        patterns.sort();
        patterns.dedup();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap();
        let text = "L’ÉTAT ISLAMIQUE À KALOUGA-NORD, KALOUGA ET OUZBÉKISTAN; ISIS-KX ISIS KAL ÉTAT";
        for (at, _) in text.char_indices() {
            let want = ac
                .find(Input::new(text).span(at..text.len()))
                .map(|m| (m.start(), &text[m.range()]));
            let got = caps
                .find(text, at..text.len())
                .map(|(s, _, p)| (s, caps.patterns.get(p)));
            assert_eq!(got, want, "from {at}");
            if let Some((s, e, p)) = caps.find(text, at..text.len()) {
                assert_eq!(&text[s..e], caps.patterns.get(p));
            }
        }
    }

    #[test]
    fn nfd_input_is_normalised() {
        let r = replacer(&[("Ouzbékistan", "Uzbekistan")]);
        let out = r.canonicalize("en Ouzbe\u{301}kistan");
        assert!(out.normalized);
        assert_eq!(out.text, "en Uzbekistan");
        assert!(!r.canonicalize("en Ouzbékistan").normalized);
    }
}
