//! Language-aware romanisation keys, from named rules.
//!
//! French and English write the same Russian, Central Asian or Arabic name
//! with different spelling conventions: French `Tachkent`, `Kalouga`,
//! `Tadjikistan`, `Poutine`; English `Tashkent`, `Kaluga`, `Tajikistan`,
//! `Putin`. Each surface is rewritten, with the rules of the language it was
//! written in, into a *pivot* spelling where those conventions agree. Every
//! rule has a name; the rules that fired are the evidence of a merge.
//!
//! The rules work on the folded form (see [`crate::normalize::fold`]) and
//! are applied in table order. A rule may be restricted to a context:
//! before `e`/`i`, between vowels, at the end of a word.

use crate::lang::Lang;
use crate::normalize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Where a rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Anywhere in a word.
    Anywhere,
    /// At the end of a word.
    WordEnd,
    /// At the end of a word of at least five letters, after a consonant.
    SilentFinal,
    /// Before `e` or `i`.
    BeforeFrontVowel,
    /// Not before `e`, `i` or `y` (hard `c`).
    NotBeforeFrontVowel,
    /// Not at the end of a word (`Moscou` keeps its `ou`).
    NotWordEnd,
    /// `-ne` after a vowel at the end of a word of five letters or more
    /// (`Palestine`, `Ukraine`: the English `e` is silent too).
    SilentNe,
    /// At the end of a word of six letters or more (the stem left has five:
    /// a shorter one must match exactly, and `Sabah`/`Saba`, `Fatah`/`Fata`
    /// are two).
    LongWordEnd,
}

/// One romanisation rule: in `lang` (or any language when `None`), rewrite
/// `from` as `to` where `context` holds.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The rule's name, cited in evidence (`fr:ou=u`).
    pub name: &'static str,
    /// The language whose spelling it undoes; `None` for both.
    pub lang: Option<Lang>,
    /// The spelling rewritten.
    pub from: &'static str,
    /// The pivot spelling.
    pub to: &'static str,
    /// Where it applies.
    pub context: Context,
}

impl Rule {
    /// Is the rule worth citing as evidence? Rules that only protect a
    /// spelling from later rules (`any:sh=sh`) are not.
    pub fn cited(&self) -> bool {
        self.name
            .split_once(':')
            .is_none_or(|(_, change)| change.split_once('=').is_none_or(|(a, b)| a != b))
    }
}

const fn rule(
    name: &'static str,
    lang: Option<Lang>,
    from: &'static str,
    to: &'static str,
    context: Context,
) -> Rule {
    Rule {
        name,
        lang,
        from,
        to,
        context,
    }
}

const FR: Option<Lang> = Some(Lang::Fr);
const EN: Option<Lang> = Some(Lang::En);
const ANY: Option<Lang> = None;

/// The rule table, in application order. Upper-case letters in `to` are
/// placeholders that protect a result from later rules; they are lowered at
/// the end (`Ch` from French `tch` must not become `sh`).
pub const RULES: &[Rule] = &[
    // French spellings of Russian and Central Asian names.
    rule("fr:tch=ch", FR, "tch", "C", Context::Anywhere),
    rule("fr:dj=j", FR, "dj", "J", Context::Anywhere),
    rule("fr:ch=sh", FR, "ch", "S", Context::Anywhere),
    rule("fr:iou=yu", FR, "iou", "Iu", Context::Anywhere),
    rule("fr:qu=k", FR, "qu", "k", Context::Anywhere),
    rule("fr:ou=u", FR, "ou", "u", Context::Anywhere),
    rule("fr:j=zh", FR, "j", "J", Context::Anywhere),
    rule("fr:gu=g", FR, "gu", "g", Context::BeforeFrontVowel),
    rule("fr:ie=ia", FR, "ie", "iA", Context::WordEnd),
    rule("fr:e-silent", FR, "e", "", Context::SilentFinal),
    // English romanisation alternations.
    rule("en:dzh=j", EN, "dzh", "J", Context::Anywhere),
    rule("en:ne-silent", EN, "ne", "n", Context::SilentNe),
    rule("en:zh=j", EN, "zh", "J", Context::Anywhere),
    rule("en:ch=ch", EN, "ch", "C", Context::Anywhere),
    rule("en:ow=ou", EN, "cow", "ku", Context::WordEnd),
    rule("en:j=j", EN, "j", "J", Context::Anywhere),
    // Alternations common to both.
    rule("any:kh=h", ANY, "kh", "h", Context::Anywhere),
    rule("any:gh=g", ANY, "gh", "g", Context::Anywhere),
    rule("any:ph=f", ANY, "ph", "f", Context::Anywhere),
    rule("any:sh=sh", ANY, "sh", "S", Context::Anywhere),
    rule("any:ss=s", ANY, "ss", "s", Context::Anywhere),
    rule("any:ck=k", ANY, "ck", "k", Context::Anywhere),
    rule("any:q=k", ANY, "q", "k", Context::Anywhere),
    rule("any:c=k", ANY, "c", "k", Context::NotBeforeFrontVowel),
    rule("any:y=i", ANY, "y", "i", Context::Anywhere),
    rule("any:x=ks", ANY, "x", "ks", Context::Anywhere),
    // An Arabic long vowel written double (`Mechaal`, `Qaani`).
    rule("any:aa=a", ANY, "aa", "a", Context::Anywhere),
    // The Arabic feminine ending, written `-ah`, `-eh` or `-a` in English
    // and `-a`, `-é` or `-e` in French (`Sulaymaniyah`/`Souleimaniye`,
    // `Al-Hasakah`/`Hassaké`, `Mughniyeh`/`Moughniyah`).
    rule("any:ah=a", ANY, "ah", "a", Context::LongWordEnd),
    rule("any:eh=e", ANY, "eh", "e", Context::LongWordEnd),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'A' | b'I')
}

fn context_holds(context: Context, word: &[u8], at: usize, len: usize, accented_end: bool) -> bool {
    let next = word.get(at + len).copied();
    match context {
        Context::Anywhere => true,
        Context::WordEnd => next.is_none(),
        Context::SilentFinal => {
            !accented_end && next.is_none() && word.len() >= 5 && at > 0 && !is_vowel(word[at - 1])
        }
        Context::BeforeFrontVowel => matches!(next, Some(b'e' | b'i' | b'y')),
        Context::NotBeforeFrontVowel => !matches!(next, Some(b'e' | b'i' | b'y')),
        Context::NotWordEnd => next.is_some(),
        Context::SilentNe => next.is_none() && word.len() >= 5 && at > 0 && is_vowel(word[at - 1]),
        Context::LongWordEnd => next.is_none() && word.len() >= 6,
    }
}

/// Apply one rule to one word (ASCII); say whether it fired.
fn apply(rule: &Rule, word: &mut Vec<u8>, accented_end: bool) -> bool {
    let from = rule.from.as_bytes();
    let mut out = Vec::with_capacity(word.len());
    let mut fired = false;
    let mut i = 0;
    while i < word.len() {
        if word[i..].starts_with(from)
            && context_holds(rule.context, word, i, from.len(), accented_end)
        {
            out.extend_from_slice(rule.to.as_bytes());
            i += from.len();
            fired = true;
        } else {
            out.push(word[i]);
            i += 1;
        }
    }
    if fired {
        *word = out;
    }
    fired
}

/// The pivot spelling of a surface written in `lang`, with the names of the
/// rules that fired (in table order, each once). Tokens stay separated by
/// one space. Letters outside ASCII after folding are kept as they are.
///
/// ```
/// use nomina::lang::Lang;
/// use nomina::romanize::pivot;
/// assert_eq!(pivot("Tachkent", Lang::Fr).0, pivot("Tashkent", Lang::En).0);
/// assert_eq!(pivot("Kalouga", Lang::Fr).0, "kaluga");
/// assert_eq!(pivot("Poutine", Lang::Fr).0, pivot("Putin", Lang::En).0);
/// ```
pub fn pivot(surface: &str, lang: Lang) -> (String, Vec<&'static str>) {
    let mut fired: Vec<&'static str> = Vec::new();
    let mut tokens = Vec::new();
    let surface = inner_apostrophes_dropped(surface);
    for original in surface
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '*' || is_combining_mark(c)))
    {
        let folded = normalize::fold(original);
        if folded.is_empty() {
            continue;
        }
        if !folded.is_ascii() || folded.contains(' ') {
            tokens.push(folded);
            continue;
        }
        // `Douchanbé`: a final accented `é` is pronounced, never silent.
        let accented_end = original
            .nfc()
            .last()
            .is_some_and(|c| matches!(c, 'é' | 'É'));
        let mut word = folded.into_bytes();
        for rule in RULES {
            if rule.lang.is_some_and(|l| l != lang) {
                continue;
            }
            if apply(rule, &mut word, accented_end) && rule.cited() && !fired.contains(&rule.name) {
                fired.push(rule.name);
            }
        }
        let mut out = String::with_capacity(word.len() + 2);
        for b in word {
            match b {
                b'C' => out.push_str("ch"),
                b'S' => out.push_str("sh"),
                b'J' => out.push('j'),
                b'I' => out.push('i'),
                b'A' => out.push('a'),
                _ => out.push(char::from(b)),
            }
        }
        tokens.push(out);
    }
    fired.sort_by_key(|name| RULES.iter().position(|r| r.name == *name));
    (tokens.join(" "), fired)
}

/// An apostrophe inside a word after two letters or more marks an Arabic
/// or Uzbek sound, not an elision: it goes (`Ta'izz` → `Taizz`,
/// `Yo'ldosh` → `Yoldosh`); `d'Ouzbékistan`, `D'Souza` keep theirs.
fn inner_apostrophes_dropped(surface: &str) -> std::borrow::Cow<'_, str> {
    // Every surface's pivot passes here: most have no apostrophe at all.
    if !surface.contains(crate::normalize::is_apostrophe) {
        return surface.into();
    }
    let chars: Vec<char> = surface.chars().collect();
    let inner = |k: usize| {
        crate::normalize::is_apostrophe(chars[k])
            && k >= 2
            && chars[k - 1].is_alphabetic()
            && chars[k - 2].is_alphabetic()
            && chars.get(k + 1).is_some_and(|c| c.is_alphabetic())
    };
    if !(0..chars.len()).any(inner) {
        return surface.into();
    }
    (0..chars.len())
        .filter(|&k| !inner(k))
        .map(|k| chars[k])
        .collect::<String>()
        .into()
}

/// Where a rule of [`FR_TO_EN`] applies, in a word as written (accents
/// and capitals kept).
#[derive(Clone, Copy)]
enum Where {
    Anywhere,
    WordEnd,
    /// Not at the end of a word (`Moscou` keeps its `ou`).
    NotWordEnd,
    /// Before `e`, `i`, `y` (accented too).
    BeforeFrontVowel,
    /// Before a vowel or at the end of a word (`Tokaïev` → `Tokayev`,
    /// `Sergueï` → `Sergey`; `Mikhaïl` → `Mikhail`).
    BeforeVowelOrWordEnd,
}

/// French spellings rewritten the English way, for names seen only in
/// French: `(name, French spelling, English spelling, where)`, the first
/// that applies at a position winning.
const FR_TO_EN: &[(&str, &str, &str, Where)] = &[
    ("fr:tch=ch", "tch", "ch", Where::Anywhere),
    ("fr:dj=j", "dj", "j", Where::Anywhere),
    ("fr:ch=sh", "ch", "sh", Where::Anywhere),
    ("fr:iou=yu", "iou", "yu", Where::Anywhere),
    ("fr:gu=g", "gu", "g", Where::BeforeFrontVowel),
    ("fr:ou=u", "ou", "u", Where::NotWordEnd),
    ("fr:ï=y", "aï", "ay", Where::BeforeVowelOrWordEnd),
    ("fr:ï=y", "oï", "oy", Where::BeforeVowelOrWordEnd),
    ("fr:ï=y", "eï", "ey", Where::BeforeVowelOrWordEnd),
    ("fr:ï=i", "aï", "ai", Where::Anywhere),
    ("fr:ï=i", "oï", "oi", Where::Anywhere),
    ("fr:ï=i", "eï", "ei", Where::Anywhere),
    ("fr:e-silent", "ine", "in", Where::WordEnd),
];

/// Shapes of Russian and Central Asian names (`-ov`, `-stan`, `-kent`…).
const EURASIAN_ENDINGS: &[&str] = &[
    "ov", "ev", "ova", "eva", "sk", "stan", "kent", "abad", "ga", "ka", "grad", "iev", "ïev", "bé",
    "ié",
];

/// An English spelling for a name written the French way, when the rules
/// are confident: the name shows French transliteration (`tch`, `dj`, `ou`,
/// `ch`, `ï`…) and the shape of a Russian or Central Asian name, or two
/// French transliteration marks (`Douchanbé`). `Tachkent` → `Tashkent`,
/// `Kalouga` → `Kaluga`; `Chine` and `Chauprade` get none. Returns the
/// spelling and the rules used.
///
/// ```
/// use nomina::romanize::english_spelling;
/// assert_eq!(english_spelling("Tachkent").map(|x| x.0), Some("Tashkent".to_string()));
/// assert_eq!(english_spelling("Kalouga").map(|x| x.0), Some("Kaluga".to_string()));
/// assert_eq!(english_spelling("Chine"), None);
/// ```
pub fn english_spelling(surface: &str) -> Option<(String, Vec<&'static str>)> {
    let mut out = String::new();
    let mut rules: Vec<&'static str> = Vec::new();
    let mut marks = 0;
    let mut eurasian = false;
    for (i, word) in surface.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if EURASIAN_ENDINGS.iter().any(|e| lower.ends_with(e)) {
            eurasian = true;
        }
        // A French `j` is English `zh` in Russian names (`Jirinovski`) but
        // `j` in Kazakh ones (`Jomart`): a word with one is left as it is,
        // and the name gets no English spelling if that word has other
        // French marks (`Djamchid Jouraïev` is no `Jamshid Jouraïev`).
        if lower.replace("dj", "").contains('j') {
            if FR_TO_EN.iter().any(|r| lower.contains(r.1)) {
                return None;
            }
            out.push_str(word);
            continue;
        }
        let all_caps = !word.chars().any(char::is_lowercase);
        let chars: Vec<char> = word.chars().collect();
        // The letter after a piece, lower-cased (`TOKAÏEV`).
        let next = |at: usize| chars.get(at).and_then(|c| c.to_lowercase().next());
        let mut k = 0;
        'chars: while k < chars.len() {
            for &(name, from, to, place) in FR_TO_EN {
                let n = from.chars().count();
                if k + n > chars.len() {
                    continue;
                }
                let piece: String = chars[k..k + n].iter().collect::<String>().to_lowercase();
                let end = k + n == chars.len() || !chars[k + n].is_alphabetic();
                let front = |c: char| matches!(c, 'e' | 'i' | 'é' | 'è' | 'ê' | 'ë' | 'ï' | 'y');
                let holds = match place {
                    Where::Anywhere => true,
                    Where::WordEnd => end,
                    Where::NotWordEnd => !end,
                    Where::BeforeFrontVowel => next(k + n).is_some_and(front),
                    Where::BeforeVowelOrWordEnd => {
                        end || next(k + n).is_some_and(|c| front(c) || "aouâàôûü".contains(c))
                    }
                };
                if piece == from && holds {
                    let mut replacement = to.to_string();
                    if all_caps {
                        replacement = replacement.to_uppercase();
                    } else if chars[k].is_uppercase() {
                        replacement = replacement[..1].to_uppercase() + &replacement[1..];
                    }
                    out.push_str(&replacement);
                    if !rules.contains(&name) {
                        rules.push(name);
                    }
                    if name != "fr:e-silent" {
                        marks += 1;
                    }
                    k += n;
                    continue 'chars;
                }
            }
            // Accents go (`Douchanbé` → `Dushanbe`), letters stay.
            let c = chars[k];
            let plain: String = c
                .to_string()
                .nfd()
                .filter(|c| !is_combining_mark(*c))
                .collect();
            out.push_str(&plain);
            k += 1;
        }
    }
    (!rules.is_empty() && (eurasian || marks >= 2)).then_some((out, rules))
}

/// The vowel-less skeleton of a pivot key, repeated letters collapsed and
/// spaces removed: a cheap key that pulls candidates together (JRC-style).
///
/// ```
/// assert_eq!(nomina::romanize::skeleton("kirgizistan"), "krgzstn");
/// ```
pub fn skeleton(pivot: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    for c in pivot.chars() {
        if c == ' ' {
            continue;
        }
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
        if vowel && !first {
            continue;
        }
        first = false;
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule with a word where it fires: (rule, surface, language, pivot).
    const RULE_CASES: &[(&str, &str, Lang, &str)] = &[
        ("fr:tch=ch", "Tcheliabinsk", Lang::Fr, "cheliabinsk"),
        ("fr:dj=j", "Tadjikistan", Lang::Fr, "tajikistan"),
        ("fr:ch=sh", "Tachkent", Lang::Fr, "tashkent"),
        ("fr:iou=yu", "Iouldachev", Lang::Fr, "iuldashev"),
        ("fr:ou=u", "Kalouga", Lang::Fr, "kaluga"),
        ("fr:j=zh", "Jouravlev", Lang::Fr, "juravlev"),
        ("fr:gu=g", "Ievgueni", Lang::Fr, "ievgeni"),
        ("fr:ie=ia", "Syrie", Lang::Fr, "siria"),
        ("fr:e-silent", "Poutine", Lang::Fr, "putin"),
        ("fr:qu=k", "islamique", Lang::Fr, "islamik"),
        ("en:dzh=j", "Dzhanibek", Lang::En, "janibek"),
        ("en:ne-silent", "Palestine", Lang::En, "palestin"),
        ("en:zh=j", "Zhuravlev", Lang::En, "juravlev"),
        ("en:ch=ch", "Chechnya", Lang::En, "chechnia"),
        ("en:ow=ou", "Moscow", Lang::En, "mosku"),
        ("en:j=j", "Tajikistan", Lang::En, "tajikistan"),
        ("any:kh=h", "Rakhmon", Lang::En, "rahmon"),
        ("any:gh=g", "Kirghizistan", Lang::Fr, "kirgizistan"),
        ("any:ph=f", "Phrygia", Lang::En, "frigia"),
        ("any:sh=sh", "Tashkent", Lang::En, "tashkent"),
        ("any:ss=s", "Khorassan", Lang::Fr, "horasan"),
        ("any:ck=k", "Brock", Lang::En, "brok"),
        ("any:q=k", "Iraq", Lang::En, "irak"),
        ("any:c=k", "Crocus", Lang::En, "krokus"),
        ("any:y=i", "Kyrgyzstan", Lang::En, "kirgizstan"),
        ("any:x=ks", "Alexandre", Lang::Fr, "aleksandr"),
        ("any:aa=a", "Mechaal", Lang::Fr, "meshal"),
        ("any:ah=a", "Sulaymaniyah", Lang::En, "sulaimaniia"),
        ("any:eh=e", "Mughniyeh", Lang::En, "mugniie"),
    ];

    #[test]
    fn every_rule_fires_where_expected() {
        for rule in RULES {
            assert!(
                RULE_CASES.iter().any(|c| c.0 == rule.name),
                "no test case for {}",
                rule.name
            );
        }
        for &(name, surface, lang, want) in RULE_CASES {
            let (got, fired) = pivot(surface, lang);
            assert_eq!(got, want, "pivot({surface:?}, {lang})");
            let cited = RULES.iter().any(|r| r.name == name && r.cited());
            assert_eq!(
                fired.contains(&name),
                cited,
                "{name} on {surface:?}: {fired:?}"
            );
        }
    }

    #[test]
    fn english_spellings_of_french_names() {
        let cases = [
            ("Tachkent", Some("Tashkent")),
            ("Kalouga", Some("Kaluga")),
            ("Douchanbé", Some("Dushanbe")),
            ("Tadjikistan", Some("Tajikistan")),
            ("Ouzbékistan", Some("Uzbekistan")),
            ("Tokaïev", Some("Tokayev")),
            ("Poutine", None),
            ("Staline", None),
            ("Sergueï Lavrov", Some("Sergey Lavrov")),
            ("Moscou", None),
            ("Chine", None),
            ("Chauprade", None),
            ("Allemagne", None),
            // A word with a French `j` is left alone, the others are not.
            ("Kassym-Jomart Tokaïev", Some("Kassym-Jomart Tokayev")),
            ("Vladimir Jirinovski", None),
            // `ï` is `y` before a vowel or at the end, `i` elsewhere.
            ("Mikhaïl Fradkov", Some("Mikhail Fradkov")),
            ("Kaïrat Abdrakhmanov", Some("Kairat Abdrakhmanov")),
            ("Baïkonour", Some("Baikonur")),
            ("TOKAÏEV", Some("TOKAYEV")),
            // A word with a `j` and other French marks: no spelling at all.
            ("Djamchid Jouraïev", None),
        ];
        for (fr, want) in cases {
            assert_eq!(english_spelling(fr).map(|x| x.0).as_deref(), want, "{fr}");
        }
    }

    #[test]
    fn rules_keep_to_their_language() {
        // English text keeps `ou` and `ch`.
        assert_eq!(pivot("Moussa", Lang::En).0, "mousa");
        assert_eq!(pivot("Chechnya", Lang::En).0, "chechnia");
        assert_eq!(pivot("Chechnya", Lang::Fr).0, "sheshnia");
    }

    #[test]
    fn french_and_english_meet() {
        let pairs = [
            ("Kalouga", "Kaluga"),
            ("Tachkent", "Tashkent"),
            ("Poutine", "Putin"),
            ("Tadjikistan", "Tajikistan"),
            ("Ouzbékistan", "Uzbekistan"),
            ("Daech", "Daesh"),
            ("Douchanbé", "Dushanbe"),
            ("Choïgou", "Shoigu"),
            ("Tokaïev", "Tokayev"),
            ("Moscou", "Moscow"),
            ("Russie", "Russia"),
            ("Syrie", "Syria"),
            ("Irak", "Iraq"),
            ("Khorassan", "Khorasan"),
            ("Iouldachev", "Yuldashev"),
            ("Staline", "Stalin"),
            ("islamique", "Islamic"),
        ];
        for (fr, en) in pairs {
            assert_eq!(pivot(fr, Lang::Fr).0, pivot(en, Lang::En).0, "{fr} / {en}");
        }
    }

    #[test]
    fn apostrophes_inside_a_word_go_elisions_stay() {
        for (surface, want) in [
            ("Ta'izz", "Taizz"),
            ("Tohir Yo’ldosh", "Tohir Yoldosh"),
            (
                "Mouvement islamique d'Ouzbékistan",
                "Mouvement islamique d'Ouzbékistan",
            ),
            ("Shanthie D'Souza", "Shanthie D'Souza"),
            ("Kalouga", "Kalouga"),
        ] {
            assert_eq!(inner_apostrophes_dropped(surface), want, "{surface}");
        }
        assert_eq!(pivot("Ta'izz", Lang::En).0, "taizz");
    }

    #[test]
    fn hard_negatives_differ() {
        let pairs = [
            ("Karimov", "Khalimov"),
            ("Iran", "Irak"),
            ("Samara", "Samarra"),
            ("Niger", "Nigeria"),
            ("Kazakhstan", "Kirghizistan"),
            ("Autriche", "Australie"),
        ];
        for (a, b) in pairs {
            assert_ne!(pivot(a, Lang::Fr).0, pivot(b, Lang::Fr).0, "{a} / {b}");
        }
    }
}
