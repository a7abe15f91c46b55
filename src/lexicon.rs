//! The small French↔English word lexicon used to compare long forms and
//! acronyms across languages (`État islamique` ↔ `Islamic State`,
//! `OTSC` ↔ `CSTO`).
//!
//! The data is `glossary/lexicon.csv` (columns `fr,en,role`), compiled into
//! the binary. `role` is `word` (translated), `generic` (a designator such as
//! `province` or `group`, which may be left out when comparing) or `stop`
//! (a function word, always left out). Entries may be several words long
//! (`hôtel de ville` ↔ `city hall`). Keys are folded, so `etat` = `État`.

use crate::lang::Lang;
use crate::normalize::fold;
use std::collections::BTreeMap;

/// What a word of a long form is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A content word.
    Word,
    /// A designator that may be left out (`province`, `group`).
    Generic,
    /// A function word (`de`, `the`).
    Stop,
}

/// A bilingual word list.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    fr_en: BTreeMap<Vec<String>, (Vec<String>, Role)>,
    en_fr: BTreeMap<Vec<String>, (Vec<String>, Role)>,
    longest: usize,
    /// French initial → English initials it may become when a content word
    /// is translated (`é` → `s`: `État` → `State`), for acronyms, each with
    /// the first entry that shows it (`etat→state`).
    initials: BTreeMap<char, Vec<(char, String)>>,
}

/// A translated token: its text in the target language and its role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Folded text.
    pub text: String,
    /// Role of the word.
    pub role: Role,
    /// Did the lexicon translate it?
    pub translated: bool,
}

const BUILTIN: &str = include_str!("../glossary/lexicon.csv");

impl Lexicon {
    /// The lexicon shipped in `glossary/lexicon.csv`.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        for line in BUILTIN.lines().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            if cols.len() < 3 {
                continue;
            }
            let role = match cols[2].trim() {
                "generic" => Role::Generic,
                "stop" => Role::Stop,
                _ => Role::Word,
            };
            let fr: Vec<String> = fold(cols[0]).split(' ').map(str::to_string).collect();
            let en: Vec<String> = fold(cols[1]).split(' ').map(str::to_string).collect();
            lex.longest = lex.longest.max(fr.len()).max(en.len());
            if role == Role::Word
                && fr.len() == 1
                && en.len() == 1
                && let (Some(f), Some(e)) = (fr[0].chars().next(), en[0].chars().next())
                && f != e
            {
                let to = lex.initials.entry(f).or_default();
                if !to.iter().any(|x| x.0 == e) {
                    to.push((e, format!("{}→{}", fr[0], en[0])));
                    to.sort_unstable();
                }
            }
            lex.fr_en.entry(fr.clone()).or_insert((en.clone(), role));
            lex.en_fr.entry(en).or_insert((fr, role));
        }
        lex
    }

    /// Is this folded word (or its singular) a word of the lexicon, in
    /// either language and in any role but `stop`? Such words are the
    /// vocabulary of institution names (`Comité`, `sécurité`, `State`).
    pub fn knows(&self, word: &str) -> bool {
        let w = fold(word);
        let singular = w.strip_suffix('s').unwrap_or(&w).to_string();
        [w.clone(), singular].into_iter().any(|w| {
            let first = |t: &BTreeMap<Vec<String>, (Vec<String>, Role)>| {
                t.range(vec![w.clone()]..)
                    .next()
                    .is_some_and(|(k, (_, role))| k[0] == w && *role != Role::Stop)
            };
            first(&self.fr_en) || first(&self.en_fr)
        })
    }

    /// The English initials a French content word starting with folded `c`
    /// may take once translated, besides `c` itself (`e` → `f`, `s`:
    /// `étrangères` → `foreign`, `État` → `State`).
    pub fn initial_translations(&self, c: char) -> impl Iterator<Item = char> + '_ {
        self.initials.get(&c).into_iter().flatten().map(|x| x.0)
    }

    /// The entry that lets initial `from` become `to` (`etat→state`).
    pub fn initial_example(&self, from: char, to: char) -> Option<&str> {
        self.initials
            .get(&from)?
            .iter()
            .find(|x| x.0 == to)
            .map(|x| x.1.as_str())
    }

    /// Is this folded word a function word in either language?
    pub fn is_stop(&self, word: &str) -> bool {
        let key = vec![word.to_string()];
        matches!(self.fr_en.get(&key), Some((_, Role::Stop)))
            || matches!(self.en_fr.get(&key), Some((_, Role::Stop)))
            || matches!(
                word,
                "of" | "the" | "in" | "for" | "and" | "on" | "a" | "an" | "at" | "to"
            )
    }

    /// Translate the words of `surface`, written in `from`, into `to`; words
    /// the lexicon does not know are kept (names travel unchanged). With
    /// `from == to` the words are only classified.
    pub fn translate(&self, surface: &str, from: Lang, to: Lang) -> Vec<Token> {
        let words: Vec<String> = fold(surface)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let table = match (from, to) {
            (Lang::Fr, Lang::En) => Some(&self.fr_en),
            (Lang::En, Lang::Fr) => Some(&self.en_fr),
            _ => None,
        };
        let same = match from {
            Lang::En => &self.en_fr,
            _ => &self.fr_en,
        };
        let mut out = Vec::new();
        let mut i = 0;
        'words: while i < words.len() {
            for n in (1..=self.longest.min(words.len() - i)).rev() {
                let key = &words[i..i + n];
                if let Some(table) = table {
                    if let Some((target, role)) = table.get(key) {
                        for t in target {
                            out.push(Token {
                                text: t.clone(),
                                role: *role,
                                translated: true,
                            });
                        }
                        i += n;
                        continue 'words;
                    }
                } else if let Some((_, role)) = same.get(key) {
                    for t in key {
                        out.push(Token {
                            text: t.clone(),
                            role: *role,
                            translated: false,
                        });
                    }
                    i += n;
                    continue 'words;
                }
            }
            let role = if self.is_stop(&words[i]) {
                Role::Stop
            } else {
                Role::Word
            };
            out.push(Token {
                text: words[i].clone(),
                role,
                translated: false,
            });
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_words_and_phrases() {
        let lex = Lexicon::builtin();
        let got: Vec<String> = lex
            .translate("Hôtel de ville de Crocus", Lang::Fr, Lang::En)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(got, ["city", "hall", "of", "crocus"]);
        let got = lex.translate("État islamique", Lang::Fr, Lang::En);
        assert_eq!(got[0].text, "state");
        assert!(got[0].translated);
        let got = lex.translate("Islamic State group", Lang::En, Lang::Fr);
        assert_eq!(
            got.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["islamique", "etat", "groupe"]
        );
        assert_eq!(got[2].role, Role::Generic);
        assert!(lex.knows("Comités"));
        assert!(lex.knows("Hôtel"));
        assert!(lex.knows("State"));
        assert!(!lex.knows("Poutine"));
        assert!(!lex.knows("de"));
        assert!(lex.initial_translations('e').any(|c| c == 's'));
        assert_eq!(lex.initial_example('e', 's'), Some("etat→state"));
        assert!(lex.initial_translations('f').any(|c| c == 'b'));
        assert_eq!(lex.initial_translations('c').count(), 0);
    }
}
