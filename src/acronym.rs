//! Acronyms and their long forms, found in the text (Schwartz–Hearst) and
//! compared across languages through the lexicon.
//!
//! Three patterns define an acronym in running text:
//! `long form (ACR)`, `ACR (long form)` and the apposition
//! `long form, le ACR`. The long form is found by matching the acronym's
//! letters right to left inside a bounded window (Schwartz & Hearst 2003),
//! with two extensions for our corpus:
//! - `acronym-def-partial`: an acronym of four letters or more whose first
//!   letter is an implied designator (`l'État islamique au Khorasan (OEI-K)`,
//!   where `O` is *organisation*);
//! - `acronym-def-translated`: the acronym of the other language
//!   (`la province du Khorasan de l'État islamique (ISKP)`), accepted when the
//!   initials of the translated long form are the acronym's letters in some
//!   order.

use crate::extract::{Word, is_acronym};
use crate::lang::Lang;
use crate::lexicon::{Lexicon, Role};
use crate::normalize::{fold, is_apostrophe};
use std::ops::Range;

/// An acronym defined in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// The acronym's byte span.
    pub short_span: Range<usize>,
    /// The long form's byte span (elided article excluded).
    pub long_span: Range<usize>,
    /// The rule that found it (`acronym-def`, `acronym-def-partial`,
    /// `acronym-def-translated`, `acronym-apposition`).
    pub rule: &'static str,
}

/// The letters of an acronym, folded: `EI-K` → `eik`, `I-24/7` → `i247`.
pub fn letters(acronym: &str) -> String {
    fold(acronym)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The initials of a name's words, folded: each acronym inside counts all
/// its letters, function words in lower case count none (`Al-Qaeda in the
/// Arabian Peninsula` → `aqap`, `Al-Qaïda au Maghreb islamique` → `aqmi`,
/// `CF2R` → `cf2r`).
///
/// ```
/// use nomina::lexicon::Lexicon;
/// let lexicon = Lexicon::builtin();
/// assert_eq!(nomina::acronym::initials("Al-Qaeda in the Arabian Peninsula", &lexicon), "aqap");
/// ```
pub fn initials(name: &str, lexicon: &Lexicon) -> String {
    let mut out = String::new();
    for t in name.split(|c: char| c.is_whitespace() || crate::normalize::is_hyphen(c)) {
        let core = &t[crate::normalize::elision_len(t)..];
        if is_acronym(core) {
            out.push_str(&letters(core));
            continue;
        }
        let folded = fold(core);
        if (core.chars().next().is_some_and(char::is_uppercase) || !lexicon.is_stop(&folded))
            && let Some(c) = folded.chars().next()
        {
            out.push(c);
        }
    }
    out
}

/// Do the initials of `long` (written in `lang`) spell `acronym`? In its
/// own language the initials must keep their order (`OIM` is not `MIO`);
/// translated, they may come in reverse order or with one adjacent pair
/// swapped, as adjectives and complements move between French and English
/// (`Organisation du traité de sécurité collective` → `CSTO`, `État
/// islamique` → `IS`). Generic designators (`province`, `group`) may be left
/// out. A swap needs four letters or more unless the acronym stands
/// right beside its long form (`adjacent`). Returns whether a translation was
/// needed.
pub fn initials_match(
    acronym: &str,
    long: &str,
    lang: Lang,
    lexicon: &Lexicon,
    adjacent: bool,
) -> Option<bool> {
    let want: Vec<char> = letters(acronym).chars().collect();
    if want.len() < 2 || want.iter().any(|c| !c.is_alphabetic()) {
        return None;
    }
    let other = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
        Lang::Und => Lang::Und,
    };
    for (to, translated) in [(lang, false), (other, true)] {
        let tokens = lexicon.translate(long, lang, to);
        for keep_generic in [true, false] {
            let initials: Vec<char> = tokens
                .iter()
                .filter(|t| t.role == Role::Word || (keep_generic && t.role == Role::Generic))
                .filter_map(|t| t.text.chars().next())
                .collect();
            if initials.len() != want.len() {
                continue;
            }
            if initials == want {
                return Some(translated);
            }
            if !translated {
                continue;
            }
            let reversed: Vec<char> = initials.iter().rev().copied().collect();
            if reversed == want {
                return Some(true);
            }
            for order in [&initials, &reversed] {
                for i in 0..order.len().saturating_sub(1) {
                    let mut swapped = order.clone();
                    swapped.swap(i, i + 1);
                    if swapped == want && (adjacent || want.len() >= 4) {
                        return Some(true);
                    }
                }
            }
        }
    }
    None
}

/// Is English acronym `en` the French acronym `fr` with its words
/// translated, and no long form of either in sight? French puts the
/// adjective and the complement after the noun, so the letters come
/// reversed (`OCS` → `SCO`, `FDS` → `SDF`) or with one adjacent pair
/// swapped (`CEI` → `CIS`), and a content word may change its initial
/// through the lexicon (`É`tat → `S`tate: `EIIL` → `ISIL`); one initial at
/// most. On three letters, reversed and swapped orders together are every
/// order: a swap there needs a changed initial, so three letters match
/// their reversal (`UDC`/`CDU` too: a proposal for review, at 0.78), or an
/// anagram with one initial translated. Returns the initials that changed
/// (`[('e', 's')]`), or `None`.
pub fn translated_letters(fr: &str, en: &str, lexicon: &Lexicon) -> Option<Vec<(char, char)>> {
    let from: Vec<char> = letters(fr).chars().collect();
    let want: Vec<char> = letters(en).chars().collect();
    if from.len() < 3
        || from.len() != want.len()
        || from == want
        || from.iter().chain(&want).any(|c| !c.is_alphabetic())
    {
        return None;
    }
    let n = from.len();
    // Each French letter in its English position, for each word order.
    let mut orders: Vec<(Vec<usize>, bool)> = Vec::new();
    let straight: Vec<usize> = (0..n).collect();
    let reversed: Vec<usize> = (0..n).rev().collect();
    orders.push((reversed.clone(), false));
    for base in [&straight, &reversed] {
        for i in 0..n - 1 {
            let mut o = base.clone();
            o.swap(i, i + 1);
            orders.push((o, true));
        }
    }
    orders.push((straight, false));
    for (order, swapped) in orders {
        let mut changed = Vec::new();
        let fits = order.iter().zip(&want).all(|(&i, &w)| {
            let c = from[i];
            if c == w {
                true
            } else if lexicon.initial_translations(c).any(|t| t == w) {
                changed.push((c, w));
                true
            } else {
                false
            }
        });
        let plain_order = order.iter().enumerate().all(|(k, &i)| k == i);
        if fits
            && changed.len() <= 1
            && (!plain_order || !changed.is_empty())
            && (!swapped || n >= 4 || !changed.is_empty())
        {
            return Some(changed);
        }
    }
    None
}

/// The sorted letters `fr` may have once its words are translated, with
/// one initial changed at most as [`translated_letters`] allows (itself
/// included), for blocking.
pub fn translated_letter_sets(fr: &str, lexicon: &Lexicon) -> Vec<String> {
    let from: Vec<char> = letters(fr).chars().collect();
    let sorted = |v: Vec<char>| {
        let mut v = v;
        v.sort_unstable();
        v.into_iter().collect::<String>()
    };
    let mut keys = vec![sorted(from.clone())];
    for (i, &c) in from.iter().enumerate() {
        for d in lexicon.initial_translations(c) {
            let mut v = from.clone();
            v[i] = d;
            keys.push(sorted(v));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// One character of a long-form window, folded, with where it came from.
struct Ch {
    c: char,
    pos: usize,
}

fn fold_chars(text: &str, span: Range<usize>) -> Vec<Ch> {
    let mut out = Vec::new();
    for (i, c) in text[span.clone()].char_indices() {
        for f in fold(&c.to_string()).chars() {
            out.push(Ch {
                c: f,
                pos: span.start + i,
            });
        }
        if fold(&c.to_string()).is_empty() {
            out.push(Ch {
                c: ' ',
                pos: span.start + i,
            });
        }
    }
    out
}

/// Schwartz–Hearst: find, right to left, the start of the long form in
/// `window` whose letters spell `short`. The first letter must start a word.
fn schwartz_hearst(short: &str, text: &str, window: Range<usize>) -> Option<usize> {
    match_letters(short, text, window, false)
}

/// Like [`schwartz_hearst`], but every letter must start a word (`strict`)
/// when the match is weaker evidence (the partial rule).
fn match_letters(short: &str, text: &str, window: Range<usize>, strict: bool) -> Option<usize> {
    let s: Vec<char> = letters(short)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if s.len() < 2 {
        return None;
    }
    let l = fold_chars(text, window);
    let mut li = l.len() as isize - 1;
    let mut si = s.len() as isize - 1;
    loop {
        let c = s[si as usize];
        while li >= 0 {
            let here = &l[li as usize];
            let word_start = li == 0 || !l[li as usize - 1].c.is_alphanumeric();
            if here.c == c && ((si > 0 && !strict) || word_start) {
                break;
            }
            li -= 1;
        }
        if li < 0 {
            return None;
        }
        if si == 0 {
            return Some(l[li as usize].pos);
        }
        li -= 1;
        si -= 1;
    }
}

const DETERMINERS: &[&str] = &[
    "le", "la", "les", "un", "une", "the", "a", "an", "ses", "son", "sa", "leur", "its", "his",
    "their", "this", "cette", "ce", "via",
];

/// Words before index `end` (exclusive) that may hold a long form: the
/// word right before `end`, then as long as words are joined by spaces only
/// (same line, no punctuation), at most `max` words.
fn window_before(words: &[Word], end: usize, max: usize) -> usize {
    let mut start = end;
    while start > 0 && end - start < max {
        if start < end && !words[start].joined {
            break;
        }
        start -= 1;
    }
    start
}

/// The start of the word holding byte `pos`, after its elided article.
/// `words` are in text order and do not overlap: a binary search, not a
/// walk from the start of the document for every definition.
fn word_core_start(words: &[Word], pos: usize) -> Option<(usize, usize)> {
    let i = words.partition_point(|w| w.span.end <= pos);
    words
        .get(i)
        .filter(|w| w.span.contains(&pos))
        .map(|w| (i, w.core.start))
}

/// Does a definition found by `rule` write the long form as the entity's
/// name (`État islamique au Khorassan (EI-K)`, `le Mouvement Islamique
/// d’Ouzbékistan, le MIO`), rather than explain the acronym in passing
/// (`acronym-gloss`, `acronym-said`)? Such a long form is the formal name,
/// preferred as canonical.
pub fn names_long_form(rule: &str) -> bool {
    matches!(
        rule,
        "acronym-def" | "acronym-def-translated" | "acronym-apposition"
    )
}

/// Find the acronym definitions of one text.
pub(crate) fn definitions(
    text: &str,
    words: &[Word],
    lang_at: &dyn Fn(usize) -> Lang,
    lexicon: &Lexicon,
) -> Vec<Definition> {
    let mut out = said(text, words);
    for (k, w) in words.iter().enumerate() {
        let word = &text[w.core.clone()];
        if !is_acronym(word) || w.blocked {
            continue;
        }
        let before = text[..w.span.start].trim_end_matches([' ', '\u{a0}']);
        let after = text[w.span.end..].trim_start_matches([' ', '\u{a0}']);
        let n = letters(word).len();
        // `long form (ACR)`
        if before.ends_with('(') && after.starts_with(')') && k > 0 {
            let max = (n + 5).min(2 * n).max(3);
            let lo = window_before(words, k, max + 1);
            if lo >= k {
                continue;
            }
            let window = words[lo].span.start..words[k - 1].span.end;
            let lang = lang_at(w.span.start);
            if let Some(def) = long_before(text, words, lo, k, window, word, lang, lexicon) {
                out.push(Definition {
                    short_span: w.core.clone(),
                    ..def
                });
            }
            continue;
        }
        // `ACR (long form)`
        if let Some(inner) = after.strip_prefix('(') {
            if let Some(close) = inner.find(')') {
                let start = text.len() - inner.len();
                let span = start..start + close;
                if let Some(pos) = schwartz_hearst(word, text, span.clone()) {
                    let long = &text[pos..span.end];
                    if long.split_whitespace().count() <= (n + 5).min(2 * n)
                        && long.split_whitespace().count() >= 2
                    {
                        let (_, core) = word_core_start(words, pos).unwrap_or((0, pos));
                        out.push(Definition {
                            short_span: w.core.clone(),
                            long_span: core..span.end,
                            rule: "acronym-def",
                        });
                    }
                }
            }
            continue;
        }
        // `long form, le ACR` (apposition)
        let det = k
            .checked_sub(1)
            .map(|d| text[words[d].span.clone()].to_lowercase());
        if let Some(det) = det
            && matches!(det.as_str(), "le" | "la" | "les" | "the")
            && k >= 2
        {
            let before_det = text[..words[k - 1].span.start].trim_end_matches([' ', '\u{a0}']);
            if let Some(stripped) = before_det.strip_suffix(',') {
                let end_word = words[..k - 1]
                    .iter()
                    .rposition(|x| x.span.end <= stripped.len());
                if let Some(e) = end_word {
                    let max = (n + 5).min(2 * n).max(3);
                    let lo = window_before(words, e + 1, max);
                    let window = words[lo].span.start..words[e].span.end;
                    if let Some(pos) = schwartz_hearst(word, text, window.clone()) {
                        let (_, core) = word_core_start(words, pos).unwrap_or((0, pos));
                        out.push(Definition {
                            short_span: w.core.clone(),
                            long_span: core..window.end,
                            rule: "acronym-apposition",
                        });
                    }
                }
            }
        }
    }
    out
}

/// Words that say, in a gloss, that a name is an acronym of another:
/// `Daesh [Arabic acronym for IS]`, `Daech (acronyme arabe de l'EI)`.
const SAID: &[&str] = &[
    "acronym for",
    "acronym of",
    "abbreviation for",
    "abbreviation of",
    "acronyme arabe de",
    "acronyme arabe du",
    "acronyme anglais de",
    "acronyme de",
    "acronyme du",
    "sigle de",
    "sigle du",
    "abréviation de",
];

/// `Daesh [Arabic acronym for IS]`: a bracket right after a capitalised
/// word that says the word is an acronym of a name (rule `acronym-said`).
fn said(text: &str, words: &[Word]) -> Vec<Definition> {
    let mut out = Vec::new();
    for w in words {
        let word = &text[w.core.clone()];
        if w.blocked || !word.starts_with(char::is_uppercase) {
            continue;
        }
        let after = text[w.span.end..].trim_start_matches([' ', '\u{a0}']);
        let Some(close) = (match after.chars().next() {
            Some('[') => Some(']'),
            Some('(') => Some(')'),
            _ => None,
        }) else {
            continue;
        };
        let open = text.len() - after.len() + 1;
        let Some(len) = text[open..].find(close) else {
            continue;
        };
        let inner = &text[open..open + len];
        let lower = crate::normalize::plain_apostrophes(&inner.to_lowercase());
        for cue in SAID {
            if let Some(at) = lower.find(cue) {
                // The name after the cue, up to the bracket, without elision.
                let mut start = open + at + cue.len();
                let rest = &text[start..open + len];
                start += rest.len() - rest.trim_start().len();
                // `de l’EI`, `du MIO`: the article goes.
                let rest = &text[start..open + len];
                start += crate::normalize::elision_len(rest);
                for article in ["la ", "le ", "les ", "the "] {
                    if text[start..]
                        .get(..article.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(article))
                    {
                        start += article.len();
                    }
                }
                let name = text[start..open + len].trim_end();
                if name.starts_with(char::is_uppercase) && name.split_whitespace().count() <= 4 {
                    out.push(Definition {
                        short_span: w.core.clone(),
                        long_span: start..start + name.len(),
                        rule: "acronym-said",
                    });
                }
                break;
            }
        }
    }
    out
}

/// The long form standing before `(ACR)`: Schwartz–Hearst first, then the
/// partial and translated extensions.
#[allow(clippy::too_many_arguments)]
fn long_before(
    text: &str,
    words: &[Word],
    lo: usize,
    k: usize,
    window: Range<usize>,
    acronym: &str,
    lang: Lang,
    lexicon: &Lexicon,
) -> Option<Definition> {
    let def = |pos: usize, rule| {
        let (i, core) = word_core_start(words, pos)?;
        let core = if is_apostrophe_before(text, pos) {
            pos
        } else {
            core.max(words[i].core.start)
        };
        Some(Definition {
            short_span: 0..0,
            long_span: core..window.end,
            rule,
        })
    };
    if let Some(pos) = schwartz_hearst(acronym, text, window.clone()) {
        let d = def(pos, "acronym-def")?;
        if text[d.long_span.clone()].split_whitespace().count() >= 2 || letters(acronym).len() <= 3
        {
            return Some(d);
        }
    }
    let stripped: String = acronym
        .chars()
        .skip_while(|c| !c.is_alphabetic())
        .skip(1)
        .collect();
    if letters(&stripped).len() >= 3
        && let Some(pos) = match_letters(&stripped, text, window.clone(), true)
    {
        return def(pos, "acronym-def-partial");
    }
    // Walk back to a determiner (`une cellule de la [province du Khorasan de
    // l'État islamique] (ISKP)`), then, when nothing matched and the name
    // would start in lower case, to the one before (`le Bureau de lutte
    // contre le terrorisme des Nations Unies (UNOCT)`).
    let mut start = k;
    for _ in 0..2 {
        while start > lo {
            let w = &text[words[start - 1].span.clone()];
            if DETERMINERS.contains(&w.to_lowercase().as_str()) && start < k {
                break;
            }
            start -= 1;
        }
        if start >= k {
            return None;
        }
        let long_span = words[start].core.start..window.end;
        let long = &text[long_span.clone()];
        if long.split_whitespace().count() < 2 {
            return None;
        }
        match initials_match(acronym, long, lang, lexicon, true) {
            Some(true) => {
                return Some(Definition {
                    short_span: 0..0,
                    long_span,
                    rule: "acronym-def-translated",
                });
            }
            Some(false) => {
                return Some(Definition {
                    short_span: 0..0,
                    long_span,
                    rule: "acronym-def",
                });
            }
            // `le Comité de sécurité nationale du Kazakhstan (KNB)`: an
            // acronym of a third language (Russian) glossing the name right
            // before it, which starts with a capital right after its
            // determiner.
            None if start > lo
                && long.starts_with(char::is_uppercase)
                && letters(acronym).len() >= 3 =>
            {
                return Some(Definition {
                    short_span: 0..0,
                    long_span,
                    rule: "acronym-gloss",
                });
            }
            None if long.starts_with(char::is_lowercase) && start > lo => start -= 1,
            None => return None,
        }
    }
    None
}

fn is_apostrophe_before(text: &str, pos: usize) -> bool {
    text[..pos].chars().last().is_some_and(is_apostrophe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::words;

    fn defs(text: &str, lang: Lang) -> Vec<(String, String, &'static str)> {
        let ws = words(text);
        let lex = Lexicon::builtin();
        definitions(text, &ws, &|_| lang, &lex)
            .into_iter()
            .map(|d| {
                (
                    text[d.short_span].to_string(),
                    text[d.long_span].to_string(),
                    d.rule,
                )
            })
            .collect()
    }

    #[test]
    fn definitions_in_both_languages() {
        let cases: &[(&str, Lang, (&str, &str, &str))] = &[
            (
                "au profit de l'État Islamique au Khorassan (EI-K), une",
                Lang::Fr,
                ("EI-K", "État Islamique au Khorassan", "acronym-def"),
            ),
            (
                "une cellule de la province du Khorasan de l'État islamique (ISKP) de mener",
                Lang::Fr,
                (
                    "ISKP",
                    "province du Khorasan de l'État islamique",
                    "acronym-def-translated",
                ),
            ),
            (
                "les chefs des États de l’Organisation du traité de sécurité collective (OTSC) à aider",
                Lang::Fr,
                (
                    "OTSC",
                    "Organisation du traité de sécurité collective",
                    "acronym-def",
                ),
            ),
            // A determiner inside the name is passed when the name would
            // start in lower case; the English acronym glosses it.
            (
                "comme le Bureau de lutte contre le terrorisme des Nations Unies (UNOCT), ou",
                Lang::Fr,
                (
                    "UNOCT",
                    "Bureau de lutte contre le terrorisme des Nations Unies",
                    "acronym-gloss",
                ),
            ),
            (
                "dans le Mouvement Islamiste d'Ouzbékistan, le MIO, qui a",
                Lang::Fr,
                (
                    "MIO",
                    "Mouvement Islamiste d'Ouzbékistan",
                    "acronym-apposition",
                ),
            ),
            (
                "Parallèlement, l'État islamique au Khorasan (OEI-K) voit le jour",
                Lang::Fr,
                ("OEI-K", "État islamique au Khorasan", "acronym-def-partial"),
            ),
            (
                "the claim by the Islamic State (IS) group for the attack",
                Lang::En,
                ("IS", "Islamic State", "acronym-def"),
            ),
            (
                "of the Islamic State group in Khorasan (EI-K), \"created",
                Lang::En,
                (
                    "EI-K",
                    "Islamic State group in Khorasan",
                    "acronym-def-translated",
                ),
            ),
            (
                "In 2017, the International Crisis Group (ICG) think tank",
                Lang::En,
                ("ICG", "International Crisis Group", "acronym-def"),
            ),
        ];
        for (text, lang, want) in cases {
            let got = defs(text, *lang);
            let want = (want.0.to_string(), want.1.to_string(), want.2);
            assert_eq!(got, vec![want], "in {text:?}");
        }
    }

    #[test]
    fn gloss_without_letters() {
        // KNB is the Russian acronym: its letters are not in the French long
        // form, which still glosses it.
        let got = defs(
            "Le 9 mars, le Comité de sécurité nationale du Kazakhstan (KNB) confirmé",
            Lang::Fr,
        );
        assert_eq!(
            got,
            vec![(
                "KNB".into(),
                "Comité de sécurité nationale du Kazakhstan".into(),
                "acronym-gloss"
            )]
        );
        // A long form that starts in lower case, even past a second
        // determiner, is no gloss.
        assert_eq!(
            defs("dans la lutte contre le terrorisme (UNOCT), ou", Lang::Fr),
            vec![]
        );
    }

    #[test]
    fn a_gloss_that_says_acronym() {
        let got = defs(
            "the fighters elite of Daesh [Arabic acronym for IS], he recalls",
            Lang::En,
        );
        assert_eq!(got, vec![("Daesh".into(), "IS".into(), "acronym-said")]);
        let got = defs(
            "les combattants de Daech (acronyme arabe de l’EI) sont",
            Lang::Fr,
        );
        assert_eq!(got, vec![("Daech".into(), "EI".into(), "acronym-said")]);
        assert!(defs("la ville de Kazan (Russie) a", Lang::Fr).is_empty());
        // The article after the cue goes in any case, and only a whole word.
        let got = defs("Daesh [acronym for The Islamic State] was", Lang::En);
        assert_eq!(
            got,
            vec![("Daesh".into(), "Islamic State".into(), "acronym-said")]
        );
        let got = defs("Daech (sigle de LA Province) a", Lang::Fr);
        assert_eq!(
            got,
            vec![("Daech".into(), "Province".into(), "acronym-said")]
        );
        let got = defs("Ted (abbreviation for Theodore Roosevelt) was", Lang::En);
        assert_eq!(
            got,
            vec![("Ted".into(), "Theodore Roosevelt".into(), "acronym-said")]
        );
    }

    /// The binary search finds the word a linear walk finds, for every byte
    /// (elided articles, glued words, gaps between words).
    #[test]
    fn word_core_start_at_every_byte() {
        let text = "à l’État islamique (EI), États-Unisl’État et l'EI-K.\n  Daech ";
        let ws = words(text);
        for pos in 0..=text.len() {
            let naive = ws
                .iter()
                .enumerate()
                .find(|(_, w)| w.span.contains(&pos))
                .map(|(i, w)| (i, w.core.start));
            assert_eq!(word_core_start(&ws, pos), naive, "at byte {pos}");
        }
    }

    #[test]
    fn initials_across_languages() {
        let lex = Lexicon::builtin();
        assert_eq!(
            initials_match(
                "ISKP",
                "province du Khorasan de l'État islamique",
                Lang::Fr,
                &lex,
                false
            ),
            Some(true)
        );
        assert_eq!(
            initials_match("EI-K", "État islamique au Khorasan", Lang::Fr, &lex, false),
            Some(false)
        );
        assert_eq!(
            initials_match(
                "CSTO",
                "Organisation du traité de sécurité collective",
                Lang::Fr,
                &lex,
                false
            ),
            Some(true)
        );
        assert_eq!(
            initials_match(
                "OIM",
                "Organisation internationale pour les migrations",
                Lang::Fr,
                &lex,
                false
            ),
            Some(false)
        );
        assert_eq!(
            initials_match(
                "KNB",
                "Comité de sécurité nationale du Kazakhstan",
                Lang::Fr,
                &lex,
                false
            ),
            None
        );
        assert_eq!(
            initials_match(
                "IOM",
                "Organisation internationale pour les migrations",
                Lang::Fr,
                &lex,
                false
            ),
            None
        );
    }

    #[test]
    fn french_acronyms_spell_english_ones_once_translated() {
        let lex = Lexicon::builtin();
        let es = vec![('e', 's')];
        type Changed = Option<Vec<(char, char)>>;
        let table: &[(&str, &str, Changed)] = &[
            // Reversed order, same initials.
            ("OCS", "SCO", Some(vec![])),
            ("FDS", "SDF", Some(vec![])),
            ("OTAN", "NATO", Some(vec![])),
            ("OTSC", "CSTO", Some(vec![])),
            // One swap and État → State.
            ("CEI", "CIS", Some(es.clone())),
            ("EIIL", "ISIL", Some(es.clone())),
            ("EI-K", "IS-K", Some(es.clone())),
            // A swap on three letters with no changed initial: any three
            // letters would meet their anagrams.
            ("ABC", "BAC", None),
            ("ABC", "BCA", None),
            // Two initials changed: too loose.
            ("CEE", "CSS", None),
            // Same letters, same order: nothing to translate.
            ("FSB", "FSB", None),
            // Lengths differ, too short, digits.
            ("ONU", "UN", None),
            ("UE", "EU", None),
            ("I-24", "42-I", None),
            // No translation explains the letters.
            ("HTC", "HTS", None),
            ("KNB", "NSC", None),
        ];
        for (fr, en, want) in table {
            assert_eq!(translated_letters(fr, en, &lex), *want, "{fr} / {en}");
        }
        // Blocking: the French acronym's translated letter sets hold the
        // English acronym's sorted letters.
        let sets = translated_letter_sets("CEI", &lex);
        assert!(sets.contains(&"cei".to_string()), "{sets:?}");
        assert!(sets.contains(&"cis".to_string()), "{sets:?}");
        // One changed initial at most, as the rule allows.
        let sets = translated_letter_sets("EEE", &lex);
        assert!(sets.contains(&"ees".to_string()), "{sets:?}");
        assert!(!sets.contains(&"ess".to_string()), "{sets:?}");
    }
}
