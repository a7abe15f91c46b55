//! Text → mentions: the proper names and acronyms of a document, with byte
//! spans into the original text.
//!
//! A name is a run of capitalised words on one line, joined by spaces, that may
//! carry French/English connectors (`Organisation de Coopération de Shanghai`
//! when `organisation` is also used as a common noun in the corpus), a few
//! French adjectives of names (`État islamique`, `Asie centrale`) and Arabic
//! particles (`Abu Bakr al-Baghdadi`). French elision is stripped (`l’EI-K`
//! yields `EI-K`), titles are dropped (`Président Tokaïev` yields `Tokaïev`),
//! and a sentence-initial capitalised word that the corpus also uses in lower
//! case (`Dans`, `Conclusion`) is not a name.
//!
//! The text is read as given, and must be NFC: a combining accent is no
//! letter, so decomposed `Ouzbe\u{301}kistan` would yield `Ouzbe`. Callers
//! pass [`Document::nfc`], as [`crate::pipeline::extract`] does; spans are
//! into that text.

use crate::acronym;
use crate::corpus::Document;
use crate::lang::{self, Lang};
use crate::lexicon::Lexicon;
use crate::normalize::{self, elision_len, is_apostrophe, is_word_char};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Range;

/// What a mention looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A proper name (`Vladimir Poutine`, `État islamique`).
    #[serde(rename = "name")]
    Name,
    /// An acronym (`EI-K`, `ISKP`, `I-24/7`).
    #[serde(rename = "acronym")]
    Acronym,
}

impl Kind {
    /// `name` or `acronym`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Acronym => "acronym",
        }
    }

    /// Parse `name` / `acronym`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "name" | "" => Some(Kind::Name),
            "acronym" => Some(Kind::Acronym),
            _ => None,
        }
    }
}

/// One occurrence of a name in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Index of the document in the corpus order.
    pub doc: usize,
    /// Byte span of the surface in the text extracted from (elision
    /// excluded): the document's, in NFC.
    pub span: Range<usize>,
    /// The surface form, NFC-normalised.
    pub surface: String,
    /// The language of the paragraph it stands in.
    pub lang: Lang,
    /// Name or acronym.
    pub kind: Kind,
}

/// A word of the text, with the facts the extraction rules need.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Span of the whole word, elided prefix included.
    pub span: Range<usize>,
    /// Span of the word without its elided prefix (`EI-K` in `l’EI-K`).
    pub core: Range<usize>,
    /// The gap before this word holds only horizontal white space.
    pub joined: bool,
    /// The word starts a sentence (start of line, or after `.!?:«"` etc.).
    pub sentence_start: bool,
    /// The word cannot be part of a name (URL, handle).
    pub blocked: bool,
}

impl Word {
    /// The two words of a glued word, cut at byte `at` of the text (see
    /// [`glue_point`] and [`Vocabulary::glue_with_corpus`]): the second
    /// starts no sentence and is not joined to the first, so that no name
    /// crosses the cut.
    fn cut(self, text: &str, at: usize) -> [Word; 2] {
        let (start, end) = (self.span.start, self.span.end);
        [
            Word {
                span: start..at,
                core: start + elision_len(&text[start..at])..at,
                ..self
            },
            Word {
                span: at..end,
                core: at + elision_len(&text[at..end])..end,
                joined: false,
                sentence_start: false,
                blocked: self.blocked,
            },
        ]
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '/' | '.') || is_apostrophe(c)
}

/// Split `text` into words. A word is a run of letters and digits, with inner
/// hyphens, apostrophes, slashes and abbreviation dots (`EI-K`, `l’EI-K`,
/// `I-24/7`, `U.S.`).
pub(crate) fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Word> = Vec::new();
    let mut i = 0;
    let mut gap_start = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if is_word_char(c) {
                j += 1;
            } else if is_joiner(c) && j + 1 < chars.len() && is_word_char(chars[j + 1].1) {
                // A dot joins only in abbreviations (`U.S`), never `marsle Service`.
                if c == '.' && !(chars[j - 1].1.is_uppercase() && chars[j + 1].1.is_uppercase()) {
                    break;
                }
                j += 2;
            } else {
                break;
            }
        }
        let mut end = if j < chars.len() {
            chars[j].0
        } else {
            text.len()
        };
        // Keep the final dot of `U.S.`.
        if j < chars.len() && chars[j].1 == '.' && text[start..end].contains('.') {
            end += 1;
        }
        let gap = &text[gap_start..start];
        // `Kurdistan Workers' Party`: a plural possessive inside a name.
        let possessive = gap
            .strip_prefix(['\'', '’'])
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(is_blank))
            && text[..gap_start].ends_with('s')
            && c.is_uppercase();
        let joined =
            !out.is_empty() && !gap.is_empty() && (gap.chars().all(is_blank) || possessive);
        let prev_visible = gap.trim_end_matches(is_blank).chars().last();
        let sentence_start = out.is_empty()
            || gap.contains('\n')
            || matches!(
                prev_visible,
                Some(
                    '.' | '!'
                        | '?'
                        | ':'
                        | '«'
                        | '"'
                        | '“'
                        | '['
                        | '('
                        | '–'
                        | '—'
                        | '•'
                        | '…'
                        | ';'
                        | '*'
                )
            )
            || (prev_visible.is_none() && start == 0);
        let whole = &text[start..end];
        let chunk_start = text[..start]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let chunk_end = text[end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |p| end + p);
        let chunk = &text[chunk_start..chunk_end];
        let blocked = chunk.contains("://")
            || chunk.starts_with("www.")
            || chunk.starts_with('<')
            || chunk.starts_with("[#")
            || text[..start].ends_with(['@', '#', '/', '_', '%', '='])
            || text[end..].starts_with(['_', '@']);
        // Machine-translation glue (`Watsonporte-parole`, `États-Unisl’État`):
        // two words whose space was lost are two words, with a boundary
        // between them that no name crosses.
        let word = Word {
            span: start..end,
            core: start + elision_len(whole)..end,
            joined,
            sentence_start,
            blocked,
        };
        match glue_point(whole) {
            Some(at) => out.extend(word.cut(text, start + at)),
            None => out.push(word),
        }
        gap_start = end;
        i = j;
    }
    out
}

/// Where a word is two glued words, the byte offset of the second: a
/// capitalised word followed without a space by an elided article before a
/// capital (`États-Unisl’État`: French never writes a letter right before
/// `l’` or `d’`) or by a lower-case title (`Watsonporte-parole`).
fn glue_point(word: &str) -> Option<usize> {
    // `7 marsle Service`: a month glued to an article.
    for month in MONTHS {
        if let Some(rest) = word.strip_prefix(month)
            && matches!(rest, "le" | "la" | "les")
        {
            return Some(month.len());
        }
    }
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    // `…sl’É`: a lower-case letter, `l`/`d`, an apostrophe, a capital.
    for w in chars.windows(4) {
        let [(_, a), (at, b), (_, c), (_, d)] = [w[0], w[1], w[2], w[3]];
        if a.is_lowercase()
            && matches!(b, 'l' | 'd')
            && is_apostrophe(c)
            && d.is_uppercase()
            && at >= 3
        {
            return Some(at);
        }
    }
    // `Watsonporte-parole`: a stem of three letters or more, then a title
    // long enough not to end a name (`Hakimullah` is one name).
    let lower = word.to_lowercase();
    if lower.len() != word.len() {
        return None;
    }
    TITLES
        .iter()
        .chain(TITLES_ALSO_NAMES)
        .filter(|t| t.chars().count() >= 8)
        .find_map(|t| {
            let at = lower.strip_suffix(t).map(str::len)?;
            let stem = &word[..at];
            (stem.chars().count() >= 3 && stem.chars().last().is_some_and(char::is_lowercase))
                .then_some(at)
        })
}

/// Function words that machine translation glues to the name before them
/// (`Vladimir Poutinecomme l’a rapporté`). Only cut where the corpus also
/// writes the name alone.
const GLUED_WORDS: &[&str] = &[
    "comme", "dans", "pour", "avec", "qui", "que", "est", "sur", "par", "selon", "lors", "mais",
    "ont", "sont", "and", "the", "was", "has", "said", "who", "with", "which",
];

/// The words of a text once the corpus has been read: glued words cut
/// ([`split_glued`]), words of Title Case headlines blocked
/// ([`block_title_case`]).
fn with_vocabulary(text: &str, ws: Vec<Word>, vocab: &Vocabulary) -> Vec<Word> {
    block_title_case(text, split_glued(text, ws, vocab), vocab)
}

/// Function words that Title Case leaves in lower case.
const TITLE_CASE_SMALL: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "by", "to", "for", "from", "with", "as",
    "vs", "via",
];

/// The lines (as word ranges of `ws`) that have the shape of a Title Case
/// headline: one sentence with no final full stop, four capitalised words
/// or more, and nearly every word capitalised but the small function words
/// (`Alleged ISKP Plot Foiled in Russia, 2 Kazakh Citizens Killed`)? A list
/// of names has that shape too (`Le Monde, Les Echos`): [`block_title_case`]
/// also asks for proof that the capitals are Title Case.
fn headline_lines(text: &str, ws: &[Word]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let start = ws[i].span.start;
        let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
        let line = i..i + ws[i..].partition_point(|w| w.span.start < end);
        i = line.end;
        let (mut capitalised, mut plain) = (0, 0);
        for w in &ws[line.clone()] {
            let word = &text[w.core.clone()];
            match word.chars().next() {
                Some(c) if c.is_uppercase() => capitalised += 1,
                Some(c) if c.is_lowercase() && !TITLE_CASE_SMALL.contains(&word) => plain += 1,
                _ => {}
            }
        }
        if capitalised < 4 || plain * 5 > capitalised {
            continue;
        }
        // A headline is one sentence: no full stop at its end or inside
        // (`Tajikistan. ©` is a stop; `U.S. Embassy` and `Mr. Putin` are
        // abbreviations: capitals, or a word of three letters or fewer).
        let body = text[start..end].trim_end();
        let stop = body.ends_with(['.', ';', ':'])
            || body.match_indices('.').any(|(p, _)| {
                let before = &body[..p];
                let word = before
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or_default();
                before.ends_with(char::is_lowercase) && word.chars().count() > 3
            });
        if !stop {
            out.push(line);
        }
    }
    out
}

/// In a Title Case headline the capitals say nothing. The proof that a
/// line of that shape is one: distinct content words that the corpus writes
/// in lower case, capitalised there (`Plot`, `Killed`), two at least and a
/// third of its capitalised words (a caption's `President` twice, a byline's
/// `Radio Free Europe`, a list of papers' `Le Monde` prove nothing). Then
/// its capitalised words are names only if the corpus also capitalises them
/// inside a sentence elsewhere (`Russia`, `Russia's`), or if they are
/// acronyms (`ISKP`). The others are blocked.
fn block_title_case(text: &str, mut ws: Vec<Word>, vocab: &Vocabulary) -> Vec<Word> {
    for line in headline_lines(text, &ws) {
        let capital = |w: &Word| text[w.core.clone()].starts_with(char::is_uppercase);
        let capitalised = ws[line.clone()].iter().filter(|w| capital(w)).count();
        let common: BTreeSet<String> = ws[line.clone()]
            .iter()
            .map(|w| &text[w.core.clone()])
            .filter(|word| {
                word.starts_with(char::is_uppercase)
                    && !is_stopword(word)
                    && !lower_eq(word, TITLE_CASE_SMALL)
                    && vocab.is_common(word)
            })
            .map(str::to_lowercase)
            .collect();
        if common.len() >= 2 && common.len() * 3 >= capitalised {
            for w in &mut ws[line] {
                let word = &text[w.core.clone()];
                if capital(w)
                    && !is_acronym(word)
                    && !vocab.inside.contains(without_possessive(word))
                {
                    w.blocked = true;
                }
            }
        }
    }
    ws
}

/// Cut the words the corpus shows to be two glued words (see
/// [`Vocabulary::glue_with_corpus`]).
/// In place: glue is rare, and most documents have none.
fn split_glued(text: &str, mut ws: Vec<Word>, vocab: &Vocabulary) -> Vec<Word> {
    let mut i = 0;
    while i < ws.len() {
        if let Some(at) = vocab.glue_with_corpus(&text[ws[i].core.clone()]) {
            let at = ws[i].core.start + at;
            let [first, second] = ws[i].clone().cut(text, at);
            ws[i] = first;
            ws.insert(i + 1, second);
            i += 1;
        }
        i += 1;
    }
    ws
}

/// Capitalised words that start sentences or stand in titles but are never
/// names on their own.
const STOPWORDS: &[&str] = &[
    // French
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "au",
    "aux",
    "à",
    "a",
    "en",
    "et",
    "ou",
    "où",
    "mais",
    "donc",
    "or",
    "ni",
    "car",
    "ce",
    "cet",
    "cette",
    "ces",
    "il",
    "ils",
    "elle",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "j",
    "qui",
    "que",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "dans",
    "pour",
    "par",
    "sur",
    "sous",
    "avec",
    "sans",
    "selon",
    "après",
    "avant",
    "depuis",
    "entre",
    "vers",
    "chez",
    "contre",
    "comme",
    "si",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notre",
    "nos",
    "votre",
    "tous",
    "tout",
    "toute",
    "toutes",
    "plusieurs",
    "certains",
    "certaines",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "cependant",
    "pourtant",
    "ainsi",
    "aussi",
    "alors",
    "enfin",
    "également",
    "néanmoins",
    "toutefois",
    "dès",
    "lors",
    "lorsque",
    "quand",
    "comment",
    "pourquoi",
    "bien",
    "très",
    "plus",
    "moins",
    "peu",
    "aujourd",
    "hier",
    "demain",
    "ici",
    "là",
    "parallèlement",
    "finalement",
    "davantage",
    "suite",
    "face",
    "outre",
    "malgré",
    "grâce",
    "afin",
    "puis",
    "ensuite",
    "voici",
    "voilà",
    "oui",
    "non",
    "y",
    "c",
    "s",
    "n",
    "qu",
    "cela",
    "ceci",
    "celui",
    "celle",
    "ceux",
    "dont",
    "chaque",
    "autre",
    "autres",
    "même",
    "mêmes",
    "tel",
    "telle",
    "tels",
    "telles",
    "partageant",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "ne",
    "pas",
    "est",
    "sont",
    "été",
    "fait",
    "soit",
    "mme",
    "m",
    // English
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "but",
    "if",
    "as",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "which",
    "who",
    "whom",
    "when",
    "where",
    "why",
    "how",
    "some",
    "many",
    "several",
    "all",
    "each",
    "other",
    "others",
    "after",
    "before",
    "since",
    "while",
    "during",
    "however",
    "hence",
    "thus",
    "also",
    "even",
    "still",
    "yet",
    "so",
    "then",
    "now",
    "today",
    "yesterday",
    "closer",
    "senior",
    "former",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "one",
    "two",
    "three",
    "four",
    "five",
    "take",
    "download",
    "editor",
    "note",
    // Spanish, left by machine translation in link titles (`¿Por qué ISIS
    // ataca Rusia? Desde sus nexos…`); none begins a name (`Los Angeles`,
    // `El Paso` do, and are not here).
    "por",
    "desde",
    "según",
    "hacia",
    "sus",
    "qué",
    "cómo",
];

/// Titles dropped from the start of a name (`Président Tokaïev`), never a
/// name alone (`le Président kazakh`); see also [`TITLES_ALSO_NAMES`].
const TITLES: &[&str] = &[
    "président",
    "president",
    "présidente",
    // `Me` (*Maître*), a lawyer's title.
    "me",
    "maître",
    "colonel",
    "général",
    "general",
    "secrétaire",
    "secretary",
    "minister",
    "ministre",
    "premier",
    "prime",
    "monsieur",
    "madame",
    "sergent",
    "commandant",
    "commander",
    "capitaine",
    "captain",
    "lieutenant",
    "maréchal",
    "marshal",
    "historien",
    "analyste",
    "journaliste",
    "editor",
    "rédacteur",
    "chef",
    "porte-parole",
];

/// A capitalised word that is never a name on its own (a stopword or a month).
fn is_stopword(word: &str) -> bool {
    lower_eq(word, STOPWORDS) || lower_eq(word, MONTHS)
}

/// Months, after which a number is a date (and never names on their own).
const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that join the capitalised parts of one name.
const CONNECTORS: &[&str] = &[
    "de", "du", "des", "d", "la", "le", "l", "au", "aux", "contre", "pour", "sur", "of", "the",
    "for", "al", "el", "ibn", "bin",
];

/// French adjectives that continue a name after a capitalised word
/// (`État islamique`, `Asie centrale`, `Union soviétique`).
const NAME_ADJECTIVES: &[&str] = &[
    "islamique",
    "islamiques",
    "islamiste",
    "centrale",
    "soviétique",
    "républicaine",
    "économique",
    "européenne",
    "fédéral",
    "fédérale",
    "collective",
    "nationale",
    "internationale",
    "oriental",
    "orientale",
    "occidental",
    "occidentale",
    "indépendants",
    "étrangères",
    "turciques",
    "unies",
    "unis",
    "populaire",
    "démocratique",
    "révolutionnaire",
    "internationales",
];

/// Adjectives of nationality that continue a name only after another
/// adjective (`Union économique eurasiatique`, `Garde républicaine
/// iranienne`), never right after the name (`Otan eurasiatique` is the Otan).
const LATE_ADJECTIVES: &[&str] = &[
    "eurasiatique",
    "iranienne",
    "arabe",
    "arabes",
    "afghane",
    "syrienne",
    "russe",
];

/// Lower-case words of the corpus: a capitalised word whose lower-case form is
/// in here is a common word when it starts a sentence.
/// Capitalised words are kept too, to cut machine-translation glue
/// (`Poutinecomme` where the corpus also writes `Poutine`).
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    lower: BTreeSet<String>,
    capitalised: BTreeSet<String>,
    /// Capitalised words seen inside a sentence, not at its start.
    inside: BTreeSet<String>,
}

impl Vocabulary {
    /// Collect the words that occur in lower case in `text`, and the
    /// capitalised ones.
    pub fn from_text(text: &str) -> Vocabulary {
        Vocabulary::from_words(text, &words(text))
    }

    /// The same from the words of `text`, already split.
    fn from_words(text: &str, ws: &[Word]) -> Vocabulary {
        let mut lower = BTreeSet::new();
        let mut capitalised = BTreeSet::new();
        let mut inside = BTreeSet::new();
        let mut titled = vec![false; ws.len()];
        for line in headline_lines(text, ws) {
            titled[line].fill(true);
        }
        for (w, titled) in ws.iter().zip(titled) {
            let core = &text[w.core.clone()];
            if core.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(core.to_string());
            } else if core.chars().next().is_some_and(char::is_uppercase) {
                capitalised.insert(core.to_string());
                if !w.sentence_start && !titled {
                    inside.insert(core.to_string());
                }
            }
        }
        Vocabulary {
            lower,
            capitalised,
            inside,
        }
    }

    /// Merge another vocabulary into this one.
    pub fn merge(&mut self, other: Vocabulary) {
        self.lower.extend(other.lower);
        self.capitalised.extend(other.capitalised);
        self.inside.extend(other.inside);
    }

    /// Where a capitalised word is a word of the corpus glued to a
    /// following function word (`Poutinecomme`: `Poutine` is written alone
    /// elsewhere), the byte offset of the cut.
    fn glue_with_corpus(&self, word: &str) -> Option<usize> {
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        let at = GLUED_WORDS.iter().find_map(|tail| {
            let at = word.strip_suffix(tail).map(str::len)?;
            let stem = &word[..at];
            (stem.chars().count() >= 4
                && stem.chars().last().is_some_and(char::is_lowercase)
                && self.capitalised.contains(stem))
            .then_some(at)
        })?;
        // A word the corpus also writes in lower case is no glue.
        (word.chars().all(char::is_alphabetic) && !self.is_common(word)).then_some(at)
    }

    /// Does the corpus use `word` (in lower case) as a common word?
    pub fn is_common(&self, word: &str) -> bool {
        self.lower.contains(&word.to_lowercase())
    }
}

/// Does this word look like an acronym: all letters upper case, at least two
/// letters, or one letter with digits (`I-24/7`, `CF2R`, `U.S.`)?
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    letters > 0 && upper == letters && (letters >= 2 || (digits > 0 && word.chars().count() >= 3))
}

/// Roman numerals and ordinals (`II`, `XXIe`, `IIIème`, `Ier`) are not
/// names. A numeral must be written the standard way (`LCI`, `CDC` are
/// acronyms), `-er` only follows `I`, and one letter with an ordinal ending
/// is `Ve` or `Xe`: `Le`, `De`, `Me`, `Mer`, `Ver` are words.
fn is_roman(word: &str) -> bool {
    let (body, ending) = ["ème", "er", "e"]
        .iter()
        .find_map(|e| word.strip_suffix(e).map(|b| (b, *e)))
        .unwrap_or((word, ""));
    if body.is_empty() || body.len() > 5 || !body.chars().all(|c| "IVXLCDM".contains(c)) {
        return false;
    }
    match ending {
        "er" => body == "I",
        "" => standard_roman(body),
        _ => standard_roman(body) && (body.len() > 1 || "IVX".contains(body)),
    }
}

/// Is `s` (letters `IVXLCDM`) a Roman numeral written the standard way?
fn standard_roman(s: &str) -> bool {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        _ => 1000,
    };
    let letters: Vec<u32> = s.chars().map(value).collect();
    let mut n = 0;
    for (k, &v) in letters.iter().enumerate() {
        if letters.get(k + 1).is_some_and(|&next| next > v) {
            n -= v as i64;
        } else {
            n += v as i64;
        }
    }
    let mut left = n.max(0) as u32;
    let mut written = String::new();
    for (v, digits) in DIGITS {
        while left >= v {
            written.push_str(digits);
            left -= v;
        }
    }
    n > 0 && written == s
}

fn lower_eq(word: &str, list: &[&str]) -> bool {
    let lower = word.to_lowercase();
    list.contains(&lower.as_str())
}

/// A capitalised word or an acronym that may start or continue a name.
fn is_name_word(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if first.is_uppercase() {
        return !is_roman(word)
            && (word.chars().filter(|c| c.is_alphabetic()).count() >= 2 || is_acronym(word));
    }
    // `al-Baghdadi`, `el-Sisi`, `ad-Din`, `ut-Tahrir`, `wal-Ansar`: an
    // Arabic article or particle joined to a capitalised name.
    word.split_once('-').is_some_and(|(particle, rest)| {
        ARABIC_PARTICLES.contains(&particle) && rest.starts_with(char::is_uppercase)
    })
}

/// Arabic articles (with the assimilated forms) and particles written
/// joined to the next name by a hyphen.
const ARABIC_PARTICLES: &[&str] = &[
    "al", "el", "ad", "ud", "ut", "ul", "ur", "ar", "as", "ash", "at", "an", "az", "wal",
];

/// Cardinal points, in French and in English.
const POINTS_FR: &[&str] = &["nord", "sud", "est", "ouest"];
const POINTS_EN: &[&str] = &["north", "south", "east", "west"];

/// Particles between the names of one person (`Osama bin Laden`, `Mohammed
/// ben Salmane`, `Muhammad ibn Abd al-Wahhab`).
const PERSON_PARTICLES: &[&str] = &["bin", "ben", "ibn", "bint", "ould"];

/// An acronym and its long form, as one document defines them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Defined {
    /// The acronym's surface.
    pub short: String,
    /// The long form's surface.
    pub long: String,
    /// The rule that found the definition (see [`crate::acronym`]).
    pub rule: &'static str,
}

/// What one document yields: its mentions (in text order) and its acronym
/// definitions.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// The mentions, sorted by position.
    pub mentions: Vec<Mention>,
    /// The acronym definitions.
    pub definitions: Vec<Defined>,
}

/// Extract one document: names, acronyms and acronym definitions. A long
/// form found by a definition becomes a mention and replaces the shorter
/// mentions inside it. `vocab` is the corpus's (see [`Vocabulary`]).
pub fn document(
    doc: usize,
    document: &Document,
    vocab: &Vocabulary,
    lexicon: &Lexicon,
) -> Extraction {
    let text = document.text.as_str();
    extract_words(
        doc,
        text,
        with_vocabulary(text, words(text), vocab),
        vocab,
        lexicon,
    )
}

/// [`document`] for a document on its own, its vocabulary its own words
/// (one pass over the text instead of two): new articles canonicalised one
/// at a time.
pub fn standalone(doc: usize, document: &Document, lexicon: &Lexicon) -> Extraction {
    let text = document.text.as_str();
    let ws = words(text);
    let vocab = Vocabulary::from_words(text, &ws);
    extract_words(
        doc,
        text,
        with_vocabulary(text, ws, &vocab),
        &vocab,
        lexicon,
    )
}

fn extract_words(
    doc: usize,
    text: &str,
    ws: Vec<Word>,
    vocab: &Vocabulary,
    lexicon: &Lexicon,
) -> Extraction {
    let paragraphs = lang::paragraphs(text);
    let lang_at = |pos: usize| lang::lang_at(&paragraphs, pos);
    let mut found = mentions_in(doc, text, &ws, vocab, lexicon, &lang_at);
    let defs = acronym::definitions(text, &ws, &lang_at, lexicon);
    let mut definitions = Vec::new();
    for d in &defs {
        let long = surface_of(&text[d.long_span.clone()]);
        let short = surface_of(&text[d.short_span.clone()]);
        found.retain(|m| !(d.long_span.start <= m.span.start && m.span.end <= d.long_span.end));
        found.push(Mention {
            doc,
            span: d.long_span.clone(),
            surface: long.clone(),
            lang: lang_at(d.long_span.start),
            kind: Kind::Name,
        });
        definitions.push(Defined {
            short,
            long,
            rule: d.rule,
        });
    }
    found.sort_by_key(|m| (m.span.start, m.span.end));
    found.dedup_by(|a, b| a.span == b.span);
    Extraction {
        mentions: found,
        definitions,
    }
}

/// One plain space between words, whatever the text had (NBSP, tabs), NFC.
fn surface_of(raw: &str) -> String {
    normalize::nfc(&raw.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The names and acronyms of one document, without acronym definitions.
pub fn mentions(doc: usize, document: &Document, vocab: &Vocabulary) -> Vec<Mention> {
    let text = document.text.as_str();
    let paragraphs = lang::paragraphs(text);
    let lang_at = |pos: usize| lang::lang_at(&paragraphs, pos);
    mentions_in(
        doc,
        text,
        &with_vocabulary(text, words(text), vocab),
        vocab,
        &Lexicon::builtin(),
        &lang_at,
    )
}

fn mentions_in(
    doc: usize,
    text: &str,
    ws: &[Word],
    vocab: &Vocabulary,
    lexicon: &Lexicon,
    lang_at: &dyn Fn(usize) -> Lang,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let core = |w: &Word| &text[w.core.clone()];
    let acronyms = document_acronyms(text, ws);
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        if w.blocked || !is_name_word(core(w)) {
            i += 1;
            continue;
        }
        // Grow the name as far as the rules allow.
        let mut last = i;
        let mut j = i + 1;
        while j < ws.len() {
            let next = &ws[j];
            if next.blocked || !(next.joined || quoted_dash(text, &ws[i], &ws[last], next)) {
                break;
            }
            let word = core(next);
            let whole = &text[next.span.clone()];
            // `ISIS K`: an acronym whose hyphen was lost.
            if last == i
                && is_acronym(core(w))
                && word.chars().count() == 1
                && word.chars().all(char::is_uppercase)
            {
                last = j;
                j += 1;
                continue;
            }
            // After a lower-case word already in the name (an adjective or
            // a word of an institution's name: `sécurité nationale`). A
            // capitalised word there starts another name (`ministre des
            // Affaires étrangères Sergueï Lavrov`); a particle joined to a
            // name is no adjective (`al-Hashimi al-Qurashi`).
            let after_adjective = last > i
                && core(&ws[last])
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                && !is_name_word(core(&ws[last]));
            if is_name_word(word) && !is_stopword(word) && elision_len(whole) == 0 {
                if after_adjective {
                    break;
                }
                last = j;
                j += 1;
                continue;
            }
            let institution = head_takes_connectors(&ws[i..=last], text, vocab, lexicon);
            if is_name_word(word)
                && elision_len(whole) > 0
                && lower_eq(&whole[..1], &["d", "l"])
                && institution
            {
                // `Mouvement Islamiste d’Ouzbékistan`.
                last = j;
                j += 1;
                continue;
            }
            let after_name = text[ws[last].core.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            // `État islamique-Khorasan`: an adjective hyphened to a name.
            let adjective_hyphen_name = word.split_once('-').is_some_and(|(adj, rest)| {
                lower_eq(adj, NAME_ADJECTIVES) && rest.starts_with(char::is_uppercase)
            });
            if ((lower_eq(word, NAME_ADJECTIVES) || adjective_hyphen_name)
                && (after_name || after_adjective))
                || (lower_eq(word, LATE_ADJECTIVES) && after_adjective)
            {
                last = j;
                j += 1;
                continue;
            }
            // `D’Souza`, `O’Brien`: a capitalised elision inside a name.
            if is_name_word(word) && elision_len(whole) > 0 && whole.starts_with(['D', 'O']) {
                last = j;
                j += 1;
                continue;
            }
            // The word after this one is a name's, in the same run of text.
            let name_follows = ws
                .get(j + 1)
                .is_some_and(|n| n.joined && is_name_word(core(n)) && !is_stopword(core(n)));
            // `Osama bin Laden`, `Mohammed ben Salmane`: a particle between
            // the names of one person.
            if lower_eq(word, PERSON_PARTICLES)
                && core(&ws[last]).starts_with(char::is_uppercase)
                && name_follows
            {
                last = j + 1;
                j += 2;
                continue;
            }
            // `Forces démocratiques syriennes`, `Frères musulmans`, `Armée
            // syrienne libre`: words of the lexicon, in lower case, after the
            // head of an institution's name, in French (English names are
            // capitalised throughout).
            if institution
                && (last == i || after_adjective)
                && !is_stopword(core(&ws[i]))
                && lang_at(next.span.start) == Lang::Fr
                && !lower_eq(word, POINTS_FR)
                && word.starts_with(char::is_lowercase)
                && elision_len(whole) == 0
                && lexicon.knows(word)
                && !lexicon.is_stop(&normalize::fold(word))
                && !lower_eq(word, CONNECTORS)
            {
                last = j;
                j += 1;
                continue;
            }
            // `Asie du Sud`, `Corée du Nord`: a cardinal point after `du`/`de`.
            if lower_eq(word, &["du", "de", "of"]) && j + 1 < ws.len() && ws[j + 1].joined {
                // `Ossétie du Nord-Alanie`.
                let point = core(&ws[j + 1]).split('-').next().unwrap_or_default();
                if (lower_eq(point, POINTS_FR) || lower_eq(point, POINTS_EN))
                    && point.starts_with(char::is_uppercase)
                {
                    last = j + 1;
                    j += 2;
                    continue;
                }
            }
            // `Ministère de l’Europe et des Affaires étrangères`: `et des`
            // inside an institution's name, before a capitalised word. One
            // word before it is a list (`des Tadjiks et des Ouzbeks`).
            if institution
                && last > i
                && lower_eq(word, &["et"])
                && j + 2 < ws.len()
                && ws[j + 1].joined
                && ws[j + 2].joined
            {
                let (det, name) = (core(&ws[j + 1]), core(&ws[j + 2]));
                if lower_eq(det, &["des", "du"]) && is_name_word(name) && !is_stopword(name) {
                    last = j + 2;
                    j += 3;
                    continue;
                }
            }
            // `France 24`: a number of one to three digits right after a name
            // (not a date: `22 mars`, nor a year).
            if word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit()) && last == i {
                let month_follows = ws
                    .get(j + 1)
                    .is_some_and(|n| n.joined && lower_eq(&text[n.core.clone()], MONTHS));
                if !month_follows && !lower_eq(core(&ws[i]), MONTHS) {
                    last = j;
                    j += 1;
                    continue;
                }
            }
            // `« Bouclier du Sud 2000 »`: a year closing a quoted name (the
            // name of an exercise or an operation).
            if word.len() == 4
                && word.chars().all(|c| c.is_ascii_digit())
                && text[next.span.end..]
                    .trim_start_matches(is_blank)
                    .starts_with(['»', '”', '"'])
                && text[..w.span.start]
                    .trim_end_matches(is_blank)
                    .ends_with(['«', '“', '"'])
            {
                last = j;
                j += 1;
                continue;
            }
            // `Ambassade des États-Unis à Moscou`, `U.S. Embassy in Russia`:
            // a mission and the place where it is.
            let mission = ws[i..=last]
                .iter()
                .any(|w| lower_eq(core(w), &["ambassade", "consulat", "embassy", "consulate"]));
            if mission && lower_eq(word, &["à", "in"]) && name_follows {
                last = j + 1;
                j += 2;
                continue;
            }
            if let Some(end) = acronym_backed_end(ws, i, j, text, &acronyms, lexicon) {
                last = end;
                j = end + 1;
                continue;
            }
            if lower_eq(word, CONNECTORS) && institution {
                // Up to two connectors, then a name word, or a word of
                // institution names (`Conseil de sécurité`, `Hôtel de ville`).
                let mut k = j + 1;
                if k < ws.len() && ws[k].joined && lower_eq(core(&ws[k]), CONNECTORS) {
                    k += 1;
                }
                if k < ws.len() && ws[k].joined && !ws[k].blocked {
                    let next_word = core(&ws[k]);
                    let elided = elision_len(&text[ws[k].span.clone()]) > 0;
                    let name = is_name_word(next_word) && !is_stopword(next_word);
                    let lower = !elided
                        && next_word.chars().next().is_some_and(char::is_lowercase)
                        && lexicon.knows(next_word)
                        && !lexicon.is_stop(&normalize::fold(next_word));
                    if name || lower {
                        last = k;
                        j = k + 1;
                        continue;
                    }
                }
            }
            // `Dudoignon Stéphane A.`: an initial.
            if word.chars().count() == 1
                && word.chars().all(char::is_uppercase)
                && text[next.span.end..].starts_with('.')
            {
                last = j;
                j += 1;
                continue;
            }
            break;
        }
        // A bibliography entry `Boquérat, Gilles. "Title"` at the start of a
        // line: the inverted name is one mention.
        if last == i && line_start(text, w.span.start) && i + 1 < ws.len() {
            let gap = &text[w.span.end..ws[i + 1].span.start];
            if gap == ", " && is_name_word(core(&ws[i + 1])) {
                let mut k = i + 1;
                let initial_or_name = |w: &str| {
                    is_name_word(w) || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
                };
                while k + 1 < ws.len() && ws[k + 1].joined && initial_or_name(core(&ws[k + 1])) {
                    k += 1;
                }
                let end = ws[k].span.end;
                let initial = core(&ws[k]).chars().count() == 1;
                let title_follows = text[end..]
                    .strip_prefix('.')
                    .is_some_and(|rest| rest.trim_start().starts_with(['"', '«', '“']));
                if title_follows {
                    let end = if initial { end + 1 } else { end };
                    let span = w.core.start..end;
                    out.push(Mention {
                        doc,
                        span: span.clone(),
                        surface: surface_of(&text[span.clone()]),
                        lang: lang_at(span.start),
                        kind: Kind::Name,
                    });
                    i = k + 1;
                    continue;
                }
            }
        }
        let group = &ws[i..=last];
        i = last + 1;
        if let Some(m) = trim_group(doc, text, group, vocab, lexicon, lang_at) {
            out.push(m);
        }
    }
    out
}

/// A word shaped like an English adjective of nationality (`Tajik`,
/// `Russian`, `Pakistani`, `Chinese`, `Turkish`).
fn demonym_like(word: &str) -> bool {
    [
        "an", "ese", "ish", "ik", "ek", "ak", "akh", "yz", "men", "i",
    ]
    .iter()
    .any(|s| word.ends_with(s))
}

/// Is `pos` the first word of its line (after white space and footnote
/// marks such as `⁴`)?
///
/// Read backwards from `pos` and stop at the first character that decides:
/// on a line of megabytes, looking for its start at every word made
/// extraction quadratic.
fn line_start(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(|c| {
            c.is_whitespace() || !is_word_char(c) && !c.is_ascii_punctuation() || c.is_ascii_digit()
        })
}

/// The letters of the acronyms of four letters or more of a document
/// (`aqap`): a branch's name may run through `in`/`au` to spell one.
fn document_acronyms(text: &str, ws: &[Word]) -> BTreeSet<String> {
    ws.iter()
        .map(|w| &text[w.core.clone()])
        .filter(|word| is_acronym(word))
        .map(crate::acronym::letters)
        .filter(|letters| letters.chars().count() >= 4)
        .collect()
}

/// `Al-Qaeda in the Arabian Peninsula`, `Al-Qaïda au Maghreb islamique`: a
/// name continued through `in`, `au`, `aux`, `dans` or `en`, then names,
/// lexicon words and name adjectives, when the same document writes the
/// initials of the whole as an acronym of four letters or more (`AQAP`,
/// `AQMI`): one branch's name, not the parent's name and a place. Three
/// letters prove nothing (`l'Ouzbékistan au Conseil de sécurité` beside
/// `OCS`), nor `pour`, `contre` (`Poutine contre l'Occident`). `ws[j]` is
/// the connector after the name `ws[i..j]`; returns the index of the last
/// word of the longest such name.
fn acronym_backed_end(
    ws: &[Word],
    i: usize,
    j: usize,
    text: &str,
    acronyms: &BTreeSet<String>,
    lexicon: &Lexicon,
) -> Option<usize> {
    let core = |w: &Word| &text[w.core.clone()];
    if acronyms.is_empty() || !lower_eq(core(&ws[j]), &["in", "au", "aux", "dans", "en"]) {
        return None;
    }
    let mut best = None;
    for k in j..ws.len().min(j + 6) {
        if !ws[k].joined || ws[k].blocked {
            break;
        }
        let word = core(&ws[k]);
        let lower = word.starts_with(char::is_lowercase);
        if lower && (lexicon.is_stop(&normalize::fold(word)) || lower_eq(word, CONNECTORS)) {
            continue;
        }
        let content = (is_name_word(word) && !is_stopword(word))
            || (lower && (lexicon.knows(word) || lower_eq(word, NAME_ADJECTIVES)));
        if !content {
            break;
        }
        let name = &text[ws[i].core.start..ws[k].core.end];
        if acronyms.contains(&crate::acronym::initials(name, lexicon)) {
            best = Some(k);
        }
    }
    best
}

/// May the name that starts with `group` continue through `de`/`of`? Only
/// when its head is a common noun used as the head of an institution's name
/// (`Organisation de…`, `Mouvement…`), which the corpus shows by using it in
/// lower case; `Russie de Poutine` is two names.
fn head_takes_connectors(
    group: &[Word],
    text: &str,
    vocab: &Vocabulary,
    lexicon: &Lexicon,
) -> bool {
    let head = &text[group[0].core.clone()];
    // `Si la lutte contre…`: a capitalised function word heads nothing,
    // but English `The` before capitalised words opens a title or an
    // institution (`The Green Cauldron of Central Asian Islam`).
    if is_stopword(head) {
        // `Le Ambassade des États-Unis…`: a French article's noun heads.
        if lower_eq(head, &["la", "le", "les"]) && group.len() > 1 {
            return head_takes_connectors(&group[1..], text, vocab, lexicon);
        }
        return lower_eq(head, &["the"]) && group.len() > 1;
    }
    !is_acronym(head) && (vocab.is_common(head) || lexicon.knows(head))
}

/// Drop leading stopwords and titles and trailing connectors; refuse a lone
/// sentence-initial common word.
fn trim_group(
    doc: usize,
    text: &str,
    group: &[Word],
    vocab: &Vocabulary,
    lexicon: &Lexicon,
    lang_at: &dyn Fn(usize) -> Lang,
) -> Option<Mention> {
    let mut lo = 0;
    let mut hi = group.len();
    while lo < hi && is_stopword(&text[group[lo].core.clone()]) {
        // `Tel Aviv`: `tel` (*such*) capitalised inside a sentence is a
        // name's. Leading articles go, as in `The Diplomat` → `Diplomat`,
        // `Le Caire` → `Caire` (French also writes `au Caire`: one surface
        // for one place, and the gold's convention).
        let word = &text[group[lo].core.clone()];
        let article = lower_eq(word, &["tel"])
            && word.starts_with(char::is_uppercase)
            && !group[lo].sentence_start
            && lo + 1 < hi;
        if article {
            break;
        }
        lo += 1;
    }
    // `les Comités Daech`: a plural common noun before a name is not part of it.
    if hi - lo == 2 {
        let (head, next) = (
            &text[group[lo].core.clone()],
            &text[group[lo + 1].core.clone()],
        );
        let plural_common = head.ends_with('s') && (vocab.is_common(head) || lexicon.knows(head));
        // `Éditions l’Harmattan`: an elided article makes it one name.
        let elided = group[lo + 1].core.start > group[lo + 1].span.start;
        let name_follows = next.starts_with(char::is_uppercase);
        if plural_common
            && name_follows
            && !lower_eq(next, NAME_ADJECTIVES)
            && !is_acronym(head)
            && !elided
        {
            lo += 1;
        }
    }
    // `les États d’Asie centrale`, `des États de l’Organisation du traité…`:
    // the states, countries or republics *of* a named region or
    // organisation, after a plural determiner, are a description; the name
    // is what follows. `le Pays de Galles` is a name.
    let determiner = if lo > 0 {
        &text[group[lo - 1].core.clone()]
    } else {
        word_before(text, group[lo].span.start)
    };
    if hi - lo >= 2
        && lower_eq(&text[group[lo].core.clone()], MEMBERS_OF)
        && lower_eq(determiner, PLURAL_DETERMINERS)
    {
        let next = &group[lo + 1];
        let elided =
            next.core.start > next.span.start && text[next.span.start..].starts_with(['d', 'D']);
        let of = lower_eq(&text[next.core.clone()], &["de", "des", "du", "of"]);
        let after = if elided { lo + 1 } else { lo + 2 };
        if (elided || of)
            && after < hi
            && text[group[after].core.clone()].starts_with(char::is_uppercase)
        {
            lo = after;
        }
    }
    // `Tajik President Emomali Rakhmon`: drop up to the last title of the
    // first three words.
    // Words before the title must be titles or demonyms: `Khalid Sheikh
    // Mohammed` is one name.
    if let Some(t) = (lo..hi.min(lo + 3))
        .rev()
        .find(|&k| is_title(&text[group[k].core.clone()]))
        && t + 1 < hi
        && group[lo..t].iter().all(|w| {
            let word = &text[w.core.clone()];
            is_title(word) || demonym_like(word)
        })
    {
        lo = t + 1;
    }
    while hi > lo && lower_eq(&text[group[hi - 1].core.clone()], CONNECTORS) {
        hi -= 1;
    }
    if lo >= hi {
        return None;
    }
    let words = &group[lo..hi];
    // `Groupes islamistes actifs.`: a sentence-initial common noun and
    // lower-case words that are not the adjectives of names is a phrase.
    if words.len() > 1 && words[0].sentence_start {
        let head = &text[words[0].core.clone()];
        let rest_plain = words[1..].iter().all(|w| {
            let word = &text[w.core.clone()];
            word.starts_with(char::is_lowercase) && !lower_eq(word, NAME_ADJECTIVES)
        });
        if rest_plain && vocab.is_common(head) {
            return None;
        }
    }
    let first = &words[0];
    let first_word = &text[first.core.clone()];
    if words.len() == 1 {
        if is_roman(first_word) || is_stopword(first_word) {
            return None;
        }
        // A sentence-initial capitalised word the corpus also writes in lower
        // case is a common word (`Conclusion`, `Parallèlement`).
        // After a determiner (`Les Talibans`) the capital is not the sentence's.
        let initial = first.sentence_start;
        if initial && !is_acronym(first_word) && vocab.is_common(first_word) {
            return None;
        }
        // Nor is a word of institution names that starts a sentence alone
        // (`Organisations terroristes interdites.`, `Sud`), unless the corpus
        // also capitalises it inside a sentence (`Selon Libération`, `John
        // White`: a newspaper, a surname).
        if initial
            && !is_acronym(first_word)
            && lexicon.knows(first_word)
            && !vocab.inside.contains(first_word)
        {
            return None;
        }
        // Nor is a sentence-initial adverb seen once (`Historically,`,
        // `Contrairement à`).
        if initial && adverb_like(first_word) {
            return None;
        }
        // A title or a heading is never a name alone (`le Président
        // kazakh`, `Bibliographie`, `Editor's note`), but `King`, `Prince` or
        // `Emir` may be a surname or a name.
        let bare = without_possessive(first_word);
        if title_word(bare, TITLES) || lower_eq(bare, HEADINGS) {
            return None;
        }
        // `Founded by…`, `Créée en 2007`, `Interrogé par…`: a participle
        // opening a clause, which the corpus never capitalises inside a
        // sentence (`Ahmed`, written there, stays a name).
        if initial
            && participle_like(first_word)
            && opens_clause(first_word, &text[first.span.end..])
            && !vocab.inside.contains(first_word)
        {
            return None;
        }
        if first_word.chars().filter(|c| c.is_alphabetic()).count() < 2 && !is_acronym(first_word) {
            return None;
        }
    }
    let mut end = words[words.len() - 1].span.end;
    let last_word = &text[words[words.len() - 1].core.clone()];
    if words.len() > 1 && last_word.chars().count() == 1 && text[end..].starts_with('.') {
        end += 1;
    }
    // `Emomali Rakhmon's`: the English possessive is not part of the name.
    for suffix in ["'s", "’s"] {
        if text[..end].ends_with(suffix) && end - suffix.len() > first.core.start + 1 {
            end -= suffix.len();
        }
    }
    let span = first.core.start..end;
    let raw = &text[span.clone()];
    let surface = surface_of(raw);
    let all_caps = words.iter().all(|w| {
        let word = &text[w.core.clone()];
        is_acronym(word) || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
    });
    let kind = if is_acronym(first_word) && all_caps {
        Kind::Acronym
    } else {
        Kind::Name
    };
    Some(Mention {
        doc,
        span: span.clone(),
        surface,
        lang: lang_at(span.start),
        kind,
    })
}

/// Plural nouns for the members of a region or an organisation (`États
/// d’Asie centrale`), never the head of a name.
const MEMBERS_OF: &[&str] = &[
    "états",
    "etats",
    "pays",
    "républiques",
    "countries",
    "states",
    "republics",
];

/// Determiners of a plural noun.
const PLURAL_DETERMINERS: &[&str] = &[
    "les",
    "des",
    "ces",
    "aux",
    "leurs",
    "nos",
    "plusieurs",
    "these",
    "those",
    "several",
];

/// The word that ends right before `pos` (white space between), or "".
fn word_before(text: &str, pos: usize) -> &str {
    let before = text[..pos].trim_end_matches(is_blank);
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(p, c)| p + c.len_utf8());
    &before[start..]
}

/// A title before a name (`President`, `Emir`), dropped from it.
fn is_title(word: &str) -> bool {
    title_word(word, TITLES) || title_word(word, TITLES_ALSO_NAMES)
}

/// Is `word` one of the titles of `list`, in any case? Not a two-letter
/// acronym that spells one (`ME`, the Middle East, is no `Me`); a heading
/// or a title in capitals is one (`PRÉSIDENT`).
fn title_word(word: &str, list: &[&str]) -> bool {
    lower_eq(word, list) && !(is_acronym(word) && word.chars().count() <= 2)
}

/// Titles that are also surnames or names (`Angus King`, `Prince`): dropped
/// before a name, but a name when alone.
const TITLES_ALSO_NAMES: &[&str] = &[
    "king",
    "queen",
    "prince",
    "princesse",
    "roi",
    "reine",
    "lord",
    "sir",
    "emir",
    "émir",
    "imam",
    "sheikh",
    "cheikh",
    "mollah",
    "mullah",
    "ayatollah",
];

/// `Russia` for `Russia's` or `Russia’s`.
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Section headings, never names alone.
const HEADINGS: &[&str] = &[
    "bibliographie",
    "bibliography",
    "références",
    "references",
    "sommaire",
    "summary",
    "introduction",
    "conclusion",
    "sources",
    "notes",
    "annexe",
    "appendix",
];

/// A French or English past participle by its ending (`Créée`, `Interrogé`,
/// `Entraînés`, `Founded`): five letters or more.
fn participle_like(word: &str) -> bool {
    has_ending(word, 5, &["é", "ée", "és", "ées", "ed"])
}

/// A word of letters only, `min` or more, that ends with one of `endings`
/// (in lower case).
fn has_ending(word: &str, min: usize, endings: &[&str]) -> bool {
    let lower = word.to_lowercase();
    lower.chars().count() >= min
        && lower.chars().all(char::is_alphabetic)
        && endings.iter().any(|e| lower.ends_with(e))
}

/// Does the text after `word` open a participial clause: the agent (`by`,
/// `par`), the subject (`Interrogé sur`), a date (`in 2015`, `en 2007`), or
/// `et` and another participle (`Entraînés et aguerris`)?
/// A comma or a place proves nothing: `Mohammed, 34, was arrested`, `André
/// dans un entretien`, `Mohammed in Kabul said` start with a name.
fn opens_clause(word: &str, after: &str) -> bool {
    let mut next = after.split(is_blank).filter(|w| !w.is_empty());
    let Some(following) = next.next() else {
        return false;
    };
    let then = next.next().unwrap_or("");
    let date = then.starts_with(|c: char| c.is_ascii_digit());
    if word.ends_with("ed") {
        following == "by" || (["in", "on"].contains(&following) && date)
    } else {
        ["par", "sur"].contains(&following)
            || (["en", "dans", "depuis"].contains(&following) && date)
            || (following == "et" && {
                // `Entraînés et aguerris,`: `-is` of the second group too.
                let then = then.trim_end_matches(',');
                then.starts_with(char::is_lowercase)
                    && (participle_like(then) || has_ending(then, 5, &["is", "ies"]))
            })
    }
}

/// `« Anti-terreur – Sud 2002 »`, an exercise's or an operation's name:
/// inside quotes that open right before the name and close on the same
/// line, a spaced dash continues the name (the word after it must still be
/// a name's, as for any word). Outside quotes a dash separates (`Moscou –
/// Kiev`).
fn quoted_dash(text: &str, first: &Word, last: &Word, next: &Word) -> bool {
    let gap = &text[last.span.end..next.span.start];
    let spaced_dash = matches!(gap.trim_matches(is_blank), "–" | "—")
        && gap.starts_with(is_blank)
        && gap.ends_with(is_blank);
    if !spaced_dash
        || !text[..first.span.start]
            .trim_end_matches(is_blank)
            .ends_with(['«', '“'])
    {
        return false;
    }
    // The quote must close right after a run of name material: capitalised
    // words, numbers, spaced dashes (`Sud 2002 »`); a comma, a colon or a
    // lower-case word makes the quote a sentence (`« Poutine – Zelensky, il
    // faut négocier »`, `« Russie – Ukraine : la guerre des récits »`).
    let rest = &text[next.span.end..];
    let Some(end) = rest.find(['»', '”', '\n', '.', '!', '?', '«', '“', ',', ':', ';'])
    else {
        return false;
    };
    rest[end..].starts_with(['»', '”'])
        && rest[..end].split(is_blank).all(|w| {
            w.is_empty()
                || matches!(w, "–" | "—")
                || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// Horizontal white space between words.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t')
}

/// An English `-ly` or French `-ment` adverb by its ending (seven letters or
/// more: `Italy` is a name).
fn adverb_like(word: &str) -> bool {
    has_ending(word, 7, &["ly", "ement", "mment"])
}

/// A short snippet of `text` around `span`, on one line, the mention in
/// brackets: `…la région de [Kalouga], les activités…`.
///
/// Reads at most `width` characters (and one more, to know whether the line
/// goes on) either side of the span, whatever the length of the line.
pub fn context(text: &str, span: &Range<usize>, width: usize) -> String {
    let before = &text[..span.start];
    let after = &text[span.end..];
    let left: String = {
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c != '\n')
            .take(width)
            .last()
            .map_or(span.start, |(p, _)| p);
        let mut s = before[start..].to_string();
        if !before[..start].is_empty() && !before[..start].ends_with('\n') {
            if let Some(p) = s.find(' ') {
                s = s[p + 1..].to_string();
            }
            s.insert(0, '…');
        }
        s
    };
    let right: String = {
        let end = after
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .take(width)
            .last()
            .map_or(0, |(p, c)| p + c.len_utf8());
        let mut s = after[..end].to_string();
        if !after[end..].is_empty() && !after[end..].starts_with('\n') {
            if let Some(p) = s.rfind(' ') {
                s.truncate(p);
            }
            s.push('…');
        }
        s
    };
    let snippet = format!("{left}[{}]{right}", &text[span.clone()]);
    // A byte-order mark opening the file is no part of what a reader sees.
    snippet
        .split_whitespace()
        .map(|w| w.trim_matches('\u{feff}'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(text: &str) -> Vec<String> {
        let doc = Document {
            name: "t".into(),
            path: "t".into(),
            text: text.to_string(),
        };
        let vocab = Vocabulary::from_text(text);
        mentions(0, &doc, &vocab)
            .into_iter()
            .map(|m| m.surface)
            .collect()
    }

    #[test]
    fn names_and_acronyms() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Le président Vladimir Poutine a parlé.",
                &["Vladimir Poutine"],
            ),
            (
                "les attaques du Crocus City Hall ont",
                &["Crocus City Hall"],
            ),
            (
                "une organisation, l'Organisation de Coopération de Shanghai (OCS), à",
                &["Organisation de Coopération de Shanghai", "OCS"],
            ),
            ("au profit de l’EI-K, une organisation", &["EI-K"]),
            ("la branche ISIS-K et l'OEI-K", &["ISIS-K", "OEI-K"]),
            ("le système I-24/7, une plateforme", &["I-24/7"]),
            (
                "carrefour de l'Ouzbekistan, du Tadjikistan et d’Ouzbékistan",
                &["Ouzbekistan", "Tadjikistan", "Ouzbékistan"],
            ),
            ("Dans la région. The report. Le FSB a dit", &["FSB"]),
            ("Président Tokaïev a limogé", &["Tokaïev"]),
            ("Tajik President Emomali Rakhmon said", &["Emomali Rakhmon"]),
            (
                "with Kazakh President Kassym-Jomart Tokayev and Kyrgyz President Sadyr \
                 Japarov and Turkmen President Serdar Berdimuhamedow",
                &[
                    "Kassym-Jomart Tokayev",
                    "Sadyr Japarov",
                    "Serdar Berdimuhamedow",
                ],
            ),
            (
                "the French Intelligence Research Center and",
                &["French Intelligence Research Center"],
            ),
            (
                "le Comité de sécurité nationale du Kazakhstan (KNB) confirmé",
                &["Comité de sécurité nationale du Kazakhstan", "KNB"],
            ),
            (
                "du Conseil de sécurité consacré à l'Afghanistan",
                &["Conseil de sécurité", "Afghanistan"],
            ),
            ("une forme d’Otan eurasiatique.", &["Otan"]),
            (
                "membre de l’Union économique eurasiatique.",
                &["Union économique eurasiatique"],
            ),
            ("à Stockholm⁴.", &["Stockholm"]),
            (
                "Les Talibans, Shanthie Mariet D'Souza a écrit",
                &["Talibans", "Shanthie Mariet D'Souza"],
            ),
            (
                "⁴ Dudoignon Stéphane A. \"Pourquoi",
                &["Dudoignon Stéphane A."],
            ),
            (
                "membres de l'État islamique et d'Al-Qaida des",
                &["État islamique", "Al-Qaida"],
            ),
            (
                "close guard of Abu Bakr al-Baghdadi, the",
                &["Abu Bakr al-Baghdadi"],
            ),
            ("en Asie centrale post-soviétique", &["Asie centrale"]),
            (
                "Les États-Unis ont averti la Russie",
                &["États-Unis", "Russie"],
            ),
            // A mission and where it is: one name.
            (
                "the U.S. Embassy in Russia warned",
                &["U.S. Embassy in Russia"],
            ),
            (
                "Le Ambassade des États-Unis à Moscou a publié",
                &["Ambassade des États-Unis à Moscou"],
            ),
            // Machine-translation glue: the lost space is a boundary.
            (
                "Adrien Watsonporte-parole de Conseil",
                &["Adrien Watson", "Conseil"],
            ),
            (
                "telles que Département d’État des États-Unisl’État islamique a revendiqué",
                &["Département d’État des États-Unis", "État islamique"],
            ),
            (
                "le 7 marsle Service fédéral de sécurité (FSB) russe",
                &["Service fédéral de sécurité", "FSB"],
            ),
            // A capitalised word after a lower-case adjective starts a name.
            (
                "le ministre russe des Affaires étrangères Sergueï Lavrov avait",
                &["Affaires étrangères", "Sergueï Lavrov"],
            ),
            (
                "l'organisation État islamique-Khorasan ».",
                &["État islamique-Khorasan"],
            ),
            ("(Éditions l'Harmattan), also", &["Éditions l'Harmattan"]),
            ("les Comités Daech et", &["Daech"]),
            (
                "fin. Organisations terroristes interdites en Russie. Europe a réagi.",
                &["Russie", "Europe"],
            ),
            (
                "les États d’Asie centrale et les États de l’Organisation du traité de \
                 sécurité collective (OTSC) et les États-Unis",
                &[
                    "Asie centrale",
                    "Organisation du traité de sécurité collective",
                    "OTSC",
                    "États-Unis",
                ],
            ),
            (
                "telles que « Bouclier du Sud 2000 » et en 2000 Moscou",
                &["Bouclier du Sud 2000", "Moscou"],
            ),
            ("Wakefield 2000 was", &["Wakefield"]),
            // Particles between the names of one person; Arabic articles.
            ("a day after Osama bin Laden died", &["Osama bin Laden"]),
            ("selon Mohammed ben Salmane hier", &["Mohammed ben Salmane"]),
            (
                "de Muhammad ibn Abd al-Wahhab et",
                &["Muhammad ibn Abd al-Wahhab"],
            ),
            (
                "the Izz ad-Din al-Qassam Brigades said",
                &["Izz ad-Din al-Qassam Brigades"],
            ),
            ("members of Hizb ut-Tahrir were", &["Hizb ut-Tahrir"]),
            (
                "by Abu Ibrahim al-Hashimi al-Qurashi in",
                &["Abu Ibrahim al-Hashimi al-Qurashi"],
            ),
            // A title inside a name stays when no demonym comes before it.
            (
                "said Khalid Sheikh Mohammed in",
                &["Khalid Sheikh Mohammed"],
            ),
            ("Russian President Vladimir Putin said", &["Vladimir Putin"]),
            // French institutions with lower-case words of the lexicon.
            (
                "selon les Forces démocratiques syriennes hier",
                &["Forces démocratiques syriennes"],
            ),
            ("les Frères musulmans ont", &["Frères musulmans"]),
            ("l'Armée syrienne libre a", &["Armée syrienne libre"]),
            ("en Asie centrale est", &["Asie centrale"]),
            ("Groupes islamistes actifs. Des groupes armés", &[]),
            ("the French intelligence services said", &["French"]),
            ("en Ossétie du Nord-Alanie", &["Ossétie du Nord-Alanie"]),
            ("près de Tel Aviv hier", &["Tel Aviv"]),
            // A leading article goes, `Le` included (no Roman 50th).
            ("partis pour La Mecque hier", &["Mecque"]),
            ("selon Le Monde hier", &["Monde"]),
            ("à l'époque, le Le FSB n'a pas", &["FSB"]),
            ("La Russie a dit", &["Russie"]),
            (
                "the Kurdistan Workers' Party and the Al-Aqsa Martyrs’ Brigades",
                &["Kurdistan Workers' Party", "Al-Aqsa Martyrs’ Brigades"],
            ),
            ("the 'Moscow' Kremlin", &["Moscow", "Kremlin"]),
            ("pour The Diplomat en mars", &["Diplomat"]),
            ("Adrienne Watson (@NSC_Spox) 23 mars", &["Adrienne Watson"]),
            (
                "¹ Boquérat, Gilles. « le terrorisme »",
                &["Boquérat, Gilles"],
            ),
            ("However, Emomali Rakhmon's support", &["Emomali Rakhmon"]),
            ("journalist at France 24. Then", &["France 24"]),
            ("à Moscou 22 mars", &["Moscou"]),
            ("le 9 Mars 2024", &[]),
            ("de l'Asie du Sud et centrale", &["Asie du Sud"]),
            (
                "le Ministère de l'Europe et des Affaires étrangères, 2024",
                &["Ministère de l'Europe et des Affaires étrangères"],
            ),
            (
                "telles que « Bouclier du Sud 2000 » et « Anti-terreur – Sud 2002 », des",
                &["Bouclier du Sud 2000", "Anti-terreur – Sud 2002"],
            ),
            (
                "les pourparlers Moscou – Kiev ont échoué",
                &["Moscou", "Kiev"],
            ),
            ("« Moscou – Kiev. » Puis", &["Moscou", "Kiev"]),
            // A quote that is a sentence, a quote opened before other words,
            // a dash without spaces, a lower-case word after the dash.
            (
                "selon « Russie – Ukraine : la guerre des récits », paru",
                &["Russie", "Ukraine"],
            ),
            (
                "« Poutine – Zelensky, il faut négocier », a déclaré Erdogan.",
                &["Poutine", "Zelensky", "Erdogan"],
            ),
            (
                "il a dit « le sommet Moscou – Pékin » hier",
                &["Moscou", "Pékin"],
            ),
            ("il a dit « Alpha–Bravo 2002 » hier", &["Alpha", "Bravo"]),
            (
                "il a dit « Anti-terreur – sud 2002 » hier",
                &["Anti-terreur"],
            ),
            // `pays` without a plural determiner heads a name; a lower-case
            // word after `de` is no name to cut to.
            (
                "Le match au Pays de Galles est annulé. Les pays voisins ont réagi.",
                &["Pays de Galles"],
            ),
            (
                "Les pays voisins ont réagi. Elle vit dans les Pays de la Loire depuis.",
                &["Pays de la Loire"],
            ),
            // A lexicon word alone at a sentence start stays a name when the
            // corpus capitalises it inside a sentence, or is an acronym.
            (
                "John White, a senator, spoke. White said no.",
                &["John White", "White"],
            ),
            ("la fin. UNION a voté.", &["UNION"]),
            (
                "même si elle dure. Si la lutte contre le terrorisme avait",
                &[],
            ),
            (
                "a work entitled \"The Green Cauldron of Central Asian Islam\" (Paris)",
                &["Green Cauldron of Central Asian Islam", "Paris"],
            ),
            (
                "des combattants tadjiks; la radicalisation des Tadjiks et des Ouzbeks réside",
                &["Tadjiks", "Ouzbeks"],
            ),
            (
                "⁴ Dudoignon, Stéphane A. \"Pourquoi",
                &["Dudoignon, Stéphane A."],
            ),
            ("Moscou, Kazan. Tachkent", &["Moscou", "Kazan", "Tachkent"]),
            ("voir https://fr.sputniknews.com/Kazakhstan ici", &[]),
            ("recalls II. However", &[]),
            ("du XXIe siècle", &[]),
            ("au Ier siècle, au XIXe, au IIIème, au Ve", &[]),
            ("Selon Me Karimov, avocat", &["Karimov"]),
            // A title's letters in capitals are an acronym (`ME`, the
            // Middle East).
            ("selon ME hier", &["ME"]),
            // Longer words in capitals are still headings and titles.
            (
                "Le texte.\n\nBIBLIOGRAPHIE\n\nDupont, Jean.",
                &["Dupont", "Jean"],
            ),
            ("Le texte.\n\nCONCLUSION\n\nLe texte.", &[]),
            ("Le texte.\n\nPRÉSIDENT\n\nLe texte.", &[]),
            // Acronyms in Roman letters, written no standard way, are names.
            ("selon LCI et CDC hier", &["LCI", "CDC"]),
            // `Mer` is no 1000th: a sea's name.
            ("sur la Mer Caspienne hier", &["Mer Caspienne"]),
            ("ISIS\u{a0}K préparait", &["ISIS K"]),
        ];
        for (text, want) in cases {
            assert_eq!(extract(text), *want, "in {text:?}");
        }
    }

    #[test]
    fn sentence_initial_common_word() {
        // `conclusion` is used in lower case, so the heading is not a name.
        let text = "Conclusion\n\nEn conclusion, Kaluga est une région.";
        assert_eq!(extract(text), vec!["Kaluga"]);
    }

    #[test]
    fn glue_cut_where_the_corpus_writes_the_name_alone() {
        let text = "Vladimir Poutine a parlé. Selon Vladimir Poutinecomme l’a dit Tass. \
                    Newsweek et la Belgique aussi.";
        assert_eq!(
            extract(text),
            vec![
                "Vladimir Poutine",
                "Vladimir Poutine",
                "Tass",
                "Newsweek",
                "Belgique"
            ]
        );
        // Without `Poutine` alone, nothing tells the glue.
        assert_eq!(
            extract("Selon Vladimir Poutinecomme l’a dit."),
            vec!["Vladimir Poutinecomme"]
        );
    }

    #[test]
    fn sentence_initial_adverb() {
        // Seen once, never in lower case: the ending tells.
        let text = "Historically, Kaluga was quiet. Contrairement à Kazan, rien. \
                    Italy agreed.";
        assert_eq!(extract(text), vec!["Kaluga", "Kazan", "Italy"]);
    }

    #[test]
    fn titles_headings_and_participles_alone() {
        // A title alone, a heading, a participle opening a clause: none is
        // a name; the names beside them are.
        let text = "Bibliographie\n\nThe region [south, Editor's note] is poor. Founded by Afghan Taliban, the group grew. \
                    Créée en 2007, la Ligue agit. Interrogé par Reuters, il a nié. \
                    Selon le Président kazakh, Tokaïev a gagné.";
        assert_eq!(
            extract(text),
            vec!["Afghan Taliban", "Ligue", "Reuters", "Tokaïev"]
        );
        // A name with a participle's ending stays a name when the corpus
        // writes it inside a sentence too, or when no clause opens.
        let text = "Ahmed by then had left. He met Ahmed Shah. Hamed arrived.";
        assert_eq!(extract(text), vec!["Ahmed", "Ahmed Shah", "Hamed"]);
        let text = "Mohammed in Kabul said so. Founded in 2015, it grew.";
        assert_eq!(extract(text), vec!["Mohammed", "Kabul"]);
        // A comma or a place proves no clause; a title that is also a name
        // stays (`Angus King`).
        let text = "Mohammed, 34, was arrested. André dans un entretien a nié. \
                    André, le frère, a parlé. Selon King, rien.";
        assert_eq!(extract(text), vec!["Mohammed", "André", "André", "King"]);
        // White space of any width.
        let text = "Interrogé par\u{a0}Reuters, il a nié.";
        assert_eq!(extract(text), vec!["Reuters"]);
        // Two participles joined by `et`, the second of the second group;
        // not a name and a place (`Ahmed et Paris`).
        let text = "Entraînés et aguerris, ils reviennent. Hamed et Paris, rien.";
        assert_eq!(extract(text), vec!["Hamed", "Paris"]);
    }

    #[test]
    fn a_branch_name_whose_acronym_the_corpus_writes() {
        // The corpus writes `AQAP`, `AQMI`, `AQPA`: the names they spell
        // run through `in the`, `au`, `dans la` and lower-case words.
        let text = "AQAP, AQMI et AQPA agissent.\n\nAnalysts say Al-Qaeda in the Arabian Peninsula \
                    struck.\n\nSelon lui, Al-Qaïda au Maghreb islamique recrute. Il dit que \
                    Al-Qaïda dans la péninsule arabique recrute.";
        let got = extract(text);
        for name in [
            "Al-Qaeda in the Arabian Peninsula",
            "Al-Qaïda au Maghreb islamique",
            "Al-Qaïda dans la péninsule arabique",
        ] {
            assert!(got.contains(&name.to_string()), "{name}: {got:?}");
        }
        // No such acronym: the name and the place; three letters prove
        // nothing (`OCS`), nor a connector other than `in`/`au`/`dans`
        // (`VPRU`: `pour`).
        let text = "OCS et VPRU. They say Al-Qaeda in the Arabian Peninsula struck. \
                    Selon lui, l'Ouzbékistan au Conseil de sécurité vote, et Vladimir \
                    Poutine pour la Russie Unie parle.";
        assert_eq!(
            extract(text),
            vec![
                "OCS",
                "VPRU",
                "Al-Qaeda",
                "Arabian Peninsula",
                "Ouzbékistan",
                "Conseil de sécurité",
                "Vladimir Poutine",
                "Russie Unie"
            ]
        );
        // Nor an acronym of another document (`AQAP` is in none here).
        let docs = [
            "AQAP agit.",
            "They say Al-Qaeda in the Arabian Peninsula struck.",
        ];
        let vocab = docs.iter().map(|t| Vocabulary::from_text(t)).fold(
            Vocabulary::default(),
            |mut acc, v| {
                acc.merge(v);
                acc
            },
        );
        let doc = Document {
            name: "b".into(),
            path: "b".into(),
            text: docs[1].to_string(),
        };
        let got: Vec<String> = mentions(1, &doc, &vocab)
            .into_iter()
            .map(|m| m.surface)
            .collect();
        assert_eq!(got, vec!["Al-Qaeda", "Arabian Peninsula"]);
    }

    #[test]
    fn spanish_function_words_alone() {
        // A Spanish link title in a French article: `Por`, `Desde` are no
        // names; `ISIS`, `Rusia` are.
        let text =
            "Il faut lire ceci.\n[¿Por qué ISIS ataca Rusia? Desde sus nexos con los talibanes]";
        assert_eq!(extract(text), vec!["ISIS", "Rusia"]);
    }

    #[test]
    fn title_case_headlines() {
        // The body writes `plot`, `citizens`, `killed` and `capital` in lower
        // case and `Russia` inside a sentence: the headline's other capitals
        // are Title Case (`of`, `in` are its small words; `Russia's` is
        // `Russia`).
        let body = "\nThe plot failed: citizens were killed by the police in the capital \
                    of Russia, said a radio free of charge.";
        let headline = format!("Plot of Kazakh Citizens Killed in Russia's Capital{body}");
        assert_eq!(extract(&headline), vec!["Russia", "Russia"]);
        // A full stop inside: two sentences, no headline.
        let stop = format!("Plot of Kazakh Citizens. Killed in Russia's Capital{body}");
        // Many plain words: a sentence, no headline.
        let plain = format!(
            "Plot of Kazakh Citizens was foiled and they were Killed in Russia's Capital{body}"
        );
        // A caption whose only common word is `President` (twice), a byline
        // whose common words are `Radio`, `Free` and `By` (a function word):
        // no proof of Title Case.
        let caption = format!(
            "Kazakh President Kassym Tokayev and Russian President Vladimir Putin{body} \
             The president spoke."
        );
        let byline = format!("By John Smith and Jane Doe, Radio Free Europe{body}");
        // A list of papers: `Le`, `Les` are function words, `Monde` alone
        // is one common word: no proof of Title Case.
        let papers = "Le Monde, Les Echos, Le Figaro\nLe monde entier lit.";
        for (text, name) in [
            (stop.as_str(), "Plot of Kazakh Citizens"),
            (&plain, "Plot of Kazakh Citizens"),
            (&caption, "Vladimir Putin"),
            (&byline, "John Smith"),
            (&byline, "Jane Doe"),
            (papers, "Echos"),
        ] {
            let got = extract(text);
            assert!(got.iter().any(|g| g == name), "{text:?}: {got:?}");
        }
        // A French headline is in sentence case; a line with a full stop
        // inside is no headline; a list of names proves no Title Case.
        let text = "Les États-Unis ont averti la Russie que ISIS-K préparait une attaque\n\
                    Geographical location of Tajikistan. © Studio Graphique France Médias Monde\n\
                    Vladimir Putin, Emomali Rakhmon, Shavkat Mirziyoyev\n\
                    The location was geographical.";
        assert_eq!(
            extract(text),
            vec![
                "États-Unis",
                "Russie",
                "ISIS-K",
                "Tajikistan",
                "Studio Graphique France Médias Monde",
                "Vladimir Putin",
                "Emomali Rakhmon",
                "Shavkat Mirziyoyev"
            ]
        );
    }

    #[test]
    fn context_snippet() {
        let text = "Sur le territoire de la région de Kalouga, les activités de la Wilayat";
        let start = text.find("Kalouga").unwrap();
        let c = context(text, &(start..start + 7), 20);
        assert_eq!(c, "…de la région de [Kalouga], les activités de…");
        let bom = "\u{feff}À Kalouga, hier.";
        let start = bom.find("Kalouga").unwrap();
        assert_eq!(context(bom, &(start..start + 7), 20), "À [Kalouga], hier.");
    }

    /// [`context`] as it was first written: the whole line as characters.
    fn context_naive(text: &str, span: &Range<usize>, width: usize) -> String {
        let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |p| span.end + p);
        let before: Vec<char> = text[line_start..span.start].chars().collect();
        let after: Vec<char> = text[span.end..line_end].chars().collect();
        let take = before.len().min(width);
        let mut left: String = before[before.len() - take..].iter().collect();
        if take < before.len() {
            if let Some(p) = left.find(' ') {
                left = left[p + 1..].to_string();
            }
            left.insert(0, '…');
        }
        let take = after.len().min(width);
        let mut right: String = after[..take].iter().collect();
        if take < after.len() {
            if let Some(p) = right.rfind(' ') {
                right.truncate(p);
            }
            right.push('…');
        }
        let snippet = format!("{left}[{}]{right}", &text[span.clone()]);
        snippet.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// [`line_start`] as it was first written: the whole line before `pos`.
    fn line_start_naive(text: &str, pos: usize) -> bool {
        let line = &text[text[..pos].rfind('\n').map_or(0, |p| p + 1)..pos];
        line.chars().all(|c| {
            c.is_whitespace() || !is_word_char(c) && !c.is_ascii_punctuation() || c.is_ascii_digit()
        })
    }

    /// A line of a hundred sentences (a document with no line break)
    /// gives every word the context and the line start it had when each
    /// was worked out from the whole line; so do short lines, a line of
    /// one word, blank lines, CRLF and footnote marks at a line start.
    #[test]
    fn context_and_line_start_on_a_long_line() {
        let sentence = "Sur le territoire de la région de Kalouga, les activités \
                        de la Wilayat Khorasan (EI-K) ont été déjouées par le FSB\u{a0};";
        let long = vec![sentence; 100].join(" ");
        let text = format!(
            "{long}\n\nTitre\r\n⁴ Boquérat, Gilles. \"Title\"\n12 Kalouga et Douchanbé\nOuzbékistan\n{sentence}"
        );
        let ws = words(&text);
        assert!(ws.len() > 2_000, "{} words", ws.len());
        for w in &ws {
            for width in [0, 1, 7, 40] {
                assert_eq!(
                    context(&text, &w.span, width),
                    context_naive(&text, &w.span, width),
                    "context of {:?} at {}, width {width}",
                    &text[w.span.clone()],
                    w.span.start
                );
            }
            assert_eq!(
                line_start(&text, w.span.start),
                line_start_naive(&text, w.span.start),
                "line start of {:?} at {}",
                &text[w.span.clone()],
                w.span.start
            );
        }
    }

    #[test]
    fn acronym_shapes() {
        for w in ["EI-K", "ISKP", "I-24/7", "CF2R", "U.S.", "OTSC"] {
            assert!(is_acronym(w), "{w}");
        }
        for w in ["Otan", "EI-Khorassan", "K", "Kaluga"] {
            assert!(!is_acronym(w), "{w}");
        }
    }
}
