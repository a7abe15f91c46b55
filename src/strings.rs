//! Many short strings stored end to end in one allocation, numbered in the
//! order they were added, with an optional sorted order for lookups. A
//! glossary of 100 000 variants held as `String`s costs a heap block and 24
//! bytes of header per string; here it costs the bytes and one offset.

use crate::error::{Error, Result};
use std::collections::HashMap;

/// Strings numbered from 0 in the order they were pushed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    /// Add `s`; returns its number.
    pub(crate) fn push(&mut self, s: &str) -> usize {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        self.ends.len() - 1
    }

    /// String number `i`.
    ///
    /// # Panics
    /// When `i` is not the number of a string.
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Number of strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Give back the memory reserved but not used.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// The numbers of the strings in byte order, each string once (the
    /// first number of equal strings), for [`Strings::find`].
    ///
    /// # Errors
    /// More than 2³² − 1 strings.
    pub(crate) fn sorted(&self) -> Result<Vec<u32>> {
        let n = u32::try_from(self.len())
            .map_err(|_| Error::usage(format!("too many strings to index: {}", self.len())))?;
        let mut order: Vec<u32> = (0..n).collect();
        // Stable: the first of equal strings comes first, and stays.
        order.sort_by(|&a, &b| self.get(a as usize).cmp(self.get(b as usize)));
        order.dedup_by(|a, b| self.get(*a as usize) == self.get(*b as usize));
        order.shrink_to_fit();
        Ok(order)
    }

    /// The number of `s`, by binary search in `sorted` (from
    /// [`Strings::sorted`]).
    pub(crate) fn find(&self, sorted: &[u32], s: &str) -> Option<usize> {
        let at = sorted
            .binary_search_by(|&i| self.get(i as usize).cmp(s))
            .ok()?;
        Some(sorted[at] as usize)
    }
}

/// [`Strings`] numbering each distinct string once (canonical forms shared
/// by many variants).
#[derive(Debug, Default)]
pub(crate) struct Interner {
    strings: Strings,
    ids: HashMap<String, u32>,
}

impl Interner {
    /// The number of `s`, given when it is first seen; `None` past 2³² − 1
    /// distinct strings.
    pub(crate) fn intern(&mut self, s: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(s) {
            return Some(id);
        }
        let id = u32::try_from(self.strings.len()).ok()?;
        self.strings.push(s);
        self.ids.insert(s.to_string(), id);
        Some(id)
    }

    /// Number of distinct strings.
    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }

    /// The strings by number; the lookup table is dropped.
    pub(crate) fn into_strings(self) -> Strings {
        let mut strings = self.strings;
        strings.shrink_to_fit();
        strings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_sorted_and_found() {
        let mut s = Strings::default();
        for w in ["kaluga", "", "almaty", "kaluga", "tachkent"] {
            s.push(w);
        }
        assert_eq!(s.get(1), "");
        assert_eq!(s.get(3), "kaluga");
        assert_eq!(s.len(), 5);
        let sorted = s.sorted().unwrap();
        let all: Vec<&str> = sorted.iter().map(|&i| s.get(i as usize)).collect();
        assert_eq!(all, ["", "almaty", "kaluga", "tachkent"]);
        let cases = [
            ("kaluga", Some(0)),
            ("", Some(1)),
            ("tachkent", Some(4)),
            ("kalug", None),
            ("zz", None),
        ];
        for (w, want) in cases {
            assert_eq!(s.find(&sorted, w), want, "{w:?}");
        }
    }

    #[test]
    fn interned_once_each() {
        let mut i = Interner::default();
        let ids: Vec<Option<u32>> = ["Kaluga", "Tashkent", "Kaluga", ""]
            .iter()
            .map(|s| i.intern(s))
            .collect();
        assert_eq!(ids, [Some(0), Some(1), Some(0), Some(2)]);
        assert_eq!(i.len(), 3);
        let s = i.into_strings();
        assert_eq!((s.get(0), s.get(1), s.get(2)), ("Kaluga", "Tashkent", ""));
    }
}
