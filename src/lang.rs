//! French or English, decided per paragraph.
//!
//! The corpus mixes languages inside one document (seed 000 has an English
//! title over a French body), so the unit is the paragraph: a run of text
//! between line breaks. The decision counts function words of each language;
//! a paragraph with no evidence takes the document's majority.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// A language nomina has rules for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[serde(rename = "en")]
    En,
    /// French.
    #[serde(rename = "fr")]
    Fr,
    /// Not decided (no evidence, and no document majority).
    #[serde(rename = "und")]
    Und,
}

impl Lang {
    /// The ISO 639-1 code (`und` for undecided).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Und => "und",
        }
    }

    /// Parse `en`, `fr`, `und` (or empty, for undecided), any case.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Some(Lang::En),
            "fr" | "fra" | "fre" | "french" | "français" => Some(Lang::Fr),
            "" | "und" | "?" => Some(Lang::Und),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A paragraph of a document with its language.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// Byte range in the document text.
    pub span: Range<usize>,
    /// The language decided for it.
    pub lang: Lang,
    /// How sure: the share of function words of the winning language, 0 when
    /// the language came from the document majority.
    pub confidence: f32,
}

const FR_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "un",
    "une",
    "et",
    "est",
    "dans",
    "pour",
    "par",
    "sur",
    "avec",
    "qui",
    "que",
    "au",
    "aux",
    "ont",
    "été",
    "sont",
    "il",
    "elle",
    "ils",
    "ce",
    "cette",
    "ces",
    "son",
    "sa",
    "ses",
    "leur",
    "pas",
    "plus",
    "mais",
    "selon",
    "entre",
    "depuis",
    "après",
    "contre",
    "où",
    "à",
    "l",
    "d",
    "qu",
    "n",
    "s",
    "c",
    "j",
    "également",
    "très",
    "a",
];
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "for", "on", "with", "that", "by", "from", "at",
    "as", "his", "her", "its", "their", "has", "have", "had", "who", "which", "this", "these",
    "were", "are", "be", "been", "it", "he", "she", "they", "an", "or", "not", "but", "after",
    "into", "than", "said", "says", "would", "will",
];

/// Count (french, english) function words in `text`.
fn votes(text: &str) -> (usize, usize) {
    let mut fr = 0;
    let mut en = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        let lower = word.to_lowercase();
        // `a` is both French (verb) and English (article): it counts for neither.
        if lower == "a" {
            continue;
        }
        if FR_WORDS.contains(&lower.as_str()) {
            fr += 1;
        }
        if EN_WORDS.contains(&lower.as_str()) {
            en += 1;
        }
    }
    (fr, en)
}

/// Decide the language of a piece of text on its own: `(lang, confidence)`.
/// `Lang::Und` when no function word of either language occurs.
pub fn detect(text: &str) -> (Lang, f32) {
    let (fr, en) = votes(text);
    let total = (fr + en) as f32;
    if fr == en {
        return (Lang::Und, 0.0);
    }
    if fr > en {
        (Lang::Fr, fr as f32 / total)
    } else {
        (Lang::En, en as f32 / total)
    }
}

/// Split `text` into paragraphs (non-empty lines) and decide each one's
/// language; undecided paragraphs take the document's majority.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            let (lang, confidence) = detect(body);
            out.push(Paragraph {
                span: start..start + body.len(),
                lang,
                confidence,
            });
        }
        start = end;
    }
    let (fr, en) = out
        .iter()
        .fold((0usize, 0usize), |(fr, en), p| match p.lang {
            Lang::Fr => (fr + p.span.len(), en),
            Lang::En => (fr, en + p.span.len()),
            Lang::Und => (fr, en),
        });
    let majority = if fr > en {
        Lang::Fr
    } else if en > fr {
        Lang::En
    } else {
        Lang::Und
    };
    for p in &mut out {
        if p.lang == Lang::Und {
            p.lang = majority;
        }
    }
    out
}

/// The language of the paragraph holding byte `pos` (`Lang::Und` between
/// paragraphs). `paragraphs` are those of [`paragraphs`], in text order: a
/// binary search, since extraction asks once per mention.
pub fn lang_at(paragraphs: &[Paragraph], pos: usize) -> Lang {
    let i = paragraphs.partition_point(|p| p.span.end <= pos);
    paragraphs
        .get(i)
        .filter(|p| p.span.contains(&pos))
        .map_or(Lang::Und, |p| p.lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_paragraph() {
        let text = "Alleged ISKP Plot Foiled in Russia, 2 Kazakh Citizens Killed\n\n\
                    Un complot présumé de l'ISKP déjoué en Russie, 2 citoyens kazakhs tués\n";
        let ps = paragraphs(text);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].lang, Lang::En);
        assert_eq!(ps[1].lang, Lang::Fr);
        assert_eq!(
            &text[ps[0].span.clone()],
            "Alleged ISKP Plot Foiled in Russia, 2 Kazakh Citizens Killed"
        );
    }

    #[test]
    fn undecided_takes_majority() {
        let text = "Le Kazakhstan est un pays de la région.\nAlmaty\n";
        let ps = paragraphs(text);
        assert_eq!(ps[1].lang, Lang::Fr);
        assert_eq!(ps[1].confidence, 0.0);
    }

    /// The binary search finds the paragraph a linear walk finds, for
    /// every byte (blank lines and line ends belong to none).
    #[test]
    fn lang_at_every_byte() {
        let text = "The war in Ukraine.\n\nLa guerre en Ukraine.\r\nAlmaty\n \nThe end";
        let ps = paragraphs(text);
        for pos in 0..=text.len() + 1 {
            let naive = ps
                .iter()
                .find(|p| p.span.contains(&pos))
                .map_or(Lang::Und, |p| p.lang);
            assert_eq!(lang_at(&ps, pos), naive, "at byte {pos}");
        }
        assert_eq!(lang_at(&ps, 0), Lang::En);
        assert_eq!(lang_at(&ps, text.find("La").unwrap_or(0)), Lang::Fr);
        assert_eq!(lang_at(&ps, text.find('\n').unwrap_or(0)), Lang::Und);
    }

    #[test]
    fn parse_codes() {
        assert_eq!(Lang::parse("FR"), Some(Lang::Fr));
        assert_eq!(Lang::parse(""), Some(Lang::Und));
        assert_eq!(Lang::parse("de"), None);
    }
}
