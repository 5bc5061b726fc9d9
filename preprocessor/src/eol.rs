//! End of support of operating systems and Office: a dated, sourced table
//! read from data (`preprocessor/rules/eol.toml`, bundled), which a book may
//! extend or override with its own `rules/eol.toml` (rows looked up first).
//!
//! A device's `os` (or `software`) is matched loosely: "Win11 23H2",
//! "Windows10 Pro", "ウィンドウズ10", "windows server 2012 r2" all match.
//! Long-term servicing editions (LTSC / LTSB, IoT) have their own rows.

use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The bundled table.
pub const BUNDLED: &str = include_str!("../rules/eol.toml");

/// Days before the end of support a device is announced (a notice).
pub const WARN_DAYS: i64 = 180;

/// An extended security update programme of a product.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Esu {
    /// As printed (消費者向け ESU, 法人向け ESU).
    pub name: String,
    /// Last day of the programme's updates.
    pub until: Date,
    pub source: String,
}

/// One product whose support ends on a known date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EndOfSupport {
    /// The product as printed in findings.
    pub product: String,
    /// Last day of security updates.
    pub end: Date,
    /// Where the date is published.
    pub source: String,
    /// Normalised name prefix (see [`normalise`]) the product is written as.
    matches: String,
    /// Words (normalised) that must also appear, `a|b` either; e.g. the release.
    #[serde(default)]
    with: Vec<String>,
    /// Words (normalised) that exclude the row, e.g. an enterprise edition.
    #[serde(default)]
    without: Vec<String>,
    /// Extended security update programmes.
    #[serde(default)]
    pub esu: Vec<Esu>,
}

impl EndOfSupport {
    /// The last day a device is updated: its ESU enrolment (capped at the
    /// latest programme) when the product has one, else [`Self::end`].
    pub fn end_for(&self, enrolled: Option<Date>) -> Date {
        match (enrolled, self.esu.iter().map(|e| e.until).max()) {
            (Some(until), Some(cap)) => until.min(cap).max(self.end),
            _ => self.end,
        }
    }
}

/// The table: rows in lookup order, and the date it was last brought up to date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub updated: Option<Date>,
    #[serde(default)]
    pub products: Vec<EndOfSupport>,
}

impl Table {
    /// Parses a table file.
    pub fn parse(text: &str) -> Result<Table, toml::de::Error> {
        toml::from_str(text)
    }

    /// The bundled table.
    pub fn bundled() -> Table {
        Table::parse(BUNDLED).expect("the bundled eol.toml is valid")
    }

    /// The bundled table with a book's `rules/eol.toml` (if any) in front.
    pub fn for_book(rules: &Path) -> anyhow::Result<Table> {
        let mut table = Table::bundled();
        let path = rules.join("eol.toml");
        if path.is_file() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("{} を読めません", path.display()))?;
            let own = Table::parse(&text)
                .map_err(|e| anyhow::anyhow!("{} に誤りがあります: {e}", path.display()))?;
            table.updated = own.updated.max(table.updated);
            let mut rows = own.products;
            rows.append(&mut table.products);
            table.products = rows;
        }
        Ok(table)
    }

    /// The row `name` (a device's OS or software) falls under, if any.
    pub fn lookup(&self, name: &str) -> Option<&EndOfSupport> {
        let n = normalise(name);
        self.products.iter().find(|row| {
            let Some(pos) = n.find(row.matches.as_str()) else {
                return false;
            };
            // "win8" must not match "win8.1" or "win80"; "win1" is never a row.
            let next = n[pos + row.matches.len()..].chars().next();
            let numbered = row.matches.ends_with(|c: char| c.is_ascii_digit());
            if numbered && next.is_some_and(|c| c.is_ascii_digit() || c == '.') {
                return false;
            }
            row.with
                .iter()
                .all(|w| w.split('|').any(|alt| n.contains(alt)))
                && !row.without.iter().any(|w| n.contains(w.as_str()))
        })
    }

    /// Where `name` stands on `as_of`, for a device enrolled in ESU until `esu`.
    pub fn status(&self, name: &str, esu: Option<Date>, as_of: Date) -> Option<Support<'_>> {
        let row = self.lookup(name)?;
        let end = row.end_for(esu);
        if end < as_of {
            Some(Support::Ended { row, end })
        } else if end.days() - as_of.days() <= WARN_DAYS {
            Some(Support::Ending { row, end })
        } else {
            None
        }
    }
}

/// A device's product whose support has ended, or ends within [`WARN_DAYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support<'a> {
    /// Past `end` (the device's ESU enrolment counted).
    Ended { row: &'a EndOfSupport, end: Date },
    /// `end` is today or within [`WARN_DAYS`].
    Ending { row: &'a EndOfSupport, end: Date },
}

/// Lower case, `microsoft` dropped, `windows` (and ウィンドウズ) shortened to
/// `win`, and the product glued to its number: "Microsoft Windows Server 2012
/// R2" → "winserver2012 r2", "Win 10 Pro 22H2" → "win10 pro 22h2".
pub fn normalise(name: &str) -> String {
    let lower: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            // Full-width digits and letters, as Japanese input often gives them.
            '０'..='９' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            '-' | '_' | '　' => ' ',
            _ => c,
        })
        .collect();
    let spaced = lower
        .replace("ウィンドウズ", " windows ")
        .replace("ウインドウズ", " windows ")
        .replace("オフィス", " office ")
        .replace("サーバー", " server ")
        .replace("サーバ", " server ")
        .replace("microsoft", " ")
        .replace("windows", "win ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    spaced
        .replace("win ", "win")
        .replace("server ", "server")
        .replace("office ", "office")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn product(name: &str) -> Option<String> {
        Table::bundled().lookup(name).map(|r| r.product.clone())
    }

    #[test]
    fn loose_names_match() {
        assert_eq!(product("Win8").as_deref(), Some("Windows 8"));
        assert_eq!(product("Windows 8.1 Pro").as_deref(), Some("Windows 8.1"));
        assert_eq!(
            product("Windows 7 Professional SP1").as_deref(),
            Some("Windows 7")
        );
        let win10 = Some("Windows 10 Home / Pro / Enterprise / Education 22H2");
        for name in [
            "Windows 10 Pro 22H2",
            "win10",
            "Win10",
            "Windows10 Pro",
            "ウィンドウズ10",
            "ウインドウズ１０ Pro",
            "ＷＩＮ１０",
        ] {
            assert_eq!(product(name).as_deref(), win10, "{name}");
        }
        assert_eq!(
            product("Win11 23H2").as_deref(),
            Some("Windows 11 23H2 (Home / Pro)")
        );
        assert_eq!(
            product("Windows 11 Pro 24H2").as_deref(),
            Some("Windows 11 24H2 (Home / Pro)")
        );
        assert_eq!(
            product("Windows11 Enterprise 25H2").as_deref(),
            Some("Windows 11 25H2 (Enterprise / Education)")
        );
        assert_eq!(
            product("Windows 11 Enterprise 23H2").as_deref(),
            Some("Windows 11 23H2 (Enterprise / Education)")
        );
        assert_eq!(
            product("Windows Server 2012 R2 Standard").as_deref(),
            Some("Windows Server 2012 / 2012 R2")
        );
        assert_eq!(
            product("Windows Server 2019 Standard").as_deref(),
            Some("Windows Server 2019")
        );
        assert_eq!(
            product("Microsoft Office 2016").as_deref(),
            Some("Office 2016")
        );
        assert_eq!(
            product("Office Home & Business 2021").as_deref(),
            Some("Office 2021")
        );
        assert_eq!(product("Office 2021").as_deref(), Some("Office 2021"));
        assert_eq!(product("オフィス2024").as_deref(), Some("Office 2024"));
        assert_eq!(
            product("Windows 10 Enterprise LTSC 2021").as_deref(),
            Some("Windows 10 Enterprise LTSC 2021")
        );
        assert_eq!(
            product("Windows 10 IoT Enterprise LTSC 2021").as_deref(),
            Some("Windows 10 IoT Enterprise LTSC 2021")
        );
        assert_eq!(
            product("Windows 10 Enterprise LTSC 2019").as_deref(),
            Some("Windows 10 Enterprise LTSC 2019")
        );
    }

    #[test]
    fn supported_and_unknown_names_do_not_match() {
        assert_eq!(product("Windows 11 Pro"), None, "no release: unknown");
        assert_eq!(product("Windows 11 IoT Enterprise LTSC 2024"), None);
        assert_eq!(product("Windows Server 2022 Standard"), None);
        assert_eq!(product("iPadOS 18"), None);
        assert_eq!(product("FortiOS"), None);
        assert_eq!(product("Windows 80"), None);
    }

    #[test]
    fn boundaries_day_before_day_of_and_after() {
        let t = Table::bundled();
        let is_ended =
            |name, esu, d| matches!(t.status(name, esu, day(d)), Some(Support::Ended { .. }));
        let is_ending =
            |name, esu, d| matches!(t.status(name, esu, day(d)), Some(Support::Ending { .. }));
        // Windows 11 24H2 Home/Pro: last day 2026-10-13.
        assert!(is_ending("Windows 11 Pro 24H2", None, "2026-10-12"));
        assert!(
            is_ending("Windows 11 Pro 24H2", None, "2026-10-13"),
            "the last day is still supported"
        );
        assert!(is_ended("Windows 11 Pro 24H2", None, "2026-10-14"));
        // 180 days before: a notice; 181 days before: nothing.
        assert!(is_ending("Office 2021", None, "2026-04-16"));
        assert_eq!(t.status("Office 2021", None, day("2026-04-15")), None);
        assert!(is_ended("Windows 10 22H2", None, "2025-10-15"));
        assert!(!is_ended("Windows 10 22H2", None, "2025-10-14"));
    }

    #[test]
    fn esu_enrolment_moves_the_end_up_to_the_programme() {
        let t = Table::bundled();
        let row = t.lookup("Windows 10 Pro").unwrap();
        assert_eq!(row.end_for(None), day("2025-10-14"));
        assert_eq!(row.end_for(Some(day("2026-10-13"))), day("2026-10-13"));
        assert_eq!(
            row.end_for(Some(day("2030-01-01"))),
            day("2028-10-10"),
            "capped"
        );
        let enrolled = Some(day("2026-10-13"));
        assert!(matches!(
            t.status("Win10", enrolled, day("2026-10-13")),
            Some(Support::Ending { .. })
        ));
        assert!(matches!(
            t.status("Win10", enrolled, day("2026-10-14")),
            Some(Support::Ended { .. })
        ));
        // A product without ESU ignores the enrolment.
        let office = t.lookup("Office 2016").unwrap();
        assert_eq!(office.end_for(enrolled), day("2025-10-14"));
    }

    #[test]
    fn a_book_row_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("eol.toml"),
            "updated = 2027-01-01\n[[products]]\nproduct = \"レセコンOS X\"\nend = 2026-03-31\nsource = \"https://example.jp/\"\nmatches = \"receos\"\n",
        )
        .unwrap();
        let t = Table::for_book(dir.path()).unwrap();
        assert_eq!(t.products[0].product, "レセコンOS X");
        assert_eq!(t.updated, Some(day("2027-01-01")));
        assert!(t.lookup("Win10").is_some(), "the bundled rows stay");
    }

    #[test]
    fn every_row_is_sourced_and_dated_on_a_tuesday() {
        for row in Table::bundled().products {
            assert!(row.source.starts_with("https://"), "{}", row.product);
            // Microsoft ends support on Patch Tuesday; 1970-01-01 was a Thursday.
            let tuesday = |d: Date| (d.days() + 4).rem_euclid(7) == 2;
            assert!(tuesday(row.end), "{}", row.product);
            for e in &row.esu {
                assert!(tuesday(e.until), "{} {}", row.product, e.name);
                assert!(e.source.starts_with("https://"));
            }
        }
    }
}
