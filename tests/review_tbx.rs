//! `nomina glossary export --format tbx` writes a TBX-Basic termbase
//! (ISO 30042:2019, DCA style) that is well-formed XML with the TBX-Basic
//! structure, one concept per entity, one language section per language,
//! each term with its status.

mod util;

use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};
use util::{Dir, root};

const NS: &str = "urn:iso:std:iso:30042:ed-2";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A term as exported: (concept's preferred term, language, term, status, type).
type Term = (String, String, String, String, String);

fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Node<'a, 'i> {
    elements(node)
        .find(|n| n.tag_name().name() == name)
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
}

/// Check the TBX-Basic structure and return every term.
fn validate(xml: &str) -> Vec<Term> {
    let doc = Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
    let tbx = doc.root_element();
    assert_eq!(tbx.tag_name().name(), "tbx");
    assert_eq!(tbx.tag_name().namespace(), Some(NS));
    assert_eq!(tbx.attribute("type"), Some("TBX-Basic"));
    assert_eq!(tbx.attribute("style"), Some("dca"));
    assert_eq!(tbx.attribute((XML_NS, "lang")), Some("en"));
    let names: Vec<&str> = elements(tbx).map(|n| n.tag_name().name()).collect();
    assert_eq!(names, ["tbxHeader", "text"]);
    let p = child(
        child(child(child(tbx, "tbxHeader"), "fileDesc"), "sourceDesc"),
        "p",
    );
    assert!(p.text().is_some_and(|t| !t.is_empty()));
    let body = child(child(tbx, "text"), "body");
    let mut ids = BTreeSet::new();
    let mut terms = Vec::new();
    for concept in elements(body) {
        assert_eq!(concept.tag_name().name(), "conceptEntry");
        assert_eq!(concept.tag_name().namespace(), Some(NS));
        let id = concept.attribute("id").expect("conceptEntry id");
        assert!(id.starts_with(|c: char| c.is_ascii_alphabetic()), "{id}");
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let lang_secs: Vec<Node> = elements(concept).collect();
        assert!(!lang_secs.is_empty(), "{id} has no langSec");
        let mut preferred = Vec::new();
        let mut concept_terms = Vec::new();
        let mut langs = BTreeSet::new();
        for lang_sec in lang_secs {
            assert_eq!(lang_sec.tag_name().name(), "langSec");
            let lang = lang_sec
                .attribute((XML_NS, "lang"))
                .expect("langSec xml:lang");
            assert!(langs.insert(lang), "{id}: two langSec for {lang}");
            let term_secs: Vec<Node> = elements(lang_sec).collect();
            assert!(!term_secs.is_empty(), "{id}/{lang} has no termSec");
            for term_sec in term_secs {
                assert_eq!(term_sec.tag_name().name(), "termSec");
                let kids: Vec<Node> = elements(term_sec).collect();
                assert_eq!(kids[0].tag_name().name(), "term", "term comes first");
                let term = kids[0].text().unwrap_or("");
                assert!(!term.is_empty(), "{id}: empty term");
                // term, then termNote*, then note* (the TBX core order).
                let order: Vec<u8> = kids[1..]
                    .iter()
                    .map(|k| match k.tag_name().name() {
                        "termNote" => 0,
                        "note" => 1,
                        other => panic!("unexpected <{other}> in termSec"),
                    })
                    .collect();
                assert!(order.windows(2).all(|w| w[0] <= w[1]), "{id}: order");
                let note = |t: &str| -> Vec<&str> {
                    kids.iter()
                        .filter(|k| k.attribute("type") == Some(t))
                        .map(|k| k.text().unwrap_or(""))
                        .collect()
                };
                let (status, kind) = (note("administrativeStatus"), note("termType"));
                assert_eq!(status.len(), 1, "{id}/{term}: one administrativeStatus");
                assert_eq!(kind.len(), 1, "{id}/{term}: one termType");
                assert!(
                    [
                        "preferredTerm-admn-sts",
                        "admittedTerm-admn-sts",
                        "deprecatedTerm-admn-sts"
                    ]
                    .contains(&status[0]),
                    "{}",
                    status[0]
                );
                assert!(["acronym", "fullForm"].contains(&kind[0]), "{}", kind[0]);
                if status[0] == "preferredTerm-admn-sts" {
                    preferred.push(term.to_string());
                }
                concept_terms.push((
                    lang.to_string(),
                    term.to_string(),
                    status[0].to_string(),
                    kind[0].to_string(),
                ));
            }
        }
        assert_eq!(
            preferred.len(),
            1,
            "{id}: one preferred term: {preferred:?}"
        );
        terms.extend(
            concept_terms
                .into_iter()
                .map(|(l, t, s, k)| (preferred[0].clone(), l, t, s, k)),
        );
    }
    terms
}

#[test]
fn tbx_has_one_concept_per_entity_one_section_per_language_and_statuses() {
    let dir = Dir::new("tbx");
    dir.write(
        "glossary/glossary.csv",
        "canonical,variant,lang,type,status,note\n\
         AT&T <Group>,AT&T <Group>,,name,accepted,\n\
         AT&T <Group>,\"« AT&T » \"\"groupe\"\"\",fr,name,accepted,quotes & co\n\
         ISKP,EI-K,fr,acronym,accepted,\n\
         ISKP,ISKP,en,acronym,accepted,\n\
         ISKP,Islamic State Khorasan Province,,name,accepted,\n\
         ISKP,IS,en,acronym,rejected,another group\n\
         ISKP,Daech,fr,name,unsure,\n\
         Kaluga,Kalouga,fr,name,rejected,\n",
    );
    let xml = dir.ok(&["glossary", "export", "--format", "tbx"]);
    let terms = validate(&xml);
    let got: BTreeSet<(&str, &str, &str, &str, &str)> = terms
        .iter()
        .map(|(c, l, t, s, k)| (c.as_str(), l.as_str(), t.as_str(), s.as_str(), k.as_str()))
        .collect();
    let want: BTreeSet<(&str, &str, &str, &str, &str)> = [
        (
            "AT&T <Group>",
            "en",
            "AT&T <Group>",
            "preferredTerm-admn-sts",
            "fullForm",
        ),
        (
            "AT&T <Group>",
            "fr",
            "« AT&T » \"groupe\"",
            "admittedTerm-admn-sts",
            "fullForm",
        ),
        ("ISKP", "en", "ISKP", "preferredTerm-admn-sts", "acronym"),
        // No language in the glossary: under the canonical's language.
        (
            "ISKP",
            "en",
            "Islamic State Khorasan Province",
            "admittedTerm-admn-sts",
            "fullForm",
        ),
        ("ISKP", "en", "IS", "deprecatedTerm-admn-sts", "acronym"),
        ("ISKP", "fr", "EI-K", "admittedTerm-admn-sts", "acronym"),
        // A rejection alone still makes a concept: its canonical is preferred.
        (
            "Kaluga",
            "en",
            "Kaluga",
            "preferredTerm-admn-sts",
            "fullForm",
        ),
        (
            "Kaluga",
            "fr",
            "Kalouga",
            "deprecatedTerm-admn-sts",
            "fullForm",
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(got, want);
    assert!(!xml.contains("Daech"), "unsure rows are left out");
    assert!(xml.contains("<note>quotes &amp; co</note>"), "{xml}");
    // --lang fr puts the language-less terms under French instead.
    let xml = dir.ok(&["glossary", "export", "--lang", "fr"]);
    let by_term: BTreeMap<String, String> = validate(&xml)
        .into_iter()
        .map(|(_, l, t, _, _)| (t, l))
        .collect();
    assert_eq!(by_term["Islamic State Khorasan Province"], "en");
    assert_eq!(by_term["AT&T <Group>"], "fr");
    // -o writes a file.
    dir.ok(&["glossary", "export", "-o", "out/glossary.tbx"]);
    assert_eq!(
        dir.read("out/glossary.tbx"),
        dir.ok(&["glossary", "export"])
    );
}

#[test]
fn the_projects_curated_glossary_exports_as_valid_tbx() {
    let dir = Dir::new("tbx-seeds");
    let xml = dir.ok(&[
        "glossary",
        "export",
        "--glossary",
        &root().join("glossary/glossary.csv").display().to_string(),
    ]);
    let terms = validate(&xml);
    assert!(terms.len() > 20, "{} terms", terms.len());
}

#[test]
fn a_missing_glossary_is_an_input_error() {
    let dir = Dir::new("tbx-missing");
    let out = dir.run(&["glossary", "export", "--glossary", "nope.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.csv: no such file or directory"));
}
