//! Where every key and value of a data file is written, from the TOML
//! parser's spans: `devices[3].hostname` → its key and its value.
//!
//! Positions are never found by searching the text: `[[ devices ]]`, dotted
//! keys, inline tables and multi-line strings are all valid TOML, and only the
//! parser knows where each of them puts a value.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The places of one file: paths such as `devices[3]`, `devices[3].os`,
/// `people.kanri.name`, `organization`.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    places: HashMap<String, Place>,
    /// Every string value with its path, in file order (for the 〇〇 rule).
    strings: Vec<(String, Range<usize>)>,
}

/// A key's span (when the value has a key) and its value's span. For a
/// `[table]` or `[[table]]` the value's span is its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub key: Option<Range<usize>>,
    pub value: Range<usize>,
}

impl SourceMap {
    /// The map of a parsed document.
    pub fn of(root: &Spanned<DeTable<'_>>) -> SourceMap {
        let mut map = SourceMap::default();
        map.table(root.get_ref(), "");
        map
    }

    fn table(&mut self, table: &DeTable<'_>, path: &str) {
        for (key, value) in table {
            let path = if path.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{path}.{}", key.get_ref())
            };
            self.value(value, &path, Some(key.span()));
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, path: &str, key: Option<Range<usize>>) {
        self.places.insert(
            path.to_string(),
            Place {
                key,
                value: value.span(),
            },
        );
        match value.get_ref() {
            DeValue::Table(t) => self.table(t, path),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.value(item, &format!("{path}[{i}]"), None);
                }
            }
            DeValue::String(_) => self.strings.push((path.to_string(), value.span())),
            _ => {}
        }
    }

    /// The place of `path`, if it is written in this file.
    pub fn get(&self, path: &str) -> Option<&Place> {
        self.places.get(path)
    }

    /// Where a finding about `path` points: the key when it has one (so the
    /// caret sits under `hostname = …`), else the value (`[[devices]]`).
    pub fn start(&self, path: &str) -> Option<usize> {
        self.get(path).map(|p| match &p.key {
            // `[people.kanri]`: the header, not the key inside it.
            Some(key) if p.value.start <= key.start && key.end <= p.value.end => p.value.start,
            Some(key) => key.start,
            None => p.value.start,
        })
    }

    /// Where a value of `path` starts (the value, not its key).
    pub fn value_start(&self, path: &str) -> Option<usize> {
        self.get(path).map(|p| p.value.start)
    }

    /// `record.key` when written, else `record` itself, else the file's start.
    pub fn field_or_record(&self, record: &str, key: &str) -> usize {
        self.start(&format!("{record}.{key}"))
            .or_else(|| self.start(record))
            .unwrap_or(0)
    }

    /// The deepest path whose key or value holds byte `offset` (what an error
    /// at that offset is about), if any.
    pub fn path_at(&self, offset: usize) -> Option<&str> {
        let holds = |r: &Range<usize>| r.start <= offset && offset < r.end.max(r.start + 1);
        self.places
            .iter()
            .filter(|(_, p)| p.key.as_ref().is_some_and(holds) || holds(&p.value))
            .max_by_key(|(path, p)| {
                (
                    path.matches(['.', '[']).count(),
                    std::cmp::Reverse(p.value.start),
                    path.as_str(),
                )
            })
            .map(|(path, _)| path.as_str())
    }

    /// The places of `path` and of everything under it (`devices[3]`,
    /// `devices[3].os` …).
    pub fn places_under<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Place> + 'a {
        self.places.iter().filter_map(move |(p, place)| {
            let under = p == path
                || p.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['));
            under.then_some(place)
        })
    }

    /// Every string value with its path and span, in file order.
    pub fn strings(&self) -> impl Iterator<Item = (&str, &Range<usize>)> {
        self.strings.iter().map(|(p, r)| (p.as_str(), r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(src: &str) -> SourceMap {
        SourceMap::of(&DeTable::parse(src).unwrap())
    }

    #[test]
    fn array_of_tables_with_spaces_in_the_header() {
        let src = "[[devices]]\nid = \"1\"\n\n[[ devices ]]\nos = \"A\"\n";
        let m = map(src);
        assert_eq!(m.start("devices[1]"), Some(src.find("[[ devices").unwrap()));
        assert_eq!(m.start("devices[1].os"), Some(src.find("os =").unwrap()));
        assert_eq!(
            m.value_start("devices[1].os"),
            Some(src.find("\"A\"").unwrap())
        );
        assert_eq!(
            m.field_or_record("devices[0]", "os"),
            0,
            "not written: the record's header"
        );
    }

    #[test]
    fn dotted_keys_and_inline_tables() {
        let src = "people.c.name = \"z\"\ndevices = [ { id = \"1\" }, { os = \"\" } ]\n";
        let m = map(src);
        assert_eq!(m.start("people.c.name"), Some(src.find("name").unwrap()));
        assert_eq!(m.start("devices[1].os"), Some(src.find("os =").unwrap()));
        assert_eq!(m.start("devices[1]"), Some(src.find("{ os").unwrap()));
    }
}
