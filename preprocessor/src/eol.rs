//! End of support of operating systems and Office, from Microsoft's lifecycle pages.
//!
//! One dated, sourced row per product (or Windows 11 release and edition). To
//! update: add or change a row of [`TABLE`]; the tests below pin the matching.
//! A device's `os` (or `software`) is matched loosely: "Win11 23H2",
//! "Windows 10 Pro 22H2", "Win8" and "windows server 2012 r2" all match.
//! Long-term servicing editions (LTSC / LTSB, IoT) have their own, later dates
//! and are not matched by the ordinary rows.

use crate::date::Date;

/// One product whose support ends on a known date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndOfSupport {
    /// The product as printed in findings.
    pub product: &'static str,
    /// Last day of security updates.
    pub end: Date,
    /// Microsoft's lifecycle page the date is taken from.
    pub source: &'static str,
    /// Normalised name prefix (see [`normalise`]) the product is written as.
    matches: &'static str,
    /// Words (normalised) that must also appear, e.g. the Windows 11 release.
    with: &'static [&'static str],
    /// Words (normalised) that exclude the row, e.g. an enterprise edition.
    without: &'static [&'static str],
}

const fn d(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// Where every row's source lives.
pub const LIFECYCLE: &str = "https://learn.microsoft.com/lifecycle/products/";
const LTSC: &[&str] = &["ltsc", "ltsb", "iot"];
const ENTERPRISE: &[&str] = &["enterprise", "education", "ltsc", "ltsb", "iot"];

macro_rules! row {
    ($product:expr, $end:expr, $page:literal, $matches:literal, $with:expr, $without:expr) => {
        EndOfSupport {
            product: $product,
            end: $end,
            source: concat!("https://learn.microsoft.com/lifecycle/products/", $page),
            matches: $matches,
            with: $with,
            without: $without,
        }
    };
}

/// The table, most specific rows first (the first matching row wins).
pub const TABLE: &[EndOfSupport] = &[
    row!("Windows XP", d(2014, 4, 8), "windows-xp", "winxp", &[], &[]),
    row!(
        "Windows Vista",
        d(2017, 4, 11),
        "windows-vista",
        "winvista",
        &[],
        &[]
    ),
    row!("Windows 7", d(2020, 1, 14), "windows-7", "win7", &[], &[]),
    row!(
        "Windows 8.1",
        d(2023, 1, 10),
        "windows-81",
        "win8.1",
        &[],
        &[]
    ),
    row!("Windows 8", d(2016, 1, 12), "windows-8", "win8", &[], &[]),
    row!(
        "Windows 10 Home / Pro / Enterprise / Education 22H2",
        d(2025, 10, 14),
        "windows-10-home-and-pro",
        "win10",
        &[],
        LTSC
    ),
    row!(
        "Windows 11 21H2 (Enterprise / Education)",
        d(2024, 10, 8),
        "windows-11-enterprise-and-education",
        "win11",
        &["21h2", "enterprise|education"],
        LTSC
    ),
    row!(
        "Windows 11 21H2 (Home / Pro)",
        d(2023, 10, 10),
        "windows-11-home-and-pro",
        "win11",
        &["21h2"],
        ENTERPRISE
    ),
    row!(
        "Windows 11 22H2 (Enterprise / Education)",
        d(2025, 10, 14),
        "windows-11-enterprise-and-education",
        "win11",
        &["22h2", "enterprise|education"],
        LTSC
    ),
    row!(
        "Windows 11 22H2 (Home / Pro)",
        d(2024, 10, 8),
        "windows-11-home-and-pro",
        "win11",
        &["22h2"],
        ENTERPRISE
    ),
    row!(
        "Windows 11 23H2 (Enterprise / Education)",
        d(2026, 11, 10),
        "windows-11-enterprise-and-education",
        "win11",
        &["23h2", "enterprise|education"],
        LTSC
    ),
    row!(
        "Windows 11 23H2 (Home / Pro)",
        d(2025, 11, 11),
        "windows-11-home-and-pro",
        "win11",
        &["23h2"],
        ENTERPRISE
    ),
    row!(
        "Windows 11 24H2 (Enterprise / Education)",
        d(2027, 10, 12),
        "windows-11-enterprise-and-education",
        "win11",
        &["24h2", "enterprise|education"],
        LTSC
    ),
    row!(
        "Windows 11 24H2 (Home / Pro)",
        d(2026, 10, 13),
        "windows-11-home-and-pro",
        "win11",
        &["24h2"],
        ENTERPRISE
    ),
    row!(
        "Windows Server 2008 / 2008 R2",
        d(2020, 1, 14),
        "windows-server-2008-r2",
        "winserver2008",
        &[],
        &[]
    ),
    row!(
        "Windows Server 2012 / 2012 R2",
        d(2023, 10, 10),
        "windows-server-2012-r2",
        "winserver2012",
        &[],
        &[]
    ),
    row!(
        "Windows Server 2016",
        d(2027, 1, 12),
        "windows-server-2016",
        "winserver2016",
        &[],
        &[]
    ),
    row!(
        "Office 2010",
        d(2020, 10, 13),
        "microsoft-office-2010",
        "office2010",
        &[],
        &[]
    ),
    row!(
        "Office 2013",
        d(2023, 4, 11),
        "microsoft-office-2013",
        "office2013",
        &[],
        &[]
    ),
    row!(
        "Office 2016",
        d(2025, 10, 14),
        "microsoft-office-2016",
        "office2016",
        &[],
        &[]
    ),
    row!(
        "Office 2019",
        d(2025, 10, 14),
        "microsoft-office-2019",
        "office2019",
        &[],
        &[]
    ),
];

/// Lower case, `microsoft` dropped, `windows` shortened to `win`, and the
/// product glued to its number: "Microsoft Windows Server 2012 R2" →
/// "winserver2012 r2", "Win 10 Pro 22H2" → "win10 pro 22h2".
pub fn normalise(name: &str) -> String {
    let lower: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            // Full-width digits and letters, as Japanese input often gives them.
            '０'..='９' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '-' | '_' | '　' => ' ',
            _ => c,
        })
        .collect();
    let spaced = lower
        .replace("microsoft", " ")
        .replace("windows", "win")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    spaced
        .replace("win ", "win")
        .replace("server ", "server")
        .replace("office ", "office")
}

/// The row `name` (a device's OS or software) falls under, if any.
pub fn lookup(name: &str) -> Option<&'static EndOfSupport> {
    let n = normalise(name);
    TABLE.iter().find(|row| {
        let Some(pos) = n.find(row.matches) else {
            return false;
        };
        // "win8" must not match "win8.1" or "win80"; "win1" is never a row.
        let next = n[pos + row.matches.len()..].chars().next();
        if next.is_some_and(|c| c.is_ascii_digit() || c == '.') {
            return false;
        }
        row.with
            .iter()
            .all(|w| w.split('|').any(|alt| n.contains(alt)))
            && !row.without.iter().any(|w| n.contains(w))
    })
}

/// The row of `name` when its support ended before `as_of`.
pub fn ended(name: &str, as_of: Date) -> Option<&'static EndOfSupport> {
    lookup(name).filter(|row| row.end < as_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(name: &str) -> Option<&'static str> {
        lookup(name).map(|r| r.product)
    }

    #[test]
    fn loose_names_match() {
        assert_eq!(product("Win8"), Some("Windows 8"));
        assert_eq!(product("Windows 8.1 Pro"), Some("Windows 8.1"));
        assert_eq!(product("Windows 7 Professional SP1"), Some("Windows 7"));
        assert_eq!(
            product("Windows 10 Pro 22H2"),
            Some("Windows 10 Home / Pro / Enterprise / Education 22H2")
        );
        assert_eq!(product("win10"), product("Windows 10"));
        assert_eq!(product("Win11 23H2"), Some("Windows 11 23H2 (Home / Pro)"));
        assert_eq!(
            product("Windows 11 Enterprise 23H2"),
            Some("Windows 11 23H2 (Enterprise / Education)")
        );
        assert_eq!(
            product("Windows Server 2012 R2 Standard"),
            Some("Windows Server 2012 / 2012 R2")
        );
        assert_eq!(product("Microsoft Office 2016"), Some("Office 2016"));
        assert_eq!(product("ＷＩＮ１０"), product("Windows 10"));
    }

    #[test]
    fn supported_and_unknown_names_do_not_match() {
        assert_eq!(product("Windows 11 Pro"), None, "no release: unknown");
        assert_eq!(product("Windows 11 IoT Enterprise LTSC 2024"), None);
        assert_eq!(product("Windows 10 Enterprise LTSC 2021"), None);
        assert_eq!(product("Windows Server 2022 Standard"), None);
        assert_eq!(product("iPadOS 18"), None);
        assert_eq!(product("FortiOS"), None);
        assert_eq!(product("Windows 80"), None);
    }

    #[test]
    fn ended_is_judged_against_the_date() {
        let day = |s| Date::parse(s).unwrap();
        assert!(ended("Windows 10 22H2", day("2025-10-14")).is_none());
        assert!(ended("Windows 10 22H2", day("2025-10-15")).is_some());
        assert!(ended("Win11 23H2", day("2025-11-01")).is_none());
        assert!(ended("Win11 23H2", day("2025-11-12")).is_some());
    }

    #[test]
    fn every_row_is_sourced_and_dated_on_a_tuesday() {
        for row in TABLE {
            assert!(row.source.starts_with(LIFECYCLE), "{}", row.product);
            // Microsoft ends support on Patch Tuesday; 1970-01-01 was a Thursday.
            assert_eq!((row.end.days() + 4).rem_euclid(7), 2, "{}", row.product);
        }
    }
}
